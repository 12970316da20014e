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
    /// The fallback text (notifications, Mattermost).
    public var text: String
    /// The Block Kit blocks, as JSON.
    public var blocksJSON: String
    /// Same key, same message: a repeated run enqueues nothing new.
    public var dedupeKey: String
    /// Not before this moment (quiet hours); nil for now.
    public var notBefore: Date?

    /// One message per destination of `team`, rendered from `reply`. The dedupe key gets the
    /// destination appended when there are several (direct messages to each owner).
    public static func messages(_ reply: Reply, kind: String, to team: TeamDelivery, dedupeKey: String, notBefore: Date?) throws -> [ProactiveMessage] {
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
