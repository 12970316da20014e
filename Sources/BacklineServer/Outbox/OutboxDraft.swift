import Foundation

/// The chat platform an outbox message goes to; each has its own delivery path.
public enum OutboxPlatform: String, Sendable, Hashable, Codable, CaseIterable {
    /// Slack: `chat.postMessage` with the outbox id in message metadata.
    case slack
    /// Mattermost: the REST API or an incoming webhook (text only).
    case mattermost
}

/// One proactive message to deliver. `dedupeKey` (unique when set) makes a repeated enqueue a no-op.
///
/// A draft is written to SQLite by ``OutboxStore/enqueue(_:at:)`` before any network call; the
/// delivery worker sends it later, so whoever composes it never talks to Slack directly.
public struct OutboxDraft: Sendable, Hashable {
    /// What the message is, for operators and metrics: `digest`, `alert`, `incident`, `handover`.
    public var kind: String
    /// Where it goes.
    public var platform: OutboxPlatform
    /// A Slack conversation id (`C…`, or a user id for the app DM) or a Mattermost channel.
    public var channel: String
    /// The notification text (Slack's fallback for blocks; the whole message on Mattermost).
    public var text: String
    /// A Block Kit array as JSON; nil for a text-only message. Ignored on Mattermost.
    public var blocksJSON: String?
    /// When set, a second draft with the same key is not queued again (e.g. `digest:team-a:2026-W49`).
    public var dedupeKey: String?
    /// Not sent before this moment (quiet hours); nil sends as soon as pacing allows.
    public var notBefore: Date?

    /// Creates a draft.
    public init(
        kind: String, platform: OutboxPlatform = .slack, channel: String, text: String, blocksJSON: String? = nil,
        dedupeKey: String? = nil, notBefore: Date? = nil
    ) {
        self.kind = kind
        self.platform = platform
        self.channel = channel
        self.text = text
        self.blocksJSON = blocksJSON
        self.dedupeKey = dedupeKey
        self.notBefore = notBefore
    }
}
