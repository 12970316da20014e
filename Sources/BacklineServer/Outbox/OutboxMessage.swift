import Foundation
import GRDB

/// Where a message is in its delivery.
public enum OutboxState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Waiting for its next attempt time and for pacing.
    case queued
    /// Claimed by a worker whose lease has not expired; it may be on the wire right now.
    case inFlight = "in-flight"
    /// The platform accepted it (Slack's `ts` recorded when known).
    case sent
    /// Given up at a permanent failure (`channel_not_found`, `is_archived`, a private channel the
    /// bot is not in, …) or after too many transient failures: an operator has to look.
    case parked
}

/// One row of the outbox as stored: the draft plus its delivery record.
public struct OutboxMessage: Sendable, Hashable, Identifiable {
    /// The outbox id; it travels in Slack message metadata so a delivered message can be found again.
    public var id: Int64
    /// What the message is (`digest`, `alert`, `incident`, `handover`).
    public var kind: String
    /// Where it goes.
    public var platform: OutboxPlatform
    /// The conversation or channel.
    public var channel: String
    /// The notification text.
    public var text: String
    /// The Block Kit array as JSON, when any.
    public var blocksJSON: String?
    /// The enqueue-once key, when any.
    public var dedupeKey: String?
    /// A random token sent with the id in metadata, so an id reused by another database never matches.
    public var deliveryToken: String
    /// The delivery state.
    public var state: OutboxState
    /// Send attempts started so far (a 429 answer counts; a history lookup does not).
    public var attempts: Int
    /// When it was queued.
    public var enqueuedAt: Date
    /// Not attempted before this moment (`notBefore`, backoff or `Retry-After`).
    public var nextAttemptAt: Date
    /// When the first send attempt started: the `oldest` bound of a history lookup.
    public var firstAttemptAt: Date?
    /// The worker holding the lease, while in flight.
    public var leaseHolder: String?
    /// When that lease ends; after it another worker may take the message over.
    public var leaseExpiresAt: Date?
    /// A send started and its outcome was never learned (crash, timeout, 5xx): look it up before sending again.
    public var outcomeUnknown: Bool
    /// When the platform accepted it.
    public var sentAt: Date?
    /// Slack's message timestamp once sent.
    public var slackTS: String?
    /// When it was parked.
    public var parkedAt: Date?
    /// The last failure, for operators (Slack's error code and a short explanation).
    public var lastError: String?
    /// The Slack conversation id of ``channel`` when that is a name or a user id (resolved before
    /// the first send, or learned from Slack's answer): what `conversations.history` needs.
    public var conversationID: String?

    init(row: Row) {
        id = row["id"]
        kind = row["kind"]
        platform = OutboxPlatform(rawValue: row["platform"]) ?? .slack
        channel = row["channel"]
        text = row["text"]
        blocksJSON = row["blocksJSON"]
        dedupeKey = row["dedupeKey"]
        deliveryToken = row["deliveryToken"]
        state = OutboxState(rawValue: row["state"]) ?? .queued
        attempts = row["attempts"]
        enqueuedAt = Date(timeIntervalSince1970: row["enqueuedAt"])
        nextAttemptAt = Date(timeIntervalSince1970: row["nextAttemptAt"])
        firstAttemptAt = (row["firstAttemptAt"] as Double?).map(Date.init(timeIntervalSince1970:))
        leaseHolder = row["leaseHolder"]
        leaseExpiresAt = (row["leaseExpiresAt"] as Double?).map(Date.init(timeIntervalSince1970:))
        outcomeUnknown = row["outcomeUnknown"]
        sentAt = (row["sentAt"] as Double?).map(Date.init(timeIntervalSince1970:))
        slackTS = row["slackTS"]
        parkedAt = (row["parkedAt"] as Double?).map(Date.init(timeIntervalSince1970:))
        lastError = row["lastError"]
        conversationID = row["conversationID"]
    }
}

/// How many messages are in each state: the outbox's health at a glance (`/readyz`, metrics).
public struct OutboxCounts: Sendable, Hashable {
    /// Waiting to be sent.
    public var queued = 0
    /// Claimed by a worker.
    public var inFlight = 0
    /// Delivered (and not yet purged).
    public var sent = 0
    /// Given up; operators must look at these.
    public var parked = 0

    /// Creates counts.
    public init(queued: Int = 0, inFlight: Int = 0, sent: Int = 0, parked: Int = 0) {
        self.queued = queued
        self.inFlight = inFlight
        self.sent = sent
        self.parked = parked
    }
}
