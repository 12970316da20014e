import Foundation
import GRDB

/// How a catalog source's last refresh went: shown by `/catalog status` and `/readyz`.
public struct CatalogSourceStatus: Sendable, Hashable, Codable {
    /// The source, as configured.
    public var source: String
    /// When the last refresh started.
    public var lastAttemptAt: Date
    /// When a refresh last succeeded (nil: never). A failed refresh keeps the last good entities.
    public var lastSuccessAt: Date?
    /// The commit last read, for git sources.
    public var commit: String?
    /// How long the last refresh took, in seconds.
    public var durationSeconds: Double
    /// How many entities the source defines now.
    public var entityCount: Int
    /// The last refresh's errors (the first 20), `file:line: message`.
    public var problems: [String]
    /// How many errors the last refresh found in all.
    public var problemCount: Int
    /// Why the last refresh failed as a whole (a clone or fetch that failed); nil when it succeeded.
    public var failure: String?

    /// The most problems kept per source; the count says how many there were.
    public static let keptProblems = 20

    /// Creates a status.
    public init(
        source: String, lastAttemptAt: Date, lastSuccessAt: Date?, commit: String?, durationSeconds: Double, entityCount: Int,
        problems: [String], problemCount: Int, failure: String?
    ) {
        self.source = source
        self.lastAttemptAt = lastAttemptAt
        self.lastSuccessAt = lastSuccessAt
        self.commit = commit
        self.durationSeconds = durationSeconds
        self.entityCount = entityCount
        self.problems = Array(problems.prefix(Self.keptProblems))
        self.problemCount = problemCount
        self.failure = failure
    }

    /// True when the last refresh failed as a whole or found errors in files.
    public var isHealthy: Bool { failure == nil && problemCount == 0 }
}

extension CatalogStore {
    /// Records a source's refresh. A failed refresh keeps the last success time and commit.
    public func recordStatus(_ status: CatalogSourceStatus) async throws {
        let problems = String(decoding: try JSONEncoder().encode(status.problems), as: UTF8.self)
        try await writer.write { db in
            try db.execute(sql: """
                INSERT INTO catalogSourceStatus (source, lastAttemptAt, lastSuccessAt, commitID, durationSeconds, entityCount, problems, problemCount, failure)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(source) DO UPDATE SET
                    lastAttemptAt = excluded.lastAttemptAt,
                    lastSuccessAt = COALESCE(excluded.lastSuccessAt, lastSuccessAt),
                    commitID = COALESCE(excluded.commitID, commitID),
                    durationSeconds = excluded.durationSeconds,
                    entityCount = excluded.entityCount,
                    problems = excluded.problems,
                    problemCount = excluded.problemCount,
                    failure = excluded.failure
                """, arguments: [
                    status.source, status.lastAttemptAt.timeIntervalSince1970, status.lastSuccessAt?.timeIntervalSince1970, status.commit,
                    status.durationSeconds, status.entityCount, problems, status.problemCount, status.failure,
                ])
        }
    }

    /// Every source's last refresh, by source name.
    public func sourceStatuses() async throws -> [CatalogSourceStatus] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM catalogSourceStatus ORDER BY source").map { row in
                let problems: String = row["problems"]
                return CatalogSourceStatus(
                    source: row["source"], lastAttemptAt: Date(timeIntervalSince1970: row["lastAttemptAt"]),
                    lastSuccessAt: (row["lastSuccessAt"] as Double?).map(Date.init(timeIntervalSince1970:)), commit: row["commitID"],
                    durationSeconds: row["durationSeconds"], entityCount: row["entityCount"],
                    problems: (try? JSONDecoder().decode([String].self, from: Data(problems.utf8))) ?? [], problemCount: row["problemCount"],
                    failure: row["failure"])
            }
        }
    }

    /// How many entities the files under one ingest root define.
    public func entityCount(underRoot root: String) async throws -> Int {
        try await writer.read { db in
            try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM entity WHERE sourcePath IN (SELECT path FROM catalogSourceFile WHERE root = ?)
                """, arguments: [root]) ?? 0
        }
    }
}
