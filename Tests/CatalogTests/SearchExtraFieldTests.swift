@testable import Catalog
import Testing

@Suite("The search-extra field list", .timeLimit(.minutes(3)))
struct SearchExtraFieldTests {
    @Test("the newest migration that back-fills searchExtra agrees with the fields ingest writes")
    func newestBackFillAgrees() throws {
        let backFills = CatalogMigrations.all.filter { $0.sql.contains("searchExtra = ") || $0.sql.contains("SELECT id, name, title, description, tags, ") }
        let newest = try #require(backFills.last)
        #expect(newest.sql.contains(SearchExtraField.sqlExpression(row: "entity")),
                "the field list changed: add a migration that back-fills searchExtra with SearchExtraField.sqlExpression(row: \"entity\")")
    }

    @Test("ingest finds people by e-mail and services by repository slug")
    func ingestWritesEveryField() async throws {
        let store = try CatalogStore.inMemory()
        let directory = try TemporaryDirectory()
        try directory.write("catalog-info.yaml", """
            apiVersion: backstage.io/v1alpha1
            kind: User
            metadata: {name: ada}
            spec: {profile: {displayName: Ada Lovelace, email: ada@tempo.example}, memberOf: []}
            ---
            \(component("playlist-api", metadata: "annotations: {github.com/project-slug: tempo/playlists-backend}"))
            """)
        _ = try await CatalogIngester(store: store).ingest([.path(directory.path)])
        #expect(try await store.search("ada@tempo.example", limit: 5).map(\.ref.name) == ["ada"])
        #expect(try await store.search("playlists-backend", limit: 5).map(\.ref.name) == ["playlist-api"])
    }
}
