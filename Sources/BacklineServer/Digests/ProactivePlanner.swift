import Catalog
import ChatOps
import Foundation
import Logging
import OnCall

/// Decides what Backline says on its own initiative and hands it to the outbox: each team's weekly
/// digest, and the alerts an evaluation finds. Every message carries a dedupe key, so running a
/// job twice (a retry, a catch-up, `digest send` beside `serve`) enqueues nothing new.
public struct ProactivePlanner: Sendable {
    /// Puts messages in the outbox (in one transaction per call).
    public typealias Enqueue = @Sendable ([ProactiveMessage]) async throws -> Void

    let catalog: CatalogStore
    let composer: DigestComposer
    let rules: AlertRules
    let alerts: AlertStore
    let rotations: @Sendable () -> [EntityRef: Rotation]
    let defaultTimeZone: TimeZone
    let logger: Logger
    /// The chat digests and alerts are rendered for and posted to (``BacklineConfiguration/proactivePlatform``).
    public var platform: OutboxPlatform = .slack

    /// Creates a planner.
    /// - Parameters:
    ///   - rotations: the goalie rotations now (for team time zones); read on every use, since a
    ///     catalog refresh reloads them.
    ///   - defaultTimeZone: the organisation's zone (`digests.timeZone`).
    public init(
        catalog: CatalogStore, composer: DigestComposer, rules: AlertRules, alerts: AlertStore,
        rotations: @escaping @Sendable () -> [EntityRef: Rotation], defaultTimeZone: TimeZone, logger: Logger
    ) {
        self.catalog = catalog
        self.composer = composer
        self.rules = rules
        self.alerts = alerts
        self.rotations = rotations
        self.defaultTimeZone = defaultTimeZone
        self.logger = logger
    }

    /// The delivery settings of `teams`, or of every team that owns a component.
    public func deliveries(teams: [EntityRef]? = nil) async throws -> [TeamDelivery] {
        let list: [EntityRef]
        if let teams { list = teams } else { list = try await composer.teams() }
        let deliveries = try await TeamDelivery.load(teams: list, catalog: catalog, rotations: rotations(), defaultTimeZone: defaultTimeZone)
        for problem in deliveries.flatMap(\.problems) { logger.warning("\(problem)") }
        return deliveries
    }

    /// The team named `name` (a Group name or ref), when the catalog has it.
    public func team(named name: String) async throws -> EntityRef? {
        if let ref = try? EntityRef(parsing: name, defaultKind: "group"), ref.kind == "group", try await catalog.entity(ref) != nil { return ref }
        return try await catalog.entities(named: name).first { $0.ref.kind == "group" }?.ref
    }

    /// A team's digest for the week ending `now`, as a reply.
    public func digest(for team: TeamDelivery, now: Date) async throws -> (TeamDigest, Reply) {
        let digest = try await composer.compose(team: team.team, now: now, timeZone: team.timeZone)
        return (digest, try DigestReply.reply(digest))
    }

    /// The digest messages for one team (one per destination), keyed `digest:TEAM:WEEK`; none for
    /// a team that opted out or has nowhere to post.
    public func digestMessages(for team: TeamDelivery, now: Date) async throws -> [ProactiveMessage] {
        guard team.digestEnabled else { return [] }
        guard !team.destinations.isEmpty, platform == .slack || team.channel != nil else {
            logger.warning("team has nowhere to post: no channel (and no owners with a Slack id on Slack): no digest", metadata: ["team": "\(team.team)"])
            return []
        }
        let (digest, reply) = try await digest(for: team, now: now)
        return try ProactiveMessage.messages(
            reply, kind: "digest", to: team, dedupeKey: "digest:\(team.team):\(digest.week)", notBefore: nil, platform: platform)
    }

    /// Enqueues the digest of each team; returns how many messages were handed to the outbox.
    @discardableResult
    public func sendDigests(to teams: [TeamDelivery], now: Date, enqueue: Enqueue) async throws -> Int {
        var count = 0
        for team in teams {
            let messages = try await digestMessages(for: team, now: now)
            if !messages.isEmpty { try await enqueue(messages) }
            count += messages.count
        }
        return count
    }

    /// Evaluates the alert rules for each team, enqueues what is to be told (after quiet hours)
    /// and records it as told. Returns the messages enqueued.
    @discardableResult
    public func evaluateAlerts(for teams: [TeamDelivery], now: Date, enqueue: Enqueue) async throws -> Int {
        var count = 0
        for team in teams {
            let candidates = try await rules.evaluate(team: team.team, now: now)
            let notices = try await alerts.reconcile(team: team.team, candidates: candidates, at: now)
            for notice in notices {
                let reply = try AlertMessages.notice(notice.alert, reason: notice.reason)
                let messages = try ProactiveMessage.messages(
                    reply, kind: "alert", to: team, dedupeKey: notice.dedupeKey, notBefore: team.notBefore(now), platform: platform)
                if messages.isEmpty {
                    logger.warning("alert has nowhere to go: the team has no channel and no owners with a Slack id", metadata: [
                        "team": "\(team.team)", "alert": "\(notice.alert.id)",
                    ])
                } else {
                    try await enqueue(messages)
                }
                // Only after the enqueue: a crash in between repeats the same dedupe keys.
                try await alerts.markNotified(notice, at: now)
                count += messages.count
            }
        }
        return count
    }
}
