import ChatOps
import Foundation
import Slack

/// A message Backline sends on its own initiative (a digest, an alert), rendered and addressed,
/// ready for the outbox: one per destination.
public struct ProactiveMessage: Sendable, Hashable {
    /// `digest` or `alert`.
    public var kind: String
    /// The channel (or user id, for a direct message).
    public var channel: String
    /// The fallback text (notifications); on Mattermost the whole message, in its markdown.
    public var text: String
    /// The Block Kit blocks, as JSON; empty on Mattermost.
    public var blocksJSON: String
    /// Same key, same message: a repeated run enqueues nothing new.
    public var dedupeKey: String
    /// Not before this moment (quiet hours); nil for now.
    public var notBefore: Date?
    /// The chat it goes to.
    public var platform: OutboxPlatform = .slack

    /// One message per destination of `team`, rendered from `reply`. The dedupe key gets the
    /// destination appended when there are several (direct messages to each owner).
    /// On Mattermost the message is markdown to the team's channel (a Mattermost channel id for
    /// the REST API, a channel name for an incoming webhook; a leading `#` or `~` is dropped), and
    /// a team without a channel gets none: its owners' Slack ids mean nothing there.
    public static func messages(
        _ reply: Reply, kind: String, to team: TeamDelivery, dedupeKey: String, notBefore: Date?, platform: OutboxPlatform = .slack
    ) throws -> [ProactiveMessage] {
        if platform == .mattermost {
            guard let channel = team.channel.map({ $0.hasPrefix("#") || $0.hasPrefix("~") ? String($0.dropFirst()) : $0 }), !channel.isEmpty else { return [] }
            return [ProactiveMessage(
                kind: kind, channel: channel, text: MattermostMarkdownRenderer.render(reply), blocksJSON: "", dedupeKey: dedupeKey,
                notBefore: notBefore, platform: .mattermost)]
        }
        let rendered = SlackReplyRenderer.render(reply)
        let blocks = String(decoding: try SlackJSON.encode(rendered.blocks), as: UTF8.self)
        let destinations = team.destinations
        return destinations.map { destination in
            ProactiveMessage(
                kind: kind, channel: destination, text: rendered.text, blocksJSON: blocks,
                dedupeKey: destinations.count > 1 || team.channel == nil ? "\(dedupeKey):\(destination)" : dedupeKey, notBefore: notBefore)
        }
    }
}
