import Catalog
import Foundation
import Logging
import OnCall

/// Runs incidents: opens one when an incident channel appears or one is declared, finds the
/// services its channel and messages name, tags their teams' goalies into the channel (each team
/// once per incident, whatever is redelivered), and keeps the record in SQLite.
///
/// Everything said goes to the incident channel; nobody is ever sent a direct message.
public struct IncidentDesk: Sendable {
    let catalog: CatalogStore
    let goalies: GoalieDirectory
    let actions: any IncidentActions
    /// Channel names that open an incident when created.
    public let pattern: ChannelPattern
    let logger: Logger
    let now: @Sendable () -> Date

    var store: OnCallStore { goalies.store }

    /// Creates a desk.
    public init(
        catalog: CatalogStore, goalies: GoalieDirectory, actions: any IncidentActions, pattern: ChannelPattern = .incidents,
        logger: Logger, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.catalog = catalog
        self.goalies = goalies
        self.actions = actions
        self.pattern = pattern
        self.logger = logger
        self.now = now
    }

    /// A channel was created: when its name matches the pattern, an incident opens there.
    public func channelCreated(id: String, name: String, creator: String?) async {
        guard pattern.matches(name) else { return }
        do {
            let channel = await channelInfo(id, fallbackName: name)
            if !channel.isArchived {
                // Someone else created it: the bot must be a member to invite people and to hear
                // later messages. A failure shows up as a refused invite, said in the channel.
                do {
                    try await actions.join(id)
                } catch {
                    logger.warning("could not join an incident channel", metadata: ["channel": "\(id)", "error": "\(error)"])
                }
            }
            _ = try await open(in: channel, summary: nil, declaredBy: creator)
        } catch {
            logger.error("could not open an incident for a new channel", metadata: ["channel": "\(id)", "error": "\(error)"])
        }
    }

    /// A message in some channel: in an open incident's channel, services it names that the
    /// incident does not list yet bring their goalies in.
    public func messagePosted(channel: String, text: String) async {
        do {
            guard let incident = try await store.incident(channelID: channel), incident.resolvedAt == nil else { return }
            let info = IncidentChannel(id: channel, name: incident.channelName)
            if let reply = try await scan(incident, channel: info, sources: [("a message", text)], opening: false) {
                await post(reply, to: channel)
            }
        } catch {
            logger.error("could not read a message in an incident channel", metadata: ["channel": "\(channel)", "error": "\(error)"])
        }
    }

    /// Opens (or finds) the incident in `channel` and tags the goalies of what it names.
    func open(in channel: IncidentChannel, summary: String?, declaredBy: String?, alsoInvite: [String] = []) async throws -> IncidentRecord {
        let (incident, created) = try await store.startIncident(
            channelID: channel.id, channelName: channel.name, summary: summary, declaredBy: declaredBy, at: now())
        var sources: [(String, String)] = [("the channel name", channel.name), ("the topic", channel.topic), ("the purpose", channel.purpose)]
        if let summary { sources.insert(("the summary", summary), at: 0) }
        if let reply = try await scan(incident, channel: channel, sources: sources, opening: created, alsoInvite: alsoInvite) {
            await post(reply, to: channel.id)
        }
        if channel.isArchived {
            logger.error("incident channel is archived: nothing can be posted there", metadata: ["channel": "\(channel.id)", "incident": "\(incident.id)"])
        }
        return try await store.incident(channelID: channel.id) ?? incident
    }

    func channelInfo(_ id: String, fallbackName: String) async -> IncidentChannel {
        do {
            return try await actions.channel(id)
        } catch {
            // The event's own name still finds services; topic and purpose are new channels' blanks anyway.
            logger.warning("could not read an incident channel's details", metadata: ["channel": "\(id)", "error": "\(error)"])
            return IncidentChannel(id: id, name: fallbackName)
        }
    }

    func post(_ reply: Reply, to channel: String) async {
        do {
            try await actions.post(reply, to: channel)
        } catch {
            logger.error("could not post in an incident channel", metadata: ["channel": "\(channel)", "error": "\(error)", "message": "\(reply.summary)"])
        }
    }
}
