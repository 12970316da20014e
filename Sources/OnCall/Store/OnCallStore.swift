import Catalog
import Foundation
import GRDB

/// On-call state in the deployment's SQLite database: goalie overrides, the last goalie each pager
/// named, goalie user groups, and incident records with who was tagged.
///
/// Shares the one writer with the catalog; registers its own named migrations, which are never
/// edited once shipped (add another instead).
public struct OnCallStore: Sendable {
    let writer: any DatabaseWriter
    /// Where reads go: a reader lane on the calling thread when one is free.
    let reader: LaneReader

    /// Migrates `writer` and wraps it.
    public init(writer: any DatabaseWriter) throws {
        self.writer = writer
        reader = LaneReader(writer)
        try Self.migrator.migrate(writer)
    }

    /// A fresh in-memory store, for tests and the CLI.
    public static func inMemory() throws -> OnCallStore {
        try OnCallStore(writer: DatabaseQueue())
    }

    /// The on-call migrations, in the order they run: literal SQL, frozen once shipped.
    public static let migrations: [SchemaMigration] = [overridesV1, pagerLastKnownV1, userGroupsV1, incidentsV1]

    static var migrator: DatabaseMigrator { SchemaMigration.migrator(migrations) }

    /// Overrides: someone stands in as a team's goalie until a time.
    static let overridesV1 = SchemaMigration("oncall v1: goalie overrides", sql: """
        CREATE TABLE goalieOverride (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            team TEXT NOT NULL,
            member TEXT NOT NULL,
            startsAt DOUBLE NOT NULL,
            endsAt DOUBLE NOT NULL,
            createdBy TEXT,
            createdAt DOUBLE NOT NULL
        );
        CREATE INDEX goalieOverride_team ON goalieOverride(team, endsAt);
        """)

    /// Answers when the pager cannot be reached: the last goalie it named, with its age.
    static let pagerLastKnownV1 = SchemaMigration("oncall v1: pager last known goalie", sql: """
        CREATE TABLE pagerLastKnown (
            key TEXT PRIMARY KEY,
            answer TEXT NOT NULL,
            fetchedAt DOUBLE NOT NULL
        ) WITHOUT ROWID;
        """)

    /// The `@<team>-goalie` user group kept per team, and who was in it when last synced.
    static let userGroupsV1 = SchemaMigration("oncall v1: goalie user groups", sql: """
        CREATE TABLE goalieUserGroup (
            team TEXT PRIMARY KEY,
            userGroupID TEXT NOT NULL,
            members TEXT NOT NULL,
            syncedAt DOUBLE NOT NULL
        ) WITHOUT ROWID;
        """)

    /// Incidents, the services found in them and who was tagged. Unique channel and (incident,
    /// person) keys make starting and tagging idempotent: a redelivered event finds its rows
    /// already there and tags nobody twice.
    static let incidentsV1 = SchemaMigration("oncall v1: incidents", sql: """
        CREATE TABLE incident (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            channelID TEXT NOT NULL UNIQUE,
            channelName TEXT NOT NULL,
            summary TEXT,
            declaredBy TEXT,
            startedAt DOUBLE NOT NULL,
            resolvedAt DOUBLE,
            resolvedBy TEXT
        );
        CREATE TABLE incidentService (
            incidentID INTEGER NOT NULL REFERENCES incident(id) ON DELETE CASCADE,
            serviceRef TEXT NOT NULL,
            teamRef TEXT,
            reason TEXT NOT NULL,
            possiblyAffected BOOLEAN NOT NULL DEFAULT 0,
            foundAt DOUBLE NOT NULL,
            PRIMARY KEY (incidentID, serviceRef)
        );
        CREATE TABLE incidentTag (
            incidentID INTEGER NOT NULL REFERENCES incident(id) ON DELETE CASCADE,
            teamRef TEXT NOT NULL,
            chatUserID TEXT,
            userRef TEXT,
            serviceRef TEXT NOT NULL,
            outcome TEXT NOT NULL,
            taggedAt DOUBLE NOT NULL,
            PRIMARY KEY (incidentID, teamRef)
        ) WITHOUT ROWID;
        """)

    /// The names of the on-call migrations applied, in order.
    public func appliedMigrations() async throws -> [String] {
        try await reader.read { db in try Self.migrator.appliedMigrations(db) }
    }
}
