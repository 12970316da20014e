import Catalog
import Foundation
import GRDB

/// Remembers which Slack events were handled, by `event_id`, so that Slack's retries and
/// duplicate deliveries (HTTP and Socket Mode, before and after a restart) are handled once.
public struct EventReceiptStore: Sendable {
    private let writer: any DatabaseWriter
    /// Receipts older than this are forgotten; Slack stops retrying after about an hour.
    static let retention: TimeInterval = 24 * 3600

    /// Migrates `writer` and wraps it.
    public init(writer: any DatabaseWriter) throws {
        self.writer = writer
        try SchemaMigration.migrator(Self.migrations).migrate(writer)
    }

    /// The server's migrations, in the order they run: literal SQL, frozen once shipped.
    public static let migrations = [
        SchemaMigration("server v1: slack event receipts", sql: """
            CREATE TABLE slackEventReceipt (
                eventID TEXT PRIMARY KEY,
                receivedAt DOUBLE NOT NULL
            ) WITHOUT ROWID;
            CREATE INDEX slackEventReceipt_receivedAt ON slackEventReceipt(receivedAt);
            """),
    ]

    /// Records `eventID`; true the first time, false for every later delivery of the same event.
    public func recordFirstDelivery(of eventID: String, at date: Date = Date()) async throws -> Bool {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM slackEventReceipt WHERE receivedAt < ?", arguments: [date.timeIntervalSince1970 - Self.retention])
            try db.execute(
                sql: "INSERT OR IGNORE INTO slackEventReceipt (eventID, receivedAt) VALUES (?, ?)",
                arguments: [eventID, date.timeIntervalSince1970])
            return db.changesCount > 0
        }
    }
}
