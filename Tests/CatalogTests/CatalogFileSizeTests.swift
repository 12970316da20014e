#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
@testable import Catalog
import Testing

@Suite("Catalog files are read within limits", .timeLimit(.minutes(3)))
struct CatalogFileSizeTests {
    @Test("a catalog file over the size limit is a problem and is not read; the rest of the catalog is")
    func oversizedFile() async throws {
        let tree = try TemporaryDirectory()
        try tree.write("good/catalog-info.yaml", component("playlist-api"))
        let padding = String(repeating: "# padding\n", count: FileReader.maxCatalogFileSize / 10 + 1)
        try tree.write("huge/catalog-info.yaml", component("huge-service") + "\n" + padding)
        let store = try CatalogStore.inMemory()
        let report = try await CatalogIngester(store: store, displayBase: tree.path).ingest([.path(tree.path)])
        #expect(report.problems.map(\.rule) == ["file-too-large"])
        #expect(report.problems.first?.file == "huge/catalog-info.yaml")
        #expect(try await store.entityCount() == 1)
    }

    @Test("a FIFO named like a descriptor is refused without blocking")
    func fifoDescriptor() async throws {
        let tree = try TemporaryDirectory()
        try tree.write("good/catalog-info.yaml", component("playlist-api"))
        try FileManager.default.createDirectory(at: tree.url.appendingPathComponent("pipe"), withIntermediateDirectories: true)
        #expect(mkfifo(tree.url.appendingPathComponent("pipe/catalog-info.yaml").path, 0o600) == 0)
        let store = try CatalogStore.inMemory()
        _ = try await CatalogIngester(store: store, displayBase: tree.path).ingest([.path(tree.path)])
        #expect(try await store.entityCount() == 1)
    }
}
