import Catalog
import GRDB
import OnCall
import Scaffolder
import TechHealth
import Tracing

/// The deployment's one SQLite database, opened once, with each target's tables migrated.
public struct BacklineDatabase: Sendable {
    private let writer: any DatabaseWriter
    /// The catalog.
    public let catalog: CatalogStore
    /// Slack event ids already handled, so a redelivered event is handled once, also across restarts.
    public let eventReceipts: EventReceiptStore
    /// Goalie overrides, pager answers, goalie user groups and incident records.
    public let oncall: OnCallStore
    /// Harvests, the manifest cache and scorecard results.
    public let health: TechHealthStore
    /// Template runs and their steps.
    public let scaffolder: ScaffolderStore
    /// Proactive messages waiting for, or done with, delivery.
    public let outbox: OutboxStore
    /// The scheduler's last runs and job leases.
    public let schedules: ScheduleStore
    /// Alert findings, acknowledgements and snoozes.
    public let alerts: AlertStore

    /// Opens the file at `path` (WAL) or, when nil, a private in-memory database, and migrates it.
    /// Catalog queries made during a trace become spans of `tracer`, when given.
    public static func open(path: String?, tracer: (any Tracer)? = nil) throws -> BacklineDatabase {
        let writer: any DatabaseWriter = try path.map { try SQLiteFile.open(path: $0) } ?? DatabaseQueue()
        return BacklineDatabase(
            writer: writer, catalog: try CatalogStore(writer: writer, tracer: tracer), eventReceipts: try EventReceiptStore(writer: writer),
            oncall: try OnCallStore(writer: writer), health: try TechHealthStore(writer: writer),
            scaffolder: try ScaffolderStore(writer: writer), outbox: try OutboxStore(writer: writer), schedules: try ScheduleStore(writer: writer),
            alerts: try AlertStore(writer: writer))
    }

    /// Every target's migrations, in the order ``open(path:)`` runs them.
    public static var migrations: [SchemaMigration] {
        CatalogStore.migrations + EventReceiptStore.migrations + OnCallStore.migrations + TechHealthStore.migrations + ScaffolderStore.migrations
            + OutboxStore.migrations + ScheduleStore.migrations + AlertStore.migrations
    }

    /// Every migration applied to the database, across targets, in the order they ran.
    public func appliedMigrations() async throws -> [String] {
        try await writer.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid") }
    }
}
