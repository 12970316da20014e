import Catalog
import Foundation

/// Opens the catalog that `--db` and `--catalog` describe, the same way for every subcommand.
///
/// | `--db` | `--catalog` | catalog used |
/// |---|---|---|
/// | – | – | the bundled demo catalog, in memory |
/// | – | paths | those paths, ingested into memory |
/// | file | – | the database as it is |
/// | file | paths | the database, after an incremental ingest of the paths |
public enum CatalogSetup {
    /// The store, and the report of the ingest that filled it, if one ran.
    public static func open(
        database: String?, catalogs: [String], paths: BacklinePaths = .discover(),
        progress: @Sendable (IngestProgress) -> Void = { _ in }
    ) async throws -> (store: CatalogStore, report: IngestReport?) {
        let store = try database.map { try CatalogStore(path: $0) } ?? CatalogStore.inMemory()
        let sources: [CatalogSource]
        if !catalogs.isEmpty {
            sources = catalogs.map(CatalogSource.init(argument:))
        } else if database == nil {
            sources = [.path(paths.demoCatalog.path)]
        } else {
            return (store, nil)
        }
        let report = try await CatalogIngester(store: store).ingest(sources, progress: progress)
        return (store, report)
    }
}
