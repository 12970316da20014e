import Catalog
import Foundation
import GRDB

/// The durable outbox: every proactive message is written here before any network call, and the
/// delivery worker claims messages by lease (holder and expiry in the database, not an in-process
/// lock), so a second replica sharing the database could share the work.
///
/// `backline digest send` enqueues on the same database file while `serve` runs (WAL); the
/// worker polls, and an enqueue in the same process rings ``doorbell`` so it sends at once.
public struct OutboxStore: Sendable {
    let writer: any DatabaseWriter
    /// Rung on every enqueue in this process; the delivery worker listens.
    public let doorbell: Doorbell

    /// Migrates `writer` and wraps it.
    /// - Parameter doorbell: rung after each enqueue that queued something.
    public init(writer: any DatabaseWriter, doorbell: Doorbell = Doorbell()) throws {
        self.writer = writer
        self.doorbell = doorbell
        try SchemaMigration.migrator(Self.migrations).migrate(writer)
    }

    /// The outbox's migrations, in the order they run: literal SQL, frozen once shipped.
    public static let migrations = [
        SchemaMigration("outbox v1: messages and delivery leases", sql: """
            CREATE TABLE outboxMessage (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                kind TEXT NOT NULL,
                platform TEXT NOT NULL,
                channel TEXT NOT NULL,
                text TEXT NOT NULL,
                blocksJSON TEXT,
                dedupeKey TEXT UNIQUE,
                deliveryToken TEXT NOT NULL,
                state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'in-flight', 'sent', 'parked')),
                attempts INTEGER NOT NULL DEFAULT 0,
                enqueuedAt DOUBLE NOT NULL,
                nextAttemptAt DOUBLE NOT NULL,
                firstAttemptAt DOUBLE,
                leaseHolder TEXT,
                leaseExpiresAt DOUBLE,
                outcomeUnknown BOOLEAN NOT NULL DEFAULT 0,
                sentAt DOUBLE,
                slackTS TEXT,
                parkedAt DOUBLE,
                lastError TEXT
            );
            CREATE INDEX outboxMessage_due ON outboxMessage(state, nextAttemptAt);
            CREATE INDEX outboxMessage_channel ON outboxMessage(platform, channel, state);
            """),
        // A channel given by name is resolved to its conversation id before the first send, and
        // the id kept here: after a crash the history lookup needs the id, which a name is not.
        SchemaMigration("outbox v2: conversation ids of channels given by name", sql: """
            ALTER TABLE outboxMessage ADD COLUMN conversationID TEXT;
            """),
    ]

    /// Queues drafts in one transaction and returns their outbox ids, in order. A draft whose
    /// `dedupeKey` is already in the outbox is not queued again; its existing id is returned.
    /// - Parameter date: the enqueue time; a draft without `notBefore` is due from then.
    @discardableResult
    public func enqueue(_ drafts: [OutboxDraft], at date: Date = Date()) throws -> [Int64] {
        var queuedAny = false
        let ids = try writer.write { db -> [Int64] in
            var ids: [Int64] = []
            for draft in drafts {
                if let key = draft.dedupeKey, let existing = try Int64.fetchOne(db, sql: "SELECT id FROM outboxMessage WHERE dedupeKey = ?", arguments: [key]) {
                    ids.append(existing)
                    continue
                }
                let due = max(draft.notBefore ?? date, date).timeIntervalSince1970
                try db.execute(
                    sql: """
                        INSERT INTO outboxMessage (kind, platform, channel, text, blocksJSON, dedupeKey, deliveryToken, enqueuedAt, nextAttemptAt)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        draft.kind, draft.platform.rawValue, draft.channel, draft.text, draft.blocksJSON, draft.dedupeKey,
                        UUID().uuidString.lowercased(), date.timeIntervalSince1970, due,
                    ])
                ids.append(db.lastInsertedRowID)
                queuedAny = true
            }
            return ids
        }
        if queuedAny { doorbell.ring() }
        return ids
    }

    /// One message, in any state.
    public func message(id: Int64) async throws -> OutboxMessage? {
        try await writer.read { db in try Row.fetchOne(db, sql: "SELECT * FROM outboxMessage WHERE id = ?", arguments: [id]).map(OutboxMessage.init(row:)) }
    }

    /// Every message in `state`, oldest first (at most `limit`).
    public func messages(in state: OutboxState, limit: Int = 1000) async throws -> [OutboxMessage] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM outboxMessage WHERE state = ? ORDER BY id LIMIT ?", arguments: [state.rawValue, limit])
                .map(OutboxMessage.init(row:))
        }
    }

    /// The parked messages: deliveries given up that an operator has to look at (a channel that
    /// was archived or deleted, a private channel the bot was never invited to, …).
    public func parked(limit: Int = 100) async throws -> [OutboxMessage] {
        try await messages(in: .parked, limit: limit)
    }

    /// How many messages are in each state.
    public func counts() async throws -> OutboxCounts {
        try await writer.read { db in
            var counts = OutboxCounts()
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM outboxMessage GROUP BY state") {
                let n: Int = row["n"]
                switch OutboxState(rawValue: row["state"]) {
                case .queued?: counts.queued = n
                case .inFlight?: counts.inFlight = n
                case .sent?: counts.sent = n
                case .parked?: counts.parked = n
                case nil: break
                }
            }
            return counts
        }
    }

    /// When the oldest message still waiting to be sent (queued or in flight) was enqueued; nil
    /// when none waits.
    public func oldestUnsentEnqueuedAt() async throws -> Date? {
        try await writer.read { db in
            try Double.fetchOne(db, sql: "SELECT MIN(enqueuedAt) FROM outboxMessage WHERE state IN ('queued', 'in-flight')")
                .map(Date.init(timeIntervalSince1970:))
        }
    }

    /// Puts a parked message back in the queue (after an operator fixed the channel), due at `date`.
    /// - Returns: whether a parked message with that id was found.
    @discardableResult
    public func requeue(id: Int64, at date: Date = Date()) async throws -> Bool {
        let changed = try await writer.write { db in
            try db.execute(
                sql: "UPDATE outboxMessage SET state = 'queued', nextAttemptAt = ?, attempts = 0, lastError = NULL WHERE id = ? AND state = 'parked'",
                arguments: [date.timeIntervalSince1970, id])
            return db.changesCount > 0
        }
        if changed { doorbell.ring() }
        return changed
    }
}
