import Foundation
import GRDB

/// The delivery worker's side of the outbox: claims by lease and the record of every attempt.
/// Every write names the lease holder, so a worker that lost its lease (it stalled past the expiry
/// and another took over) cannot overwrite the new holder's record.
extension OutboxStore {
    /// Messages a worker could claim now: queued and due, or in flight under an expired lease, in
    /// channels where no live lease is held (one message per channel at a time, across processes).
    func claimable(now: Date, limit: Int) async throws -> [OutboxMessage] {
        try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM outboxMessage m
                    WHERE ((m.state = 'queued' AND m.nextAttemptAt <= :now) OR (m.state = 'in-flight' AND m.leaseExpiresAt <= :now))
                      AND NOT EXISTS (
                        SELECT 1 FROM outboxMessage o
                        WHERE o.platform = m.platform AND o.channel = m.channel AND o.state = 'in-flight' AND o.leaseExpiresAt > :now)
                    ORDER BY m.nextAttemptAt, m.id
                    LIMIT :limit
                    """,
                arguments: ["now": now.timeIntervalSince1970, "limit": limit]
            ).map(OutboxMessage.init(row:))
        }
    }

    /// The earliest moment a queued message becomes due or an in-flight lease expires; nil when none.
    func nextDue() async throws -> Date? {
        try await writer.read { db in
            let next = try Double.fetchOne(db, sql: """
                SELECT MIN(t) FROM (
                    SELECT MIN(nextAttemptAt) AS t FROM outboxMessage WHERE state = 'queued'
                    UNION ALL SELECT MIN(leaseExpiresAt) FROM outboxMessage WHERE state = 'in-flight')
                """)
            return next.map(Date.init(timeIntervalSince1970:))
        }
    }

    /// Takes the lease on one message if it is still claimable; returns it as claimed, or nil when
    /// another worker got there first.
    func claim(id: Int64, holder: String, now: Date, leaseDuration: TimeInterval) async throws -> OutboxMessage? {
        try await writer.write { db in
            try db.execute(
                sql: """
                    UPDATE outboxMessage SET state = 'in-flight', leaseHolder = :holder, leaseExpiresAt = :expiry
                    WHERE id = :id
                      AND ((state = 'queued' AND nextAttemptAt <= :now) OR (state = 'in-flight' AND leaseExpiresAt <= :now))
                      AND NOT EXISTS (
                        SELECT 1 FROM outboxMessage o
                        WHERE o.platform = outboxMessage.platform AND o.channel = outboxMessage.channel AND o.id != outboxMessage.id
                          AND o.state = 'in-flight' AND o.leaseExpiresAt > :now)
                    """,
                arguments: ["holder": holder, "expiry": now.timeIntervalSince1970 + leaseDuration, "id": id, "now": now.timeIntervalSince1970])
            guard db.changesCount > 0 else { return nil }
            return try Row.fetchOne(db, sql: "SELECT * FROM outboxMessage WHERE id = ?", arguments: [id]).map(OutboxMessage.init(row:))
        }
    }

    /// Records that a send is about to start: from here until its outcome is recorded, a crash
    /// leaves `outcomeUnknown` set, and the next attempt looks the message up before sending.
    /// - Returns: false when the lease was lost (the caller must not send).
    /// - Parameter conversationID: the conversation id the send goes to, when the message names
    ///   its channel otherwise: kept, so a lookup after a crash can read that conversation's history.
    func beginAttempt(id: Int64, holder: String, now: Date, leaseDuration: TimeInterval, conversationID: String? = nil) async throws -> Bool {
        try await writer.write { db in
            try db.execute(
                sql: """
                    UPDATE outboxMessage SET attempts = attempts + 1, firstAttemptAt = COALESCE(firstAttemptAt, :now),
                        outcomeUnknown = 1, leaseExpiresAt = :expiry, conversationID = COALESCE(:conversation, conversationID)
                    WHERE id = :id AND state = 'in-flight' AND leaseHolder = :holder
                    """,
                arguments: [
                    "now": now.timeIntervalSince1970, "expiry": now.timeIntervalSince1970 + leaseDuration, "id": id, "holder": holder,
                    "conversation": conversationID,
                ])
            return db.changesCount > 0
        }
    }

    /// Records delivery (found by a history lookup, or accepted just now).
    /// - Parameter conversationID: the conversation Slack says the message landed in.
    func markSent(id: Int64, holder: String, slackTS: String?, now: Date, conversationID: String? = nil) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    UPDATE outboxMessage SET state = 'sent', sentAt = :now, slackTS = :ts, outcomeUnknown = 0, leaseHolder = NULL, leaseExpiresAt = NULL,
                        conversationID = COALESCE(:conversation, conversationID)
                    WHERE id = :id AND state = 'in-flight' AND leaseHolder = :holder
                    """,
                arguments: ["now": now.timeIntervalSince1970, "ts": slackTS, "id": id, "holder": holder, "conversation": conversationID])
        }
    }

    /// Puts a message back in the queue until `date`, releasing the lease.
    /// - Parameter outcomeUnknown: whether the failed attempt may have reached the platform anyway
    ///   (a timeout, a 5xx): then the next attempt looks it up first.
    func reschedule(id: Int64, holder: String, at date: Date, error: String, outcomeUnknown: Bool) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    UPDATE outboxMessage SET state = 'queued', nextAttemptAt = :at, lastError = :error, outcomeUnknown = :unknown,
                        leaseHolder = NULL, leaseExpiresAt = NULL
                    WHERE id = :id AND state = 'in-flight' AND leaseHolder = :holder
                    """,
                arguments: ["at": date.timeIntervalSince1970, "error": error, "unknown": outcomeUnknown, "id": id, "holder": holder])
        }
    }

    /// Gives a message up: it stays in the outbox, parked, for operators to see and requeue.
    func park(id: Int64, holder: String, error: String, now: Date) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    UPDATE outboxMessage SET state = 'parked', parkedAt = :now, lastError = :error, outcomeUnknown = 0,
                        leaseHolder = NULL, leaseExpiresAt = NULL
                    WHERE id = :id AND state = 'in-flight' AND leaseHolder = :holder
                    """,
                arguments: ["now": now.timeIntervalSince1970, "error": error, "id": id, "holder": holder])
        }
    }

    /// Frees the leases a dead predecessor of this process held (same instance name, another
    /// holder), so a restart resumes at once instead of waiting for them to expire.
    /// - Returns: how many messages were taken back.
    @discardableResult
    func releaseLeases(ofInstance instance: String, except holder: String) async throws -> Int {
        try await writer.write { db in
            try db.execute(
                sql: """
                    UPDATE outboxMessage SET state = 'queued', leaseHolder = NULL, leaseExpiresAt = NULL
                    WHERE state = 'in-flight' AND leaseHolder != :holder AND substr(leaseHolder, 1, length(:prefix)) = :prefix
                    """,
                arguments: ["holder": holder, "prefix": instance + "#"])
            return db.changesCount
        }
    }

    /// Forgets sent messages older than `date` (their dedupe keys go with them).
    @discardableResult
    public func purgeSent(before date: Date) async throws -> Int {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM outboxMessage WHERE state = 'sent' AND sentAt < ?", arguments: [date.timeIntervalSince1970])
            return db.changesCount
        }
    }
}
