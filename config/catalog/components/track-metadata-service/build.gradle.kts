plugins {
    alias(libs.plugins.kotlin.jvm)
    alias(libs.plugins.protobuf)
    application
}

group = "music.tempo.catalog"
version = "4.2.0"

repositories {
    mavenCentral()
}

kotlin {
    jvmToolchain(21)
}

dependencies {
    implementation(libs.kotlinx.coroutines.core)
    implementation(libs.bundles.grpc)
    implementation(libs.jackson.databind)
    implementation(libs.jackson.module.kotlin)
    runtimeOnly(libs.postgresql)
    implementation("io.micrometer:micrometer-registry-prometheus:1.13.6")
    testImplementation(libs.junit.jupiter)
}

application {
    mainClass.set("music.tempo.catalog.TrackMetadataServerKt")
}

tasks.test {
    useJUnitPlatform()
}
