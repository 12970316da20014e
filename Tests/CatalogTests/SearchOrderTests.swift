import Foundation
import Testing
@testable import Catalog

/// Pins the order of search results where ranks tie (entities written alike score alike) and
/// across pages, so the query can change shape without changing what a user sees.
@Suite("Search order, ties and pages", .timeLimit(.minutes(3)))
struct SearchOrderTests {
    /// 40 components written alike (equal ranks), two whose name matches (ranked first), an API
    /// that mentions the word once in a long description (ranked last), and a resource.
    static func store() async throws -> CatalogStore {
        let tree = try TemporaryDirectory()
        var documents: [String] = []
        // Written in shuffled order, so the ingest order cannot explain the result order.
        for number in (0..<40).map({ ($0 * 17) % 40 }) {
            documents.append(component(
                String(format: "svc-%02d", number), metadata: "title: Stream Mixer \(number)\ndescription: Handles stream and radio for audio"))
        }
        documents.append(component("stream-gateway", metadata: "description: Fronts every stream"))
        documents.append(component("stream", metadata: "description: The stream itself"))
        documents.append("""
            apiVersion: backstage.io/v1alpha1
            kind: API
            metadata: {name: events-api, description: Events about playlists and billing and users and a stream now and then}
            spec: {type: openapi, lifecycle: production, owner: playlists, definition: x}
            """)
        documents.append("""
            apiVersion: backstage.io/v1alpha1
            kind: Resource
            metadata: {name: stream-db, description: Holds stream state}
            spec: {type: database, owner: playlists}
            """)
        try tree.write("catalog-info.yaml", documents.joined(separator: "\n---\n"))
        let store = try CatalogStore.inMemory()
        let report = try await CatalogIngester(store: store).ingest([.path(tree.path)])
        #expect(report.problems.isEmpty, "\(report.problems)")
        return store
    }

    @Test("name matches first, equal ranks by ref, weaker matches last; pages continue where the last one ended")
    func tiesAndPages() async throws {
        let store = try await Self.store()
        let all = try await store.search("stream", limit: 100).map(\.ref.description)
        #expect(all.count == 44)
        #expect(Array(all.prefix(3)) == ["component:default/stream", "component:default/stream-gateway", "resource:default/stream-db"], "\(all)")
        let alike = (0..<40).map { String(format: "component:default/svc-%02d", $0) }
        #expect(Array(all[3..<43]) == alike, "equal ranks are ordered by ref")
        #expect(all.last == "api:default/events-api")

        var paged: [String] = []
        for page in 0..<5 { paged += try await store.search("stream", limit: 10, offset: page * 10).map(\.ref.description) }
        #expect(paged == all, "ten at a time gives the same order")
        #expect(try await store.search("stream", limit: 10, offset: 44).isEmpty)
        #expect(try await store.searchCount("stream") == 44)
        #expect(try await store.searchCount("stream", upTo: 10) == 10)
    }

    @Test("every word must match, prefixes count, and kind filters keep the order")
    func wordsAndKinds() async throws {
        let store = try await Self.store()
        #expect(try await store.search("strea radi", limit: 100).map(\.ref.name) == (0..<40).map { String(format: "svc-%02d", $0) })
        #expect(try await store.search("stream", kinds: ["api", "resource"], limit: 100).map(\.ref.description) == [
            "resource:default/stream-db", "api:default/events-api",
        ])
        let components = try await store.search("stream", kinds: ["component"], limit: 5, offset: 2).map(\.ref.name)
        #expect(components == ["svc-00", "svc-01", "svc-02", "svc-03", "svc-04"])
        #expect(try await store.searchCount("stream", kinds: ["component"]) == 42)
        #expect(try await store.search("stream nothing-like-this").isEmpty)
    }
}
