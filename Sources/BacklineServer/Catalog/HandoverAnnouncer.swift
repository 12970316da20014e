import Catalog
import ChatOps
import Foundation
import Logging
import Slack

/// Tells both teams of every owner change in the change feed, in each team's channel
/// (`slack.com/bot-notify`), once: each message is queued in the outbox (keyed by change and team,
/// so queuing it again is a no-op) and then recorded as told, so a repeated refresh or a restart
/// queues nothing more. The outbox's worker delivers it, retrying and pacing as it does for every
/// proactive message.
public struct HandoverAnnouncer: Sendable {
    let catalog: CatalogStore
    let outbox: OutboxStore
    let now: @Sendable () -> Date
    let logger: Logger

    /// Creates an announcer queuing its messages in `outbox`.
    public init(catalog: CatalogStore, outbox: OutboxStore, now: @escaping @Sendable () -> Date = { Date() }, logger: Logger) {
        self.catalog = catalog
        self.outbox = outbox
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
                let draft = try OutboxDraft(
                    kind: "handover", slackMessage: SlackReplyRenderer.render(reply), channel: channel, dedupeKey: "handover:\(id):\(team)")
                try outbox.enqueue([draft], at: now())
                try await catalog.recordAnnouncement(change: id, team: team, channel: channel, at: now())
            } catch {
                logger.warning("handover announcement not queued; it is tried again after the next refresh", metadata: [
                    "team": "\(team)", "entity": "\(change.entity)", "error": "\(error)",
                ])
            }
        }
    }
}
