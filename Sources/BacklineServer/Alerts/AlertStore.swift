import Catalog
import ChatOps
import Foundation
import GRDB

/// The alert findings each team has been told about, their acknowledgements and snoozes: what
/// makes a team hear about a finding once, again when it gets worse, and not while it is snoozed.
///
/// Evaluating and telling are two steps so that a crash between them loses nothing:
/// ``reconcile(team:candidates:at:)`` says what to tell (and records nothing as told); the caller
/// enqueues the messages with dedupe keys (``AlertNotice/dedupeKey``), then calls
/// ``markNotified(_:at:)``. A crash after the enqueue and before the mark repeats the same
/// dedupe keys on the next run, which the outbox ignores.
public struct AlertStore: Sendable {
    private let writer: any DatabaseWriter

    /// Migrates `writer` and wraps it.
    public init(writer: any DatabaseWriter) throws {
        self.writer = writer
        try SchemaMigration.migrator(Self.migrations).migrate(writer)
    }

    /// A fresh, empty, in-memory store.
    public static func inMemory() throws -> AlertStore { try AlertStore(writer: DatabaseQueue()) }

    /// The alert migrations, in the order they run: literal SQL, frozen once shipped.
    public static let migrations = [
        SchemaMigration("alerts v1: findings, acknowledgements, snoozes", sql: """
            CREATE TABLE alertFinding (
                id INTEGER PRIMARY KEY AUTOINCREMENT,   -- the number people type: /alerts ack 12
                fingerprint TEXT NOT NULL UNIQUE,       -- rule, team, entity, subject and state, hashed
                teamRef TEXT NOT NULL,
                rule TEXT NOT NULL,
                entityRef TEXT NOT NULL,
                title TEXT NOT NULL,
                detail TEXT NOT NULL,
                detailsCommand TEXT,
                severity INTEGER NOT NULL,              -- as last found; higher is worse
                notifiedSeverity INTEGER,               -- as last told; NULL when never told
                notifications INTEGER NOT NULL DEFAULT 0,
                firstSeenAt DOUBLE NOT NULL,
                lastSeenAt DOUBLE NOT NULL,
                resolvedAt DOUBLE                       -- set when an evaluation no longer finds it
            );
            CREATE INDEX alertFinding_team ON alertFinding(teamRef, resolvedAt);

            CREATE TABLE alertAcknowledgement (
                findingID INTEGER PRIMARY KEY REFERENCES alertFinding(id) ON DELETE CASCADE,
                byUser TEXT,
                at DOUBLE NOT NULL,
                severity INTEGER NOT NULL               -- told again only above this
            );

            CREATE TABLE alertSnooze (
                findingID INTEGER PRIMARY KEY REFERENCES alertFinding(id) ON DELETE CASCADE,
                byUser TEXT,
                at DOUBLE NOT NULL,
                until DOUBLE NOT NULL
            );

            CREATE TABLE alertTeam (
                teamRef TEXT PRIMARY KEY,
                firstEvaluatedAt DOUBLE NOT NULL,       -- the first evaluation only records (no flood on day one)
                lastEvaluatedAt DOUBLE NOT NULL
            ) WITHOUT ROWID;
            """),
    ]

    /// Records what one evaluation found for a team and says what to tell it.
    ///
    /// A finding is told when it is new (unless it was true before: a team's first evaluation
    /// records without telling, as does a candidate with `notifyIfNew` false), when it is worse
    /// than when last told, and once more when a snooze ends while it is still found. It is not
    /// told while snoozed, nor after an acknowledgement unless it gets worse than when
    /// acknowledged. Findings the evaluation no longer finds are resolved; one that comes back
    /// is new again.
    public func reconcile(team: EntityRef, candidates: [AlertCandidate], at now: Date) async throws -> [AlertNotice] {
        let seconds = now.timeIntervalSince1970
        return try await writer.write { db in
            let known = try Bool.fetchOne(db, sql: "SELECT 1 FROM alertTeam WHERE teamRef = ?", arguments: [team.description]) ?? false
            try db.execute(
                sql: """
                    INSERT INTO alertTeam (teamRef, firstEvaluatedAt, lastEvaluatedAt) VALUES (?, ?, ?)
                    ON CONFLICT (teamRef) DO UPDATE SET lastEvaluatedAt = excluded.lastEvaluatedAt
                    """,
                arguments: [team.description, seconds, seconds])
            var notices: [AlertNotice] = []
            var found = Set<String>()
            var unique: [AlertCandidate] = []
            for candidate in candidates where found.insert(candidate.fingerprint).inserted { unique.append(candidate) }
            for candidate in unique {
                let fingerprint = candidate.fingerprint
                let existing = try Row.fetchOne(db, sql: "SELECT * FROM alertFinding WHERE fingerprint = ?", arguments: [fingerprint])
                let reason: AlertMessages.Reason?
                if let existing {
                    let id: Int64 = existing["id"]
                    let wasResolved = (existing["resolvedAt"] as Double?) != nil
                    try db.execute(
                        sql: """
                            UPDATE alertFinding SET title = ?, detail = ?, detailsCommand = ?, severity = ?, lastSeenAt = ?, resolvedAt = NULL
                            WHERE id = ?
                            """,
                        arguments: [candidate.title, candidate.detail, candidate.detailsCommand, candidate.severity, seconds, id])
                    if wasResolved {
                        // Back after it went away: a new occurrence, with none of the old one's ack or snooze.
                        try db.execute(sql: "DELETE FROM alertAcknowledgement WHERE findingID = ?", arguments: [id])
                        try db.execute(sql: "DELETE FROM alertSnooze WHERE findingID = ?", arguments: [id])
                        try db.execute(sql: "UPDATE alertFinding SET notifiedSeverity = NULL WHERE id = ?", arguments: [id])
                        reason = .new
                    } else {
                        let told: Int? = existing["notifiedSeverity"]
                        let ackSeverity = try Int.fetchOne(db, sql: "SELECT severity FROM alertAcknowledgement WHERE findingID = ?", arguments: [id])
                        let snoozeUntil = try Double.fetchOne(db, sql: "SELECT until FROM alertSnooze WHERE findingID = ?", arguments: [id])
                        if let snoozeUntil, snoozeUntil > seconds {
                            reason = nil
                        } else if snoozeUntil != nil {
                            reason = .reminder
                        } else if let ackSeverity {
                            reason = candidate.severity > max(ackSeverity, told ?? 0) ? .worse : nil
                        } else if let told {
                            reason = candidate.severity > told ? .worse : nil
                        } else {
                            reason = .new
                        }
                    }
                    if let reason { notices.append(try Self.notice(db, id: id, reason: reason)) }
                } else {
                    let tell = known && candidate.notifyIfNew
                    try db.execute(
                        sql: """
                            INSERT INTO alertFinding (fingerprint, teamRef, rule, entityRef, title, detail, detailsCommand, severity,
                                notifiedSeverity, firstSeenAt, lastSeenAt)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """,
                        arguments: [
                            fingerprint, team.description, candidate.rule.rawValue, candidate.entity.description, candidate.title, candidate.detail,
                            candidate.detailsCommand, candidate.severity, tell ? nil : candidate.severity, seconds, seconds,
                        ])
                    if tell { notices.append(try Self.notice(db, id: db.lastInsertedRowID, reason: .new)) }
                }
            }
            // What this evaluation no longer finds is resolved.
            let open = try Row.fetchAll(db, sql: "SELECT id, fingerprint FROM alertFinding WHERE teamRef = ? AND resolvedAt IS NULL", arguments: [team.description])
            for row in open where !found.contains(row["fingerprint"] as String) {
                try db.execute(sql: "UPDATE alertFinding SET resolvedAt = ? WHERE id = ?", arguments: [seconds, row["id"] as Int64])
            }
            return notices
        }
    }

    /// Records that a notice was told (after its message was enqueued): its severity becomes the
    /// one told, and a snooze that had ended is cleared.
    public func markNotified(_ notice: AlertNotice, at now: Date) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "UPDATE alertFinding SET notifiedSeverity = ?, notifications = notifications + 1 WHERE id = ? AND notifications = ?",
                arguments: [notice.alert.severity, notice.alert.id, notice.sequence - 1])
            try db.execute(sql: "DELETE FROM alertSnooze WHERE findingID = ? AND until <= ?", arguments: [notice.alert.id, now.timeIntervalSince1970])
        }
    }

    /// Acknowledges an alert: not told again unless it gets worse. Nil when there is no such open alert.
    public func acknowledge(id: Int64, by user: String?, at now: Date) async throws -> AlertView? {
        try await writer.write { db in
            guard let severity = try Int.fetchOne(db, sql: "SELECT severity FROM alertFinding WHERE id = ? AND resolvedAt IS NULL", arguments: [id]) else {
                return nil
            }
            try db.execute(
                sql: "INSERT OR REPLACE INTO alertAcknowledgement (findingID, byUser, at, severity) VALUES (?, ?, ?, ?)",
                arguments: [id, user, now.timeIntervalSince1970, severity])
            try db.execute(sql: "DELETE FROM alertSnooze WHERE findingID = ?", arguments: [id])
            return try Self.view(db, id: id, now: now)
        }
    }

    /// Snoozes an alert until `until`: silent till then, told once more then if still found.
    public func snooze(id: Int64, until: Date, by user: String?, at now: Date) async throws -> AlertView? {
        try await writer.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM alertFinding WHERE id = ? AND resolvedAt IS NULL", arguments: [id]) ?? false else { return nil }
            try db.execute(
                sql: "INSERT OR REPLACE INTO alertSnooze (findingID, byUser, at, until) VALUES (?, ?, ?, ?)",
                arguments: [id, user, now.timeIntervalSince1970, until.timeIntervalSince1970])
            return try Self.view(db, id: id, now: now)
        }
    }

    /// Alerts not resolved, for one team or all, worst first then newest.
    public func openAlerts(team: EntityRef?, at now: Date) async throws -> [AlertView] {
        try await writer.read { db in
            let ids = try Int64.fetchAll(
                db,
                sql: "SELECT id FROM alertFinding WHERE resolvedAt IS NULL" + (team == nil ? "" : " AND teamRef = ?")
                    + " ORDER BY severity DESC, firstSeenAt DESC, id DESC",
                arguments: team.map { [$0.description] } ?? [])
            return try ids.compactMap { try Self.view(db, id: $0, now: now) }
        }
    }

    /// One alert, resolved or not.
    public func alert(id: Int64, at now: Date) async throws -> AlertView? {
        try await writer.read { db in try Self.view(db, id: id, now: now) }
    }

    private static func notice(_ db: Database, id: Int64, reason: AlertMessages.Reason) throws -> AlertNotice {
        guard let view = try view(db, id: id, now: Date.distantPast),
              let notifications = try Int.fetchOne(db, sql: "SELECT notifications FROM alertFinding WHERE id = ?", arguments: [id])
        else { throw DatabaseError(message: "alert \(id) vanished") }
        return AlertNotice(alert: view, reason: reason, sequence: notifications + 1)
    }

    private static func view(_ db: Database, id: Int64, now: Date) throws -> AlertView? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT f.*, a.findingID AS acked, s.until AS snoozedUntil FROM alertFinding f
            LEFT JOIN alertAcknowledgement a ON a.findingID = f.id
            LEFT JOIN alertSnooze s ON s.findingID = f.id
            WHERE f.id = ?
            """, arguments: [id]),
            let team = try? EntityRef(parsing: row["teamRef"]), let entity = try? EntityRef(parsing: row["entityRef"]),
            let rule = AlertCandidate.Rule(rawValue: row["rule"])
        else { return nil }
        let snoozedUntil = (row["snoozedUntil"] as Double?).map(Date.init(timeIntervalSince1970:))
        let status: AlertView.Status
        if (row["resolvedAt"] as Double?) != nil {
            status = .resolved
        } else if let snoozedUntil, snoozedUntil > now {
            status = .snoozed
        } else if (row["acked"] as Int64?) != nil {
            status = .acknowledged
        } else {
            status = .open
        }
        return AlertView(
            id: row["id"], fingerprint: row["fingerprint"], team: team, rule: rule, entity: entity, title: row["title"], detail: row["detail"],
            detailsCommand: row["detailsCommand"], severity: row["severity"], status: status, snoozedUntil: snoozedUntil,
            firstSeen: Date(timeIntervalSince1970: row["firstSeenAt"]), lastSeen: Date(timeIntervalSince1970: row["lastSeenAt"]))
    }
}

/// An alert to tell a team now, and why.
public struct AlertNotice: Sendable, Hashable {
    /// The alert.
    public var alert: AlertView
    /// New, worse, or a reminder after a snooze.
    public var reason: AlertMessages.Reason
    /// Which telling of this finding this is (1 for the first): part of the dedupe key.
    public var sequence: Int

    /// `alert:<fingerprint>:<sequence>`: the same telling enqueued twice (a crash between enqueue
    /// and ``AlertStore/markNotified(_:at:)``) is one message.
    public var dedupeKey: String { "alert:\(alert.fingerprint):\(sequence)" }
}
