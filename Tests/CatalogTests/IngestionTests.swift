import Foundation
import Testing
@testable import Catalog

@Suite("Ingesting catalogs", .timeLimit(.minutes(3)))
struct IngestionTests {
    private func ingest(_ store: CatalogStore, _ sources: [CatalogSource]) async throws -> IngestReport {
        try await CatalogIngester(store: store, displayBase: "/").ingest(sources)
    }

    @Test("a directory contributes every catalog-info.yaml and what Location entities point at")
    func directoryAndLocations() async throws {
        let tree = try TemporaryDirectory()
        try tree.write("catalog-info.yaml", """
            apiVersion: backstage.io/v1alpha1
            kind: Location
            metadata: {name: root}
            spec:
              targets: [./org/*.yaml, ./apis/playlist.yaml]
            """)
        try tree.write("org/teams.yaml", "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: playlists}\nspec: {type: team, children: []}")
        try tree.write("org/people.yaml", "apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata: {name: jenny}\nspec: {memberOf: [playlists]}")
        try tree.write("org/nested/ignored.yaml", "apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata: {name: not-read}\nspec: {memberOf: []}")
        try tree.write("apis/playlist.yaml", "apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata: {name: playlist}\nspec: {type: openapi, lifecycle: production, owner: playlists, definition: x}")
        try tree.write("services/playlist-api/catalog-info.yaml", component())
        try tree.write("services/playlist-api/mkdocs.yml", "site_name: not a catalog file")

        let store = try CatalogStore.inMemory()
        let report = try await ingest(store, [.path(tree.path)])
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(Set(report.added.map(\.description)) == [
            "location:default/root", "group:default/playlists", "user:default/jenny", "api:default/playlist", "component:default/playlist-api",
        ])
        #expect(report.filesParsed == 5)
        #expect(try await store.entityCount() == 5)
    }

    @Test("a second ingest skips unchanged files, updates changed ones and removes vanished ones")
    func incremental() async throws {
        let tree = try TemporaryDirectory()
        try tree.write("a/catalog-info.yaml", component("service-a"))
        try tree.write("b/catalog-info.yaml", component("service-b"))
        try tree.write("c/catalog-info.yaml", component("service-c"))
        let store = try CatalogStore.inMemory()
        _ = try await ingest(store, [.path(tree.path)])

        let unchanged = try await ingest(store, [.path(tree.path)])
        #expect(unchanged.filesParsed == 0)
        #expect(unchanged.filesUnchanged == 3)
        #expect(unchanged.added.isEmpty && unchanged.updated.isEmpty && unchanged.removed.isEmpty)

        try tree.write("b/catalog-info.yaml", component("service-b", metadata: "title: Service B"))
        try tree.remove("c/catalog-info.yaml")
        let generationBefore = try await store.generation()
        let changed = try await ingest(store, [.path(tree.path)])
        #expect(changed.filesParsed == 1)
        #expect(changed.updated.map(\.name) == ["service-b"])
        #expect(changed.removed.map(\.name) == ["service-c"])
        #expect(changed.filesRemoved == 1)
        #expect(try await store.entity(EntityRef(kind: "component", name: "service-b"))?.entity.metadata.title == "Service B")
        #expect(try await store.entity(EntityRef(kind: "component", name: "service-c")) == nil)
        #expect(try await store.generation() > generationBefore)
    }

    @Test("content that did not change is not re-parsed even when the file's time moved")
    func sameContentNewTime() async throws {
        let tree = try TemporaryDirectory()
        let file = try tree.write("catalog-info.yaml", component())
        let store = try CatalogStore.inMemory()
        _ = try await ingest(store, [.path(tree.path)])
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 3600)], ofItemAtPath: file.path)
        let report = try await ingest(store, [.path(tree.path)])
        #expect(report.filesParsed == 0)
        #expect(report.filesUnchanged == 1)
    }

    @Test("one bad file never stops the rest, and keeps what it defined before")
    func badFileIsIsolated() async throws {
        let tree = try TemporaryDirectory()
        try tree.write("good/catalog-info.yaml", component("good"))
        try tree.write("flaky/catalog-info.yaml", component("flaky"))
        let store = try CatalogStore.inMemory()
        _ = try await ingest(store, [.path(tree.path)])

        try tree.write("flaky/catalog-info.yaml", "apiVersion: [broken")
        try tree.write("new/catalog-info.yaml", component("new-one"))
        let report = try await ingest(store, [.path(tree.path)])
        #expect(report.problems.map(\.rule) == ["yaml-syntax"])
        #expect(report.problems.first?.file.hasSuffix("flaky/catalog-info.yaml") == true)
        #expect(report.added.map(\.name) == ["new-one"])
        #expect(report.removed.isEmpty)
        #expect(try await store.entity(EntityRef(kind: "component", name: "flaky")) != nil)

        // Errors are reported again on the next run: the broken file is not marked as ingested.
        let again = try await ingest(store, [.path(tree.path)])
        #expect(again.problems.map(\.rule) == ["yaml-syntax"])
    }

    @Test("an entity whose document became invalid keeps its last good version")
    func invalidDocumentKeepsPreviousVersion() async throws {
        let tree = try TemporaryDirectory()
        try tree.write("catalog-info.yaml", component("kept", metadata: "title: Good"))
        let store = try CatalogStore.inMemory()
        _ = try await ingest(store, [.path(tree.path)])
        try tree.write("catalog-info.yaml", component("kept", metadata: "title: Good\ntags: [Not Valid]"))
        let report = try await ingest(store, [.path(tree.path)])
        #expect(report.problems.map(\.rule) == ["tag"])
        #expect(report.removed.isEmpty)
        #expect(try await store.entity(EntityRef(kind: "component", name: "kept"))?.entity.metadata.title == "Good")
    }

    @Test("two files defining one entity: the path sorting first wins, whatever the order they arrive in")
    func conflicts() async throws {
        let tree = try TemporaryDirectory()
        try tree.write("b/catalog-info.yaml", component("Shared", metadata: "title: From B"))
        let store = try CatalogStore.inMemory()
        _ = try await ingest(store, [.path(tree.path)])
        #expect(try await store.entity(EntityRef(kind: "component", name: "shared"))?.entity.metadata.title == "From B")

        // A file sorting earlier arrives later and takes over; the name differs only in case.
        try tree.write("a/catalog-info.yaml", component("shared", metadata: "title: From A"))
        let report = try await ingest(store, [.path(tree.path)])
        #expect(try await store.entity(EntityRef(kind: "component", name: "shared"))?.entity.metadata.title == "From A")
        let conflict = try #require(report.conflicts.first)
        #expect(conflict.ref.description == "component:default/shared")
        #expect(conflict.winner.hasSuffix("a/catalog-info.yaml"))
        #expect(conflict.ignored.count == 1 && conflict.ignored[0].hasSuffix("b/catalog-info.yaml"))
        #expect(report.problems.contains { $0.rule == "duplicate-entity" && $0.severity == .warning })

        // A fresh catalog reading both at once picks the same winner.
        let fresh = try CatalogStore.inMemory()
        _ = try await ingest(fresh, [.path(tree.path)])
        #expect(try await fresh.entity(EntityRef(kind: "component", name: "shared"))?.entity.metadata.title == "From A")

        // When the winner's file goes away, the other definition takes over without re-reading it.
        try tree.remove("a/catalog-info.yaml")
        let after = try await ingest(store, [.path(tree.path)])
        #expect(after.removed.isEmpty)
        #expect(after.conflicts.isEmpty)
        #expect(try await store.entity(EntityRef(kind: "component", name: "shared"))?.entity.metadata.title == "From B")
    }

    @Test("relations follow the entity: replaced on update, dropped on removal")
    func relationsFollowEntities() async throws {
        let tree = try TemporaryDirectory()
        try tree.write("catalog-info.yaml", component(spec: "dependsOn: ['resource:db-one']"))
        let store = try CatalogStore.inMemory()
        _ = try await ingest(store, [.path(tree.path)])
        let ref = EntityRef(kind: "component", name: "playlist-api")
        #expect(try await store.relations(from: ref, ofType: .dependsOn).map(\.target.name) == ["db-one"])
        #expect(try await store.relations(from: EntityRef(kind: "resource", name: "db-one")).map(\.type) == [.dependencyOf])

        try tree.write("catalog-info.yaml", component(spec: "dependsOn: ['resource:db-two']"))
        _ = try await ingest(store, [.path(tree.path)])
        #expect(try await store.relations(from: ref, ofType: .dependsOn).map(\.target.name) == ["db-two"])
        #expect(try await store.relations(from: EntityRef(kind: "resource", name: "db-one")).isEmpty)

        try tree.remove("catalog-info.yaml")
        _ = try await ingest(store, [.path(tree.path)])
        #expect(try await store.allRelations().isEmpty)
    }

    @Test("a Location target that does not exist is reported; an optional one is not")
    func missingLocationTargets() async throws {
        let tree = try TemporaryDirectory()
        try tree.write("catalog-info.yaml", """
            apiVersion: backstage.io/v1alpha1
            kind: Location
            metadata: {name: required}
            spec: {targets: [./missing.yaml]}
            ---
            apiVersion: backstage.io/v1alpha1
            kind: Location
            metadata: {name: optional}
            spec: {target: ./also-missing.yaml, presence: optional}
            ---
            apiVersion: backstage.io/v1alpha1
            kind: Location
            metadata: {name: remote}
            spec: {type: url, target: 'https://github.com/acme/catalog/blob/main/all.yaml'}
            """)
        let report = try await ingest(try CatalogStore.inMemory(), [.path(tree.path)])
        #expect(report.problems.map(\.rule) == ["location-target", "remote-location"])
        #expect(report.problems.map(\.severity) == [.error, .warning])
    }

    @Test("a single file can be ingested on its own")
    func singleFile() async throws {
        let tree = try TemporaryDirectory()
        let file = try tree.write("teams.yaml", "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: playlists}\nspec: {type: team, children: []}")
        let report = try await ingest(try CatalogStore.inMemory(), [.path(file.path)])
        #expect(report.added.map(\.description) == ["group:default/playlists"])
    }

    @Test("a path that does not exist is an error for the whole source")
    func missingSource() async throws {
        await #expect(throws: IngestError.self) {
            try await ingest(try CatalogStore.inMemory(), [.path("/definitely/not/here")])
        }
    }

    @Test("a git repository is cloned and its files keep their identity across clones")
    func gitRepository() async throws {
        let repository = try TemporaryDirectory()
        try repository.write("catalog-info.yaml", component())
        try repository.write("teams/catalog-info.yaml", "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: playlists}\nspec: {type: team, children: []}")
        try Git.run(["init", "--quiet", "--initial-branch=main"], in: repository.url)
        try Git.run(["add", "."], in: repository.url)
        try Git.run(["-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "--quiet", "-m", "catalog"], in: repository.url)

        let store = try CatalogStore.inMemory()
        let first = try await ingest(store, [CatalogSource(argument: "git:\(repository.path)#main")])
        #expect(first.problems.isEmpty, "\(first.problems)")
        #expect(Set(first.added.map(\.description)) == ["component:default/playlist-api", "group:default/playlists"])
        let stored = try #require(try await store.entity(EntityRef(kind: "group", name: "playlists")))
        #expect(stored.sourcePath == "git:\(repository.path)#main/teams/catalog-info.yaml")

        // A new clone has new file times but the same content: nothing is re-parsed.
        let second = try await ingest(store, [CatalogSource(argument: "git:\(repository.path)#main")])
        #expect(second.filesParsed == 0)
        #expect(second.filesUnchanged == 2)
        #expect(second.removed.isEmpty)
    }

    @Test("source arguments: URLs and .git paths are repositories, anything else a path", arguments: [
        ("config/catalog", CatalogSource.path("config/catalog")),
        ("https://github.com/acme/catalog.git", .git(repository: "https://github.com/acme/catalog.git", reference: nil)),
        ("git@github.com:acme/catalog.git#main", .git(repository: "git@github.com:acme/catalog.git", reference: "main")),
        ("git:/srv/catalog", .git(repository: "/srv/catalog", reference: nil)),
        ("/srv/catalog.git", .git(repository: "/srv/catalog.git", reference: nil)),
    ])
    func sourceArguments(_ argument: String, _ expected: CatalogSource) {
        #expect(CatalogSource(argument: argument) == expected)
    }
}

enum Git {
    static func run(_ arguments: [String], in directory: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = directory
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw IngestError.gitFailed("git \(arguments.joined(separator: " ")) failed") }
    }
}
