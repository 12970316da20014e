import GRDB

/// One named step of a target's schema. Its SQL is a literal that never changes once shipped: a
/// database migrated last year and a fresh one must end up with the same schema, so a change is
/// always a new migration (a test holds every shipped migration's hash).
public struct SchemaMigration: Sendable, Hashable {
    /// The name GRDB records once the migration ran, prefixed by its target (`catalog v1: …`).
    public let name: String
    /// The statements, run in one transaction.
    public let sql: String

    /// A migration named `name` running `sql`.
    public init(_ name: String, sql: String) {
        self.name = name
        self.sql = sql
    }

    /// A migrator that runs `migrations` in order, each once per database.
    public static func migrator(_ migrations: [SchemaMigration]) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in migrations {
            migrator.registerMigration(migration.name) { db in try db.execute(sql: migration.sql) }
        }
        return migrator
    }
}
