import BacklineServer
import Catalog
import ChatOps
import Foundation
import Logging
import OnCall
import Slack
import TechHealth
import Testing

/// Where digests and alerts go and when: the team channel, else each owner by direct message;
/// teams sharing a channel each get their own message; quiet hours on the team's wall clock;
/// opting out; and Slack's limits on the rendered digest.
@Suite("Digest and alert delivery: routing, quiet hours, opt-out, Block Kit limits", .timeLimit(.minutes(3)))
struct ProactiveDeliveryTests {
    static let now = ISO8601DateFormatter().date(from: "2026-12-02T20:00:00Z")!   // 21:00 in Stockholm

    static let yaml = """
        apiVersion: backstage.io/v1alpha1
        kind: Group
        metadata:
          name: squad-a
          annotations: {slack.com/bot-notify: '#shared', backline.io/quiet-hours: '19:00-08:00'}
        spec: {type: team, children: []}
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Group
        metadata:
          name: squad-b
          annotations: {slack.com/bot-notify: '#shared', backline.io/digest-schedule: '0 10 * * 2', backline.io/quiet-hours: 'late'}
        spec: {type: team, children: []}
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Group
        metadata: {name: lonely}
        spec: {type: team, children: []}
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Group
        metadata:
          name: hermits
          annotations: {slack.com/bot-notify: '#hermits', backline.io/digest: 'off'}
        spec: {type: team, children: []}
        ---
        apiVersion: backstage.io/v1alpha1
        kind: User
        metadata: {name: ada, annotations: {slack.com/user_id: U0ADA}}
        spec: {memberOf: [lonely]}
        ---
        apiVersion: backstage.io/v1alpha1
        kind: User
        metadata: {name: bob, annotations: {slack.com/user_id: U0BOB}}
        spec: {memberOf: [lonely]}
        ---
        apiVersion: backstage.io/v1alpha1
        kind: User
        metadata: {name: cy}
        spec: {memberOf: [lonely]}
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata: {name: a-api}
        spec: {type: service, lifecycle: production, owner: squad-a}
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata: {name: b-api}
        spec: {type: service, lifecycle: production, owner: squad-b}
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata: {name: lonely-api}
        spec: {type: service, lifecycle: production, owner: lonely}
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata: {name: hermit-api}
        spec: {type: service, lifecycle: production, owner: hermits}
        """

    static func database() async throws -> BacklineDatabase {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("backline-proactive-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try yaml.write(to: directory.appendingPathComponent("catalog-info.yaml"), atomically: true, encoding: .utf8)
        let database = try BacklineDatabase.open(path: nil)
        _ = try await CatalogIngester(store: database.catalog).ingest([.path(directory.path)])
        return database
    }

    static func planner(_ database: BacklineDatabase) throws -> ProactivePlanner {
        let measurer = HealthMeasurer(releases: ReleaseCatalog.empty, eol: EOLCatalog.empty)
        let stockholm = try #require(TimeZone(identifier: "Europe/Stockholm"))
        let rotation = Rotation(team: "squad-a", members: [], handoff: Handoff(weekday: 2, hour: 9, minute: 0), timeZone: stockholm)
        return ProactivePlanner(
            catalog: database.catalog,
            composer: DigestComposer(catalog: database.catalog, health: database.health, measurer: measurer, incidents: database.oncall),
            rules: AlertRules(catalog: database.catalog, health: database.health, measurer: measurer), alerts: database.alerts,
            rotations: { [EntityRef(kind: "group", name: "squad-a"): rotation] }, defaultTimeZone: .gmt, logger: Logger(label: "test"))
    }

    /// Collects what would be enqueued.
    actor Outbox {
        var messages: [ProactiveMessage] = []
        func add(_ batch: [ProactiveMessage]) { messages += batch }
    }

    @Test("teams sharing a channel each get their own digest; a team without a channel gets DMs to its owners; opted out gets none; a rerun keeps its keys")
    func digestRouting() async throws {
        let database = try await Self.database()
        let planner = try Self.planner(database)
        let teams = try await planner.deliveries()
        #expect(teams.map(\.team.name) == ["hermits", "lonely", "squad-a", "squad-b"])
        let outbox = Outbox()
        let count = try await planner.sendDigests(to: teams, now: Self.now) { await outbox.add($0) }
        let messages = await outbox.messages
        #expect(count == messages.count)
        #expect(messages.filter { $0.channel == "#shared" }.count == 2, "one per team sharing the channel")
        #expect(Set(messages.filter { $0.channel == "#shared" }.map(\.dedupeKey)).count == 2)
        #expect(messages.filter { $0.channel == "#shared" }.contains { $0.text.contains("squad-a") })
        #expect(Set(messages.filter { $0.channel.hasPrefix("U0") }.map(\.channel)) == ["U0ADA", "U0BOB"], "owners with a Slack id, by DM")
        #expect(!messages.contains { $0.channel == "#hermits" }, "opted out")
        #expect(messages.allSatisfy { $0.dedupeKey.hasPrefix("digest:group:default/") && $0.dedupeKey.contains(":2026-W49") })

        let again = Outbox()
        try await planner.sendDigests(to: teams, now: Self.now.addingTimeInterval(3600)) { await again.add($0) }
        #expect(await again.messages.map(\.dedupeKey) == messages.map(\.dedupeKey), "the same week's keys: the outbox enqueues nothing new")
    }

    @Test("team settings: rotation zone else the organisation's, quiet hours, a bad quiet-hours value ignored and reported, digest schedule")
    func settings() async throws {
        let database = try await Self.database()
        let teams = Dictionary(try await Self.planner(database).deliveries().map { ($0.team.name, $0) }, uniquingKeysWith: { first, _ in first })
        let a = try #require(teams["squad-a"])
        #expect(a.timeZone.identifier == "Europe/Stockholm")
        #expect(teams["lonely"]?.timeZone == .gmt)
        #expect(a.notBefore(Self.now) == ISO8601DateFormatter().date(from: "2026-12-03T07:00:00Z"), "21:00 in Stockholm waits for 08:00")
        #expect(a.notBefore(ISO8601DateFormatter().date(from: "2026-12-02T10:00:00Z")!) == nil, "11:00 goes at once")
        #expect(teams["squad-b"]?.quietHours == nil)
        #expect(teams["squad-b"]?.problems.count == 1)
        #expect(teams["squad-b"]?.digestSchedule == "0 10 * * 2")
        #expect(teams["hermits"]?.digestEnabled == false)
    }

    @Test("quiet hours across midnight and within a day, on the team's wall clock")
    func quietHours() throws {
        let stockholm = try #require(TimeZone(identifier: "Europe/Stockholm"))
        let overnight = try #require(QuietHours("19:00-08:00"))
        let iso = ISO8601DateFormatter()
        #expect(overnight.deferral(of: iso.date(from: "2026-12-03T05:30:00Z")!, in: stockholm) == iso.date(from: "2026-12-03T07:00:00Z"), "06:30 waits till 08:00 the same day")
        #expect(overnight.deferral(of: iso.date(from: "2026-12-03T17:59:00Z")!, in: stockholm) == nil, "18:59 is before the quiet")
        let lunch = try #require(QuietHours("12:00-13:00"))
        #expect(lunch.deferral(of: iso.date(from: "2026-12-03T11:30:00Z")!, in: stockholm) == iso.date(from: "2026-12-03T12:00:00Z"))
        #expect(QuietHours("25:00-08:00") == nil)
        #expect(QuietHours("08:00-08:00") == nil, "an empty window is no window")
    }

    @Test("alerts go to the owners by DM when the team has no channel, after quiet hours when inside them, each once")
    func alertRouting() async throws {
        let database = try await Self.database()
        let planner = try Self.planner(database)
        let teams = try await planner.deliveries()
        let outbox = Outbox()
        #expect(try await planner.evaluateAlerts(for: teams, now: Self.now) { await outbox.add($0) } == 0, "the first evaluation only records")
        for name in ["lonely-api", "a-api"] {
            let docs = DocsFreshness(status: .stale, reasons: ["The code moved on."], codeDaysAheadOfDocs: 40, checkedAt: Self.now)
            try await database.health.save(
                ComponentHarvest(entity: EntityRef(kind: "component", name: name), folder: "/srv/\(name)", harvestedAt: Self.now, harvest: ManifestHarvest(), docs: docs),
                manifests: [:])
        }
        try await planner.evaluateAlerts(for: teams, now: Self.now.addingTimeInterval(60)) { await outbox.add($0) }
        let messages = await outbox.messages
        let lonely = messages.filter { $0.channel.hasPrefix("U0") }
        #expect(Set(lonely.map(\.channel)) == ["U0ADA", "U0BOB"])
        #expect(lonely.allSatisfy { $0.notBefore == nil })
        let shared = try #require(messages.first { $0.channel == "#shared" })
        #expect(shared.notBefore == ISO8601DateFormatter().date(from: "2026-12-03T07:00:00Z"), "squad-a is in its quiet hours")
        #expect(shared.blocksJSON.contains("/alerts ack "), "the acknowledge button runs /alerts ack ID")
        #expect(shared.blocksJSON.contains(SlackReplyRenderer.runCommandActionID))
        #expect(try await planner.evaluateAlerts(for: teams, now: Self.now.addingTimeInterval(120)) { await outbox.add($0) } == 0, "told once")
    }

    @Test("a long digest stays within Block Kit's limits and its buttons run /health")
    func blockKitLimits() throws {
        let items = (0..<40).map { index in
            DigestHealthItem(component: "service-\(index)", name: "package-\(index)", version: "1.0.\(index)",
                             reasons: [String(repeating: "very long reason ", count: 20)], endOfLife: index < 5, severity: Double(100 - index))
        }
        let digest = TeamDigest(
            team: EntityRef(kind: "group", name: "playlists"), teamName: "Playlists", channel: "#squad-playlists", week: "2026-W49",
            periodStart: Self.now.addingTimeInterval(-7 * 86_400), periodEnd: Self.now, timeZone: "UTC", components: 40, harvested: 40,
            scorecards: [], actions: [], outdated: items, outdatedMore: 12, outOfPolicy: items, staleDocs: [], hygiene: [], incidents: [],
            goalie: Goalie(name: "Ada", chatUserID: "U0ADA"), nextGoalie: Goalie(name: "Bob"), nextHandoff: Self.now, newServices: [])
        let message = SlackReplyRenderer.render(try DigestReply.reply(digest))
        #expect(message.blocks.count <= BlockKitLimits.blocksPerMessage)
        for block in message.blocks {
            if case .section(let text, _) = block { #expect((text?.text.count ?? 0) <= BlockKitLimits.sectionText) }
        }
        let buttons = message.blocks.flatMap { block -> [Button] in
            if case .actions(_, let elements) = block { return elements }
            return []
        }
        #expect(buttons.contains { $0.value == "/health team playlists" && $0.actionID.hasPrefix(SlackReplyRenderer.runCommandActionID) })
        #expect(buttons.contains { $0.value == "/health service-0" })
        let markdown = MattermostMarkdownRenderer.render(try DigestReply.reply(digest))
        #expect(markdown.contains("#### Weekly tech health: Playlists"))
    }
}
