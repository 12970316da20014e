import Testing
import TechHealth

@Suite("Dockerfiles and runtime pin files")
struct ManifestDockerAndPinTests {
    @Test("The final stage's base image, with ARG defaults substituted and --platform skipped")
    func finalStage() throws {
        let harvest = try parseFixture("docker/Dockerfile", as: "Dockerfile").harvest
        #expect(harvest.problems.isEmpty)
        #expect(harvest.dependencies == [HarvestedDependency(
            ecosystem: .docker, name: "node", declared: "20.11.1-alpine3.19", version: "20.11.1-alpine3.19", direct: true,
            location: ManifestLocation(file: "Dockerfile", line: 14), scope: "base-image")])
        #expect(harvest.runtime("nodejs")?.version == "20.11.1-alpine3.19")
        #expect(harvest.runtime("alpine")?.version == "3.19")
    }

    @Test("A digest-only final image has no tag version; the build stage's Debian is not the runtime's")
    func digest() throws {
        let harvest = try parseFixture("docker/Dockerfile.python", as: "Dockerfile.python").harvest
        let image = try #require(harvest.dependencies.first)
        #expect(image.name == "gcr.io/distroless/python3-debian12")
        #expect(image.version == nil)
        #expect(image.declared?.hasPrefix("@sha256:") == true)
        #expect(harvest.runtimes.isEmpty)
    }

    @Test("FROM <stage> resolves to that stage's base image")
    func stageAlias() throws {
        let harvest = try parseFixture("docker/Dockerfile.stage-alias", as: "Dockerfile").harvest
        #expect(harvest.dependency("eclipse-temurin")?.version == "21-jdk")
        #expect(harvest.dependency("eclipse-temurin")?.location.line == 4)
        #expect(harvest.runtime("java")?.version == "21-jdk")
    }

    @Test("An ARG without a default is reported, not guessed")
    func unresolvedArgument() throws {
        let harvest = try parseFixture("docker/Dockerfile.unresolved", as: "Dockerfile").harvest
        #expect(harvest.dependencies.isEmpty)
        #expect(harvest.problems.map(\.location.line) == [2])
        #expect(harvest.problems.first?.message.contains("$BASE_IMAGE") == true)
    }

    @Test(".NET images map to dotnet, and a Ubuntu code name in the tag to ubuntu")
    func dotnet() throws {
        let harvest = try parseFixture("docker/Dockerfile.dotnet", as: "Dockerfile").harvest
        #expect(harvest.dependency("mcr.microsoft.com/dotnet/aspnet")?.version == "8.0-jammy")
        #expect(harvest.runtime("dotnet")?.version == "8.0-jammy")
        #expect(harvest.runtime("ubuntu")?.version == "22.04")
    }

    @Test("Image names: docker.io/library prefixes dropped, registry ports kept apart from tags, latest by default")
    func imageNames() {
        let cases: [(String, String, String?)] = [
            ("FROM docker.io/library/python:3.12", "python", "3.12"),
            ("FROM registry.acme.internal:5000/base/jre", "registry.acme.internal:5000/base/jre", "latest"),
            ("from golang:1.22 as build\nFROM scratch", "", nil),
        ]
        for (text, name, version) in cases {
            let harvest = ManifestInventory.parse(.dockerfile, path: "Dockerfile", contents: text).harvest
            #expect(harvest.dependencies.first?.name ?? "" == name)
            #expect(harvest.dependencies.first?.version == version)
        }
    }

    @Test("Two Dockerfiles in one folder stay two base images after the merge")
    func twoDockerfiles() {
        let merged = ManifestInventory.merge([
            ManifestInventory.parse(.dockerfile, path: "Dockerfile", contents: "FROM node:20\n"),
            ManifestInventory.parse(.dockerfile, path: "Dockerfile.dev", contents: "FROM node:18\n"),
        ])
        #expect(merged.all("node").compactMap(\.version).sorted() == ["18", "20"])
        #expect(merged.runtimes.count == 2)
    }

    @Test("One-line pin files")
    func pinFiles() throws {
        let cases: [(String, String, String, String)] = [
            ("pins/nvmrc", ".nvmrc", "nodejs", "20.11.1"),
            ("pins/python-version", ".python-version", "python", "3.12.4"),
            ("pins/ruby-version", ".ruby-version", "ruby", "3.3.5"),
            ("pins/rust-toolchain.toml", "rust-toolchain.toml", "rust", "1.80.0"),
            ("pins/rust-toolchain", "rust-toolchain", "rust", "stable"),
        ]
        for (fixture, path, runtime, version) in cases {
            let harvest = try parseFixture(fixture, as: path).harvest
            #expect(harvest.runtimes.map(\.runtime) == [runtime])
            #expect(harvest.runtimes.first?.version == version)
            #expect(harvest.problems.isEmpty)
        }
        let java = ManifestInventory.parse(.runtimePinFile, path: ".java-version", contents: "21.0.2\n").harvest
        #expect(java.runtime("java")?.version == "21.0.2")
        #expect(try parseFixture("pins/rust-toolchain.toml", as: "rust-toolchain.toml").harvest.runtimes.first?.location.line == 2)
    }

    @Test(".tool-versions: the first version of each known tool; system and ref: skipped")
    func toolVersions() throws {
        let harvest = try parseFixture("pins/tool-versions", as: ".tool-versions").harvest
        #expect(harvest.runtimes.map(\.runtime) == ["nodejs", "python", "go", "java"])
        #expect(harvest.runtime("nodejs")?.version == "20.11.1")
        #expect(harvest.runtime("nodejs")?.location.line == 2)
        #expect(harvest.runtime("java")?.version == "temurin-21.0.3+9.0.LTS")
    }

    @Test("An empty pin file is a problem")
    func emptyPin() throws {
        let harvest = try parseFixture("pins/empty", as: ".nvmrc").harvest
        #expect(harvest.runtimes.isEmpty)
        #expect(harvest.problems.count == 1)
    }
}
