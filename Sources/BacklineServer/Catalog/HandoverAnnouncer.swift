import Catalog
import ChatOps
import Foundation
import Logging
import Slack

/// Tells both teams of every owner change in the change feed, in each team's channel
/// (`slack.com/bot-notify`), once: what was told is recorded, so a repeated refresh or a restart
/// posts nothing more. A post that fails for a moment is tried again after the next refresh.
public struct HandoverAnnouncer: Sendable {
    let catalog: CatalogStore
    let webAPI: SlackWebAPIClient
    let now: @Sendable () -> Date
    let logger: Logger

    /// Slack errors that another try cannot fix: the announcement is given up and logged.
    static let permanentErrors: Set<String> = ["channel_not_found", "is_archived", "not_in_channel", "invalid_blocks", "msg_too_long"]

    /// Creates an announcer posting through `webAPI` (which holds the bot token).
    public init(catalog: CatalogStore, webAPI: SlackWebAPIClient, now: @escaping @Sendable () -> Date = { Date() }, logger: Logger) {
        self.catalog = catalog
        self.webAPI = webAPI
        self.now = now
        self.logger = logger
    }

    /// Posts every handover not yet told to each team concerned.
    public func announcePending() async {
        let pending: [(change: CatalogChange, team: EntityRef)]
        do {
            pending = try await catalog.unannouncedHandovers()
        } catch {
            logger.error("handovers not read", metadata: ["error": "\(error)"])
            return
        }
        for (change, team) in pending {
            guard let id = change.id else { continue }
            do {
                let headlines = try await catalog.headlines([change.entity, team] + change.teams)
                func headline(_ ref: EntityRef?) -> EntityHeadline? { ref.flatMap { ref in headlines.first { $0.ref == ref } } }
                guard let channel = headline(team)?.channel, !channel.isEmpty else {
                    logger.info("handover not announced: the team has no slack.com/bot-notify channel", metadata: ["team": "\(team)", "entity": "\(change.entity)"])
                    try await catalog.recordAnnouncement(change: id, team: team, channel: "", at: now())
                    continue
                }
                let reply = HandoverMessage.reply(
                    for: change, entity: headline(change.entity), from: headline(change.ownerBefore), to: headline(change.ownerAfter), audience: team)
                var message = SlackReplyRenderer.render(reply)
                message.responseType = nil
                do {
                    _ = try await webAPI.postMessage(channel: channel, message: message)
                } catch let error as SlackAPIError where Self.permanentErrors.contains(error.code) {
                    logger.error("handover not announced", metadata: ["team": "\(team)", "channel": "\(channel)", "error": "\(error)"])
                }
                try await catalog.recordAnnouncement(change: id, team: team, channel: channel, at: now())
            } catch {
                logger.warning("handover announcement failed; it is tried again after the next refresh", metadata: [
                    "team": "\(team)", "entity": "\(change.entity)", "error": "\(error)",
                ])
            }
        }
    }
}
