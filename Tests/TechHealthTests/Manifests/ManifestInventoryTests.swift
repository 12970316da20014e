import Foundation
import Testing
import TechHealth

@Suite("Manifest discovery and harvest")
struct ManifestInventoryTests {
    @Test("File kinds are recognised by name")
    func detect() {
        #expect(ManifestKind.detect("web/package.json") == .packageJSON)
        #expect(ManifestKind.detect("npm-shrinkwrap.json") == .packageLock)
        #expect(ManifestKind.detect("requirements-dev.txt") == .requirements)
        #expect(ManifestKind.detect("Requirements.txt") == .requirements)
        #expect(ManifestKind.detect("deploy/Dockerfile.prod") == .dockerfile)
        #expect(ManifestKind.detect("api.Dockerfile") == .dockerfile)
        #expect(ManifestKind.detect("gradle/libs.versions.toml") == .gradleVersionCatalog)
        #expect(ManifestKind.detect(".tool-versions") == .toolVersions)
        #expect(ManifestKind.detect("README.md") == nil)
        #expect(ManifestKind.detect("package.json.bak") == nil)
    }

    /// A scratch component folder, removed after the test.
    private func withFolder(_ body: (URL) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("manifests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try body(folder)
    }

    private func write(_ text: String, _ path: String, in folder: URL) throws {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    @Test("The harvest walks sub-folders, skips installed and build folders, never follows links, and merges")
    func harvestFolder() throws {
        try withFolder { folder in
            try write(try Fixtures.text("manifests/npm/package.json"), "package.json", in: folder)
            try write(try Fixtures.text("manifests/npm/package-lock-v3.json"), "package-lock.json", in: folder)
            try write(try Fixtures.text("manifests/go/go.mod"), "worker/go.mod", in: folder)
            try write("v20.11.1\n", ".nvmrc", in: folder)
            try write(#"{"dependencies": {"left-pad": "1.0.0"}}"#, "node_modules/left-pad/package.json", in: folder)
            try write("module x\nrequire a.b/c v1.0.0\n", "vendor/x/go.mod", in: folder)
            try write("FROM node:20\n", "build/Dockerfile", in: folder)
            let outside = FileManager.default.temporaryDirectory.appendingPathComponent("outside-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: outside) }
            try write("Django==1.0\n", "requirements.txt", in: outside)
            try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("linked"), withDestinationURL: outside)
            try FileManager.default.createSymbolicLink(
                at: folder.appendingPathComponent("requirements.txt"), withDestinationURL: outside.appendingPathComponent("requirements.txt"))

            let discovery = ManifestInventory.discover(folder: folder)
            #expect(discovery.files == [".nvmrc", "package-lock.json", "package.json", "worker/go.mod"])

            let harvest = ManifestInventory.harvest(folder: folder)
            #expect(harvest.problems.isEmpty)
            let ms = try #require(harvest.all("ms").first { $0.direct })
            #expect(ms.version == "2.1.3")
            #expect(ms.location.file == "package.json")
            #expect(harvest.dependency("github.com/google/uuid")?.location.file == "worker/go.mod")
            #expect(harvest.dependency("left-pad") == nil)
            #expect(harvest.dependency("django") == nil)
            #expect(Set(harvest.runtimes.map(\.runtime)) == ["nodejs", "go"])
            #expect(harvest.runtimes.contains { $0.location.file == ".nvmrc" && $0.version == "20.11.1" })
        }
    }

    @Test("Files over the size cap are problems and are not read; the walk stops at the depth and file limits")
    func limits() throws {
        try withFolder { folder in
            try write(String(repeating: "x", count: 2_000), "go.mod", in: folder)
            try write("FROM node:20\n", "a/b/c/d/Dockerfile", in: folder)
            for index in 0..<5 { try write("3.12\n", "p\(index)/.python-version", in: folder) }
            let shallow = ManifestLimits(maximumDepth: 3, maximumFiles: 100, maximumEntries: 1_000, maximumFileBytes: 1_000)
            let harvest = ManifestInventory.harvest(folder: folder, limits: shallow)
            #expect(harvest.problems.contains { $0.location.file == "go.mod" && $0.message.contains("larger") })
            #expect(harvest.problems.contains { $0.message.contains("deeper") })
            #expect(harvest.dependency("node") == nil)
            #expect(harvest.runtimes.count == 5)
            let few = ManifestLimits(maximumDepth: 8, maximumFiles: 3, maximumEntries: 1_000, maximumFileBytes: 1_000)
            let limited = ManifestInventory.harvest(folder: folder, limits: few)
            #expect(limited.problems.contains { $0.message.contains("manifest files") })
            #expect(limited.runtimes.count + limited.dependencies.count <= 3)
        }
    }

    @Test("A parsed file round-trips through JSON, so the incremental harvester can cache it")
    func cacheable() throws {
        let parsed = try parseFixture("maven/repo/orders/pom.xml", as: "orders/pom.xml")
        let decoded = try JSONDecoder().decode(ParsedManifest.self, from: JSONEncoder().encode(parsed))
        #expect(decoded == parsed)
        let parent = try parseFixture("maven/repo/pom.xml", as: "pom.xml")
        #expect(ManifestInventory.merge([decoded, parent]) == ManifestInventory.merge([parsed, parent]))
    }
}
