plugins {
    alias(libs.plugins.kotlin.jvm)
    application
}

val exposedVersion = "0.52.0"

dependencies {
    implementation(libs.okhttp)
    implementation("org.jetbrains.exposed:exposed-core:$exposedVersion")
    implementation("org.jetbrains.exposed:exposed-jdbc:${exposedVersion}")
    runtimeOnly("org.postgresql:postgresql:42.7.3")
    testImplementation("io.mockk:mockk:1.13.+")
    // implementation("com.example:commented-out:1.0.0")
    implementation(platform("org.springframework.boot:spring-boot-dependencies:3.3.4"))
    implementation("com.example:computed:${project.property("computedVersion")}")
}

application {
    mainClass.set("com.acme.MainKt")
}
