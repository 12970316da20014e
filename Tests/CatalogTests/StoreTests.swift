import Foundation
import GRDB
import Testing
@testable import Catalog

@Suite("The catalog store", .timeLimit(.minutes(3)))
struct StoreTests {
    private func store(with yaml: String...) async throws -> CatalogStore {
        let tree = try TemporaryDirectory()
        for (index, text) in yaml.enumerated() { try tree.write("\(index)/catalog-info.yaml", text) }
        let store = try CatalogStore.inMemory()
        let report = try await CatalogIngester(store: store).ingest([.path(tree.path)])
        #expect(report.problems.isEmpty, "\(report.problems)")
        return store
    }

    @Test("migrations apply to an empty database, and a file database uses WAL")
    func migrationsAndWAL() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.url.appendingPathComponent("nested/backline.sqlite").path
        let store = try CatalogStore(path: path)
        let applied = try await store.appliedMigrations()
        #expect(applied == [
            "catalog v1: entities, relations, sources, search",
            "commands v1: chat user lookup", "commands v1: people and annotations in search",
            "commands v1: catalog views for declarative queries", "commands v1: hygiene findings",
            "catalog v2: headline columns", "catalog v3: change feed and source status",
        ])
        let mode = try await store.writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        // Opening again is a no-op migration.
        #expect(try await CatalogStore(path: path).appliedMigrations() == applied)
    }

    @Test("a file database's readers map the file; its writer reads through its own cache")
    func readersMapTheFile() async throws {
        let directory = try TemporaryDirectory()
        let store = try CatalogStore(path: directory.url.appendingPathComponent("backline.sqlite").path)
        let reader = try await store.writer.read { db in try Int.fetchOne(db, sql: "PRAGMA mmap_size") }
        let writer = try await store.writer.write { db in try Int.fetchOne(db, sql: "PRAGMA mmap_size") }
        #expect((reader ?? 0) > 0)
        #expect(writer == 0)
    }

    @Test("reader lanes: a read sees what was just committed, refuses to write, and says at once when no lane is free")
    func readerLanes() async throws {
        let directory = try TemporaryDirectory()
        let pool = try SQLiteFile.open(path: directory.url.appendingPathComponent("lanes.sqlite").path)
        try await pool.write { db in try db.execute(sql: "CREATE TABLE t(x); INSERT INTO t VALUES (1)") }
        let lanes = ReaderLanes(pool: pool, capacity: 1)
        #expect(try lanes.read { db in try Int.fetchOne(db, sql: "SELECT x FROM t") } == 1)
        try await pool.write { db in try db.execute(sql: "UPDATE t SET x = 2") }
        let (seen, nested) = try #require(try lanes.read { db in
            (try Int.fetchOne(db, sql: "SELECT x FROM t"), try lanes.read { db in try Int.fetchOne(db, sql: "SELECT x FROM t") })
        })
        #expect(seen == 2)
        #expect(nested == nil, "the only lane is taken: no waiting, the caller reads through the pool instead")
        #expect(throws: DatabaseError.self) { try lanes.read { db in try db.execute(sql: "UPDATE t SET x = 3") } }
        #expect(try lanes.read { db in try Int.fetchOne(db, sql: "SELECT x FROM t") } == 2, "the lane is free again after a failed read")
    }

    @Test("written names: as written in the file, for the refs the catalog has, however many are asked")
    func writtenNames() async throws {
        let store = try await store(with: component("User-Profile"), component("billing"))
        let profile = EntityRef(kind: "component", name: "user-profile")
        let missing = (0..<1_200).map { EntityRef(kind: "component", name: "missing-\($0)") }
        let names = try await store.writtenNames(of: [profile, EntityRef(kind: "component", name: "billing")] + missing)
        #expect(names == [profile: "User-Profile", EntityRef(kind: "component", name: "billing"): "billing"])
        let relations = try await store.relations(from: missing + [profile], ofType: .ownedBy)
        #expect(relations.map(\.source) == [profile], "more sources than SQLite binds in one statement")
    }

    @Test("FTS5 is available in this SQLite build")
    func fts5Available() async throws {
        let store = try CatalogStore.inMemory()
        let options = try await store.writer.read { db in try String.fetchAll(db, sql: "PRAGMA compile_options") }
        #expect(options.contains("ENABLE_FTS5"))
    }

    @Test("names are looked up case-insensitively across kinds")
    func lookupByName() async throws {
        let store = try await store(with: component("User-Profile"), "apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata: {name: user-profile}\nspec: {type: openapi, lifecycle: production, owner: identity, definition: x}")
        let matches = try await store.entities(named: "USER-PROFILE")
        #expect(matches.map(\.ref.description) == ["api:default/user-profile", "component:default/user-profile"])
        #expect(matches.last?.entity.metadata.name == "User-Profile")
    }

    @Test("full-text search ranks name matches first and filters by kind")
    func search() async throws {
        let store = try await store(
            with: component("playlist-api", metadata: "description: Stores playlists"),
            component("radio", metadata: "description: Builds a radio station from a playlist"),
            component("billing", metadata: "tags: [payments]"))
        let hits = try await store.search("playlist")
        #expect(hits.map(\.ref.name) == ["playlist-api", "radio"])
        #expect(try await store.search("paym").map(\.ref.name) == ["billing"])
        #expect(try await store.search("playlist", kinds: ["api"]).isEmpty)
        #expect(try await store.search("\"unbalanced OR (").isEmpty)
        #expect(try await store.searchCount("playlist") == 2)
        #expect(try await store.searchCount("playlist", upTo: 1) == 1)
    }

    @Test("did-you-mean suggestions rank the closest names first")
    func suggestions() async throws {
        let store = try await store(with: component("playlist-api"), component("playlist-db"), component("billing-service"))
        #expect(try await store.suggestions(for: "playlst-api").first?.name == "playlist-api")
        #expect(try await store.suggestions(for: "biling-service").map(\.name) == ["billing-service"])
        #expect(try await store.suggestions(for: "zzzzzz").isEmpty)
    }

    @Test("the suggestion index follows catalog changes")
    func suggestionsRefresh() async throws {
        let tree = try TemporaryDirectory()
        try tree.write("a/catalog-info.yaml", component("alpha-service"))
        let store = try CatalogStore.inMemory()
        _ = try await CatalogIngester(store: store).ingest([.path(tree.path)])
        #expect(try await store.suggestions(for: "beta-servce").isEmpty)
        try tree.write("b/catalog-info.yaml", component("beta-service"))
        _ = try await CatalogIngester(store: store).ingest([.path(tree.path)])
        #expect(try await store.suggestions(for: "beta-servce").map(\.name) == ["beta-service"])
    }
}

@Suite("Neighbourhood reads", .timeLimit(.minutes(3)))
struct NeighbourhoodTests {
    @Test("follows the chosen relation types out to the given depth and loads what exists")
    func twoHops() async throws {
        let tree = try TemporaryDirectory()
        try tree.write("a/catalog-info.yaml", component(spec: "system: audio"))
        try tree.write("b/catalog-info.yaml", """
            apiVersion: backstage.io/v1alpha1
            kind: Group
            metadata: {name: playlists}
            spec: {type: team, parent: listening, children: []}
            ---
            apiVersion: backstage.io/v1alpha1
            kind: System
            metadata: {name: audio}
            spec: {owner: playlists, domain: music}
            ---
            apiVersion: backstage.io/v1alpha1
            kind: Domain
            metadata: {name: music}
            spec: {owner: playlists}
            """)
        let store = try CatalogStore.inMemory()
        _ = try await CatalogIngester(store: store).ingest([.path(tree.path)])
        let ref = EntityRef(kind: "component", name: "playlist-api")
        let around = try await store.neighbourhood(of: ref, along: [.ownedBy, .partOf, .childOf], depth: 2)
        #expect(around.target(of: ref, .ownedBy)?.name == "playlists")
        #expect(around.target(of: ref, .partOf, kind: "system")?.name == "audio")
        #expect(around.target(of: EntityRef(kind: "system", name: "audio"), .partOf, kind: "domain")?.name == "music")
        // The parent group is named but not in the catalog: a relation, no entity.
        #expect(around.target(of: EntityRef(kind: "group", name: "playlists"), .childOf)?.name == "listening")
        #expect(Set(around.entities.keys.map(\.name)) == ["playlists", "audio", "music"])
        let oneHop = try await store.neighbourhood(of: ref, along: [.ownedBy, .partOf], depth: 1)
        #expect(oneHop.relations.count == 1)
    }
}
