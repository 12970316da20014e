import Catalog
import Foundation
import GRDB

/// The scheduler's memory: per job, the last occurrence that ran and the lease of a run in progress
/// (holder and expiry in the database, so two processes never run one job at a time).
public struct ScheduleStore: Sendable {
    let writer: any DatabaseWriter

    /// Migrates `writer` and wraps it.
    public init(writer: any DatabaseWriter) throws {
        self.writer = writer
        try SchemaMigration.migrator(Self.migrations).migrate(writer)
    }

    /// The scheduler's migrations, in the order they run: literal SQL, frozen once shipped.
    public static let migrations = [
        SchemaMigration("scheduler v1: job runs and leases", sql: """
            CREATE TABLE scheduledJob (
                jobID TEXT PRIMARY KEY,
                lastScheduledFor DOUBLE NOT NULL,
                lastStartedAt DOUBLE,
                lastFinishedAt DOUBLE,
                lastError TEXT,
                runCount INTEGER NOT NULL DEFAULT 0,
                leaseHolder TEXT,
                leaseExpiresAt DOUBLE
            ) WITHOUT ROWID;
            """),
    ]

    /// What the store knows of one job.
    public struct JobRecord: Sendable, Hashable {
        /// The job id.
        public var jobID: String
        /// The occurrence that ran last (or, for a job first seen, the moment it was first seen:
        /// a fresh database has nothing to catch up).
        public var lastScheduledFor: Date
        /// When the last run started.
        public var lastStartedAt: Date?
        /// When the last run ended.
        public var lastFinishedAt: Date?
        /// The last run's error, when it failed.
        public var lastError: String?
        /// Runs finished so far.
        public var runCount: Int
        /// Who is running it now.
        public var leaseHolder: String?
        /// Until when that holder may run it.
        public var leaseExpiresAt: Date?

        init(row: Row) {
            jobID = row["jobID"]
            lastScheduledFor = Date(timeIntervalSince1970: row["lastScheduledFor"])
            lastStartedAt = (row["lastStartedAt"] as Double?).map(Date.init(timeIntervalSince1970:))
            lastFinishedAt = (row["lastFinishedAt"] as Double?).map(Date.init(timeIntervalSince1970:))
            lastError = row["lastError"]
            runCount = row["runCount"]
            leaseHolder = row["leaseHolder"]
            leaseExpiresAt = (row["leaseExpiresAt"] as Double?).map(Date.init(timeIntervalSince1970:))
        }
    }

    /// The job's record, creating it as "last ran at `now`" when the job is new.
    public func record(for jobID: String, now: Date) async throws -> JobRecord {
        try await writer.write { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO scheduledJob (jobID, lastScheduledFor) VALUES (?, ?)", arguments: [jobID, now.timeIntervalSince1970])
            return try JobRecord(row: Row.fetchOne(db, sql: "SELECT * FROM scheduledJob WHERE jobID = ?", arguments: [jobID])!)
        }
    }

    /// Every job the store knows.
    public func records() async throws -> [JobRecord] {
        try await writer.read { db in try Row.fetchAll(db, sql: "SELECT * FROM scheduledJob ORDER BY jobID").map(JobRecord.init(row:)) }
    }

    /// Takes the lease to run `jobID`'s occurrence `scheduledFor`, unless another holder's lease is
    /// live or that occurrence (or a later one) already ran.
    /// - Returns: whether the caller may run it.
    public func claim(_ jobID: String, scheduledFor: Date, holder: String, now: Date, leaseDuration: TimeInterval) async throws -> Bool {
        try await writer.write { db in
            try db.execute(
                sql: """
                    UPDATE scheduledJob SET leaseHolder = ?, leaseExpiresAt = ?, lastStartedAt = ?
                    WHERE jobID = ? AND lastScheduledFor < ? AND (leaseHolder IS NULL OR leaseExpiresAt <= ? OR leaseHolder = ?)
                    """,
                arguments: [
                    holder, now.timeIntervalSince1970 + leaseDuration, now.timeIntervalSince1970, jobID, scheduledFor.timeIntervalSince1970,
                    now.timeIntervalSince1970, holder,
                ])
            return db.changesCount > 0
        }
    }

    /// Records that `holder` finished `scheduledFor` (successfully when `error` is nil) and releases the lease.
    public func finish(_ jobID: String, scheduledFor: Date, holder: String, now: Date, error: String?) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    UPDATE scheduledJob SET lastScheduledFor = MAX(lastScheduledFor, ?), lastFinishedAt = ?, lastError = ?,
                        runCount = runCount + 1, leaseHolder = NULL, leaseExpiresAt = NULL
                    WHERE jobID = ? AND leaseHolder = ?
                    """,
                arguments: [scheduledFor.timeIntervalSince1970, now.timeIntervalSince1970, error, jobID, holder])
        }
    }
}
