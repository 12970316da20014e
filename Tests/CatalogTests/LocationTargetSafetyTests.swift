import Foundation
import Testing
@testable import Catalog

/// Location targets and the directory walk are confined to the source root, like placeholders: a
/// catalog file must not make ingest read any file on disk as a catalog file.
@Suite("Location targets stay inside the catalog source", .timeLimit(.minutes(3)))
struct LocationTargetSafetyTests {
    private let group = EntityRef(kind: "group", name: "intruders")
    private let groupYAML = "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: intruders}\nspec: {type: team, children: []}"

    private func location(_ target: String) -> String {
        "apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata: {name: root}\nspec: {targets: ['\(target)']}"
    }

    private func ingest(_ tree: TemporaryDirectory, store: CatalogStore) async throws -> IngestReport {
        try await CatalogIngester(store: store, displayBase: tree.path).ingest([.path(tree.path)])
    }

    @Test("an absolute target, one that climbs out with `..`, or a glob that does, is refused and not read")
    func targetsOutsideTheRoot() async throws {
        let outside = try TemporaryDirectory()
        let secret = try outside.write("teams.yaml", groupYAML)
        let folder = outside.url.lastPathComponent
        for target in [secret.path, "../\(folder)/teams.yaml", "./sub/../../\(folder)/teams.yaml", "../\(folder)/*.yaml", "../**/teams.yaml"] {
            let tree = try TemporaryDirectory()
            try tree.write("catalog-info.yaml", location(target))
            let store = try CatalogStore.inMemory()
            let report = try await ingest(tree, store: store)
            #expect(report.problems.map(\.rule) == ["location-target"], "\(target): \(report.problems)")
            let problem = try #require(report.problems.first)
            #expect(problem.severity == .error)
            #expect(problem.field == "spec.targets")
            #expect(problem.message.contains("Location target \(target) is outside the catalog source"), "\(problem.message)")
            #expect(try await store.entity(group) == nil, "\(target)")
            #expect(report.filesParsed == 1, "\(target)")
        }
    }

    @Test("a target that is a symbolic link out of the source is refused")
    func symlinkTargetOutsideTheRoot() async throws {
        let outside = try TemporaryDirectory()
        let secret = try outside.write("teams.yaml", groupYAML)
        let tree = try TemporaryDirectory()
        try FileManager.default.createSymbolicLink(atPath: tree.url.appendingPathComponent("teams.yaml").path, withDestinationPath: secret.path)
        try FileManager.default.createSymbolicLink(atPath: tree.url.appendingPathComponent("org").path, withDestinationPath: outside.path)
        for target in ["./teams.yaml", "./org/teams.yaml", "./org/*.yaml"] {
            try tree.write("catalog-info.yaml", location(target))
            let store = try CatalogStore.inMemory()
            let report = try await ingest(tree, store: store)
            #expect(report.problems.map(\.rule) == ["location-target"], "\(target): \(report.problems)")
            #expect(try await store.entity(group) == nil, "\(target)")
        }
    }

    @Test("targets inside the source, through `..` or a link that stays inside, are still followed")
    func targetsInsideTheRoot() async throws {
        let tree = try TemporaryDirectory()
        try tree.write("org/teams.yaml", groupYAML)
        try FileManager.default.createSymbolicLink(atPath: tree.url.appendingPathComponent("alias.yaml").path, withDestinationPath: "org/teams.yaml")
        for target in ["./org/teams.yaml", "./sub/../org/teams.yaml", "./alias.yaml", "org/*.yaml"] {
            try tree.write("locations/catalog-info.yaml", location("../" + target))
            let store = try CatalogStore.inMemory()
            let report = try await ingest(tree, store: store)
            #expect(report.problems.isEmpty, "\(target): \(report.problems)")
            #expect(try await store.entity(group) != nil, "\(target)")
        }
    }

    @Test("the directory walk does not follow a link to a folder: out of the source, or looping back into it")
    func walkStaysInside() async throws {
        let outside = try TemporaryDirectory()
        try outside.write("catalog-info.yaml", groupYAML)
        let tree = try TemporaryDirectory()
        try tree.write("services/catalog-info.yaml", component())
        try FileManager.default.createSymbolicLink(atPath: tree.url.appendingPathComponent("vendor").path, withDestinationPath: outside.path)
        try FileManager.default.createSymbolicLink(atPath: tree.url.appendingPathComponent("services/up").path, withDestinationPath: "..")
        try FileManager.default.createSymbolicLink(atPath: tree.url.appendingPathComponent("services/again").path, withDestinationPath: ".")
        let store = try CatalogStore.inMemory()
        let report = try await ingest(tree, store: store)
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(report.added.map(\.description) == ["component:default/playlist-api"])
        #expect(try await store.entity(group) == nil)
    }
}
