import Foundation
import GRDB
import Tracing

/// The catalog's SQLite database: entities, relations, full-text search and ingestion state.
///
/// One store wraps one GRDB writer for the life of the process: a `DatabasePool` (WAL, concurrent
/// readers) for a file, or an in-memory queue for tests. Migrations run when the store opens.
/// Methods are named for what callers want to know, never for tables.
///
/// ```swift
/// let store = try CatalogStore(path: "backline.sqlite")
/// let matches = try await store.entities(named: "playlist-api")
/// ```
public struct CatalogStore: Sendable {
    let writer: TracedWriter
    let suggestionIndex = SuggestionIndexCache()

    /// Opens (creating if needed) the database file at `path` in WAL mode and migrates it.
    /// - Parameters:
    ///   - path: the SQLite file; its directory is created when missing.
    ///   - tracer: where reads and writes made during a trace become spans; nil for none.
    public init(path: String, tracer: (any Tracer)? = nil) throws {
        try self.init(writer: SQLiteFile.open(path: path), tracer: tracer)
    }

    /// Wraps an existing writer and migrates it. Tests pass `DatabaseQueue()` for a private
    /// in-memory catalog.
    /// - Parameter tracer: where reads and writes made during a trace become spans; nil for none.
    public init(writer: any DatabaseWriter, tracer: (any Tracer)? = nil) throws {
        self.writer = TracedWriter(base: writer, tracer: tracer)
        try CatalogMigrations.migrator.migrate(writer)
    }

    /// A fresh, empty, in-memory catalog.
    public static func inMemory() throws -> CatalogStore {
        try CatalogStore(writer: DatabaseQueue())
    }

    /// The catalog's migrations, in the order they run (frozen once shipped).
    public static var migrations: [SchemaMigration] { CatalogMigrations.all }

    /// The names of the migrations applied to this database, in order.
    public func appliedMigrations() async throws -> [String] {
        try await writer.read { db in try CatalogMigrations.migrator.appliedMigrations(db) }
    }

    /// How many entities the catalog holds.
    public func entityCount() async throws -> Int {
        try await writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM entity") ?? 0 }
    }

    /// A number that changes whenever an ingest changes the catalog; caches key on it.
    public func generation() async throws -> Int {
        try await writer.read { db in try CatalogMigrations.generation(db) }
    }
}
