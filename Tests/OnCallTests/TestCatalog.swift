import Catalog
import Foundation

/// The bundled demo catalog, ingested into memory.
enum DemoCatalog {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func store() async throws -> CatalogStore {
        let store = try CatalogStore.inMemory()
        _ = try await CatalogIngester(store: store).ingest([.path(packageRoot.appendingPathComponent("config/catalog").path)])
        return store
    }
}
