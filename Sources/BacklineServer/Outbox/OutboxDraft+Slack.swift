import Foundation
import Slack

extension OutboxDraft {
    /// A Slack draft from a rendered message: its text and its blocks as the JSON the outbox keeps.
    /// - Throws: when the blocks cannot be encoded (never for blocks built in code).
    public init(kind: String, slackMessage: SlackMessage, channel: String, dedupeKey: String? = nil, notBefore: Date? = nil) throws {
        let blocks = slackMessage.blocks.isEmpty ? nil : String(decoding: try SlackJSON.encode(slackMessage.blocks), as: UTF8.self)
        self.init(kind: kind, platform: .slack, channel: channel, text: slackMessage.text, blocksJSON: blocks, dedupeKey: dedupeKey, notBefore: notBefore)
    }
}
