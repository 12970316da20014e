import Foundation

extension ProactiveMessage {
    /// The outbox draft for this message (Slack: the blocks go with the fallback text).
    public var draft: OutboxDraft {
        OutboxDraft(
            kind: kind, platform: platform, channel: channel, text: text, blocksJSON: blocksJSON.isEmpty ? nil : blocksJSON, dedupeKey: dedupeKey,
            notBefore: notBefore)
    }
}

extension OutboxStore {
    /// Enqueues proactive messages in one transaction, for ``ProactivePlanner``; messages whose
    /// dedupe key is already in the outbox are not queued again.
    public func enqueue(_ messages: [ProactiveMessage], at date: Date) throws {
        try enqueue(messages.map(\.draft), at: date)
    }
}
