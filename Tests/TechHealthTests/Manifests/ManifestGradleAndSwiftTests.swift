import Testing
import TechHealth

@Suite("Gradle and Swift manifests")
struct ManifestGradleAndSwiftTests {
    @Test("libs.versions.toml: every library form, version.ref resolved, rich versions, plugins as marker coordinates")
    func versionCatalog() throws {
        let harvest = try parseFixture("gradle/libs.versions.toml", as: "gradle/libs.versions.toml").harvest
        #expect(harvest.problems.isEmpty)
        #expect(harvest.dependency("com.squareup.okhttp3:okhttp")?.version == "4.12.0")
        #expect(harvest.dependency("com.squareup.okhttp3:okhttp")?.location.line == 7)
        #expect(harvest.dependency("org.jetbrains.kotlin:kotlin-stdlib")?.version == "2.0.21")
        #expect(harvest.dependency("io.ktor:ktor-server-core")?.version == "2.3.12")
        #expect(harvest.dependency("com.google.guava:guava")?.version == "33.2.1-jre")
        let junit = try #require(harvest.dependency("org.junit.jupiter:junit-jupiter"))
        #expect(junit.declared == "[5.10, 6.0[")
        #expect(junit.version == nil)
        #expect(harvest.dependency("org.slf4j:slf4j-bom")?.declared == nil)
        let kotlinPlugin = try #require(harvest.dependency("org.jetbrains.kotlin.jvm:org.jetbrains.kotlin.jvm.gradle.plugin"))
        #expect(kotlinPlugin.version == "2.0.21")
        #expect(kotlinPlugin.scope == "plugin")
        #expect(harvest.dependency("com.diffplug.spotless:com.diffplug.spotless.gradle.plugin")?.version == "6.25.0")
    }

    @Test("build.gradle.kts: literal coordinates with their configuration and line; same-file variables resolved")
    func kotlinScript() throws {
        let harvest = try parseFixture("gradle/build.gradle.kts", as: "build.gradle.kts").harvest
        #expect(harvest.dependency("org.jetbrains.exposed:exposed-core")?.version == "0.52.0")
        #expect(harvest.dependency("org.jetbrains.exposed:exposed-core")?.location.line == 10)
        #expect(harvest.dependency("org.jetbrains.exposed:exposed-jdbc")?.version == "0.52.0")
        #expect(harvest.dependency("org.postgresql:postgresql")?.scope == "runtimeOnly")
        #expect(harvest.dependency("io.mockk:mockk")?.declared == "1.13.+")
        #expect(harvest.dependency("io.mockk:mockk")?.version == nil)
        #expect(harvest.dependency("com.example:commented-out") == nil)
        #expect(harvest.dependency("org.springframework.boot:spring-boot-dependencies")?.version == "3.3.4")
        #expect(harvest.dependency("com.example:computed")?.version == nil)
    }

    @Test("build.gradle (Groovy): single-quoted coordinates, $var in double quotes, classpath")
    func groovyScript() throws {
        let harvest = try parseFixture("gradle/build.gradle", as: "build.gradle").harvest
        #expect(harvest.dependency("com.android.tools.build:gradle")?.scope == "classpath")
        #expect(harvest.dependency("com.squareup.retrofit2:converter-gson")?.version == "2.11.0")
        #expect(harvest.dependency("junit:junit")?.version == "4.13.2")
    }

    @Test("Package.swift: each .package form, named by location, tools version as the swift pin")
    func packageSwift() throws {
        let harvest = try parseFixture("swift/Package.swift", as: "Package.swift").harvest
        #expect(harvest.problems.isEmpty)
        #expect(harvest.runtimes == [RuntimePin(runtime: "swift", version: "5.10", location: ManifestLocation(file: "Package.swift", line: 1))])
        let log = try #require(harvest.dependency("github.com/apple/swift-log"))
        #expect(log.declared == "from: 1.5.0")
        #expect(log.location.line == 8)
        #expect(harvest.dependency("github.com/vapor/vapor")?.version == "4.99.3")
        #expect(harvest.dependency("github.com/apple/swift-nio")?.declared == "2.60.0..<3.0.0")
        let auth = try #require(harvest.dependency("github.com/acme/acme-auth"))
        #expect(auth.declared == "branch: main")
        #expect(auth.location.line == 11)
        #expect(harvest.dependency("github.com/pointfreeco/swift-snapshot-testing")?.declared == "upToNextMinor(from: 1.17.0)")
        #expect(harvest.dependency("mona.linkedlist")?.declared == "from: 1.0.0")
        #expect(harvest.dependencies.count == 6)
    }

    @Test("Package.resolved v3 and v1; a branch pin has no version")
    func packageResolved() throws {
        let v3 = try parseFixture("swift/Package.resolved", as: "Package.resolved").harvest
        #expect(v3.problems.isEmpty)
        #expect(v3.dependency("github.com/apple/swift-log")?.version == "1.6.1")
        #expect(v3.dependency("github.com/acme/acme-auth")?.version == nil)
        #expect(v3.dependency("github.com/acme/acme-auth")?.declared == "branch: main")
        let v1 = try parseFixture("swift/Package.resolved.v1", as: "Package.resolved", kind: .swiftResolved).harvest
        #expect(v1.dependency("github.com/apple/swift-log")?.version == "1.4.2")
        #expect(v1.dependency("github.com/kitura/kitura")?.declared == "revision: d8b9a1c")
    }

    @Test("Merging Package.swift with Package.resolved: versions from the pins, the rest transitive")
    func swiftMerge() throws {
        let merged = ManifestInventory.merge([
            try parseFixture("swift/Package.swift", as: "Package.swift"),
            try parseFixture("swift/Package.resolved", as: "Package.resolved"),
        ])
        let log = try #require(merged.dependency("github.com/apple/swift-log"))
        #expect(log.direct && log.version == "1.6.1" && log.declared == "from: 1.5.0" && log.location.file == "Package.swift")
        #expect(merged.dependency("github.com/apple/swift-nio")?.version == "2.72.0")
        #expect(merged.dependency("github.com/apple/swift-atomics")?.direct == false)
        #expect(merged.all("github.com/vapor/vapor").count == 1)
    }
}
