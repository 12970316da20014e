import BacklineServer
import Catalog
import Foundation
import Logging
import Secrets
import Slack
import SlackTesting
import TechHealth
import Testing

/// A deployment that posts only to Mattermost gets its digests and alerts through the outbox:
/// rendered as Mattermost markdown, posted with the REST API, a refused channel parked without
/// holding up another, and a failed post retried without doubling.
@Suite("Outbox delivery to Mattermost", .timeLimit(.minutes(3)))
struct MattermostOutboxTests {
    static let logger = Logger(label: "mattermost-outbox-test")

    static func worker(
        _ database: BacklineDatabase, fake: FakeMattermost, clock: ManualClock, now: @escaping @Sendable () -> Date,
        idle: @escaping @Sendable (ManualClock.Instant) -> Void
    ) -> OutboxDeliveryService<ManualClock> {
        OutboxDeliveryService(
            store: database.outbox, slack: nil, mattermost: MattermostClient(serverURL: fake.baseURL, botToken: Secret("mm-bot-token"), webhookURL: nil),
            settings: OutboxRig<ManualClock>.testSettings, clock: clock, now: now, random: { 0.5 }, idle: idle, logger: logger)
    }

    @Test("with Mattermost as the platform, each team's digest and a new alert are posted once to its channel as markdown")
    func digestsAndAlerts() async throws {
        let database = try await ProactiveDeliveryTests.database()
        var planner = try ProactiveDeliveryTests.planner(database)
        planner.platform = .mattermost
        let start = ProactiveDeliveryTests.now
        let teams = try await planner.deliveries()
        #expect(try await planner.sendDigests(to: teams, now: start) { try database.outbox.enqueue($0, at: start) } == 2, "squad-a and squad-b; lonely has no channel, hermits opted out")
        #expect(try await planner.evaluateAlerts(for: teams, now: start) { try database.outbox.enqueue($0, at: start) } == 0, "the first evaluation records")
        let docs = DocsFreshness(status: .stale, reasons: ["The code moved on."], codeDaysAheadOfDocs: 40, checkedAt: start)
        try await database.health.save(
            ComponentHarvest(entity: EntityRef(kind: "component", name: "b-api"), folder: "/srv/b-api", harvestedAt: start, harvest: ManifestHarvest(), docs: docs),
            manifests: [:])
        #expect(try await planner.evaluateAlerts(for: teams, now: start + 60) { try database.outbox.enqueue($0, at: start + 60) } == 1)
        let queued = try await database.outbox.messages(in: .queued)
        #expect(queued.count == 3 && queued.allSatisfy { $0.platform == .mattermost && $0.channel == "shared" && $0.blocksJSON == nil })

        try await FakeMattermost.withRunning { fake in
            let clock = ManualClock()
            let now = clock.wallClock(from: start + 120)
            let outbox = database.outbox
            try await deliverOnManualClock(clock, worker: { Self.worker(database, fake: fake, clock: clock, now: now, idle: $0) }) {
                try await outbox.counts() == OutboxCounts(sent: 3)
            }
            let posts = fake.stored
            #expect(posts.count == 3)
            #expect(posts.allSatisfy { $0.channel == "shared" })
            #expect(posts.filter { $0.message.contains("#### Weekly tech health") }.count == 2, "\(posts.map(\.message))")
            let alert = try #require(posts.first { !$0.message.contains("#### Weekly tech health") })
            #expect(alert.message.contains("b-api"))
            #expect(alert.message.contains("`/alerts ack "), "buttons become the command to type")
            #expect(!posts.contains { $0.message.contains(#""type":"section""#) }, "no Block Kit on Mattermost")
            #expect(fake.received.allSatisfy { $0.authorization == "Bearer mm-bot-token" })
        }
    }

    @Test("a refused channel parks at once without holding up another; a 503 and a 429 are retried, and each message is stored once")
    func failures() async throws {
        let database = try BacklineDatabase.open(path: nil)
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        let ids = try database.outbox.enqueue([
            OutboxDraft(kind: "alert", platform: .mattermost, channel: "gone", text: "to a deleted channel"),
            OutboxDraft(kind: "digest", platform: .mattermost, channel: "town-square", text: "first"),
            OutboxDraft(kind: "digest", platform: .mattermost, channel: "town-square", text: "second"),
        ], at: start)
        try await FakeMattermost.withRunning { fake in
            fake.refusePosts(to: "gone", with: 403)
            fake.failNextPosts(with: [503, 429])
            let clock = ManualClock()
            let now = clock.wallClock(from: start)
            let outbox = database.outbox
            try await deliverOnManualClock(clock, worker: { Self.worker(database, fake: fake, clock: clock, now: now, idle: $0) }) {
                try await outbox.counts() == OutboxCounts(sent: 2, parked: 1)
            }
            #expect(fake.stored.map(\.message).sorted() == ["first", "second"], "delivered, each once")
            let parked = try #require(try await database.outbox.message(id: ids[0]))
            #expect(parked.state == .parked && parked.lastError?.contains("403") == true)
            #expect(parked.attempts == 1, "a permanent refusal is not retried")
            let first = try #require(try await database.outbox.message(id: ids[1]))
            let second = try #require(try await database.outbox.message(id: ids[2]))
            #expect(first.attempts + second.attempts == 4, "two failed posts retried once each: \(first.attempts), \(second.attempts)")
        }
    }

    @Test("Mattermost is the platform only when Slack cannot post and Mattermost can")
    func platformChoice() {
        var configuration = BacklineConfiguration(paths: BacklinePaths(home: TestServer.repositoryRoot))
        #expect(configuration.proactivePlatform == .slack)
        configuration.mattermost.serverURL = "https://chat.example.com"
        configuration.mattermost.botToken = Secret("mm-bot-token")
        #expect(configuration.proactivePlatform == .mattermost)
        configuration.slack.botToken = SlackToken("xoxb-1")
        #expect(configuration.proactivePlatform == .slack, "Slack wins when both can post")
        configuration.slack.botToken = nil
        configuration.mattermost.botToken = nil
        configuration.mattermost.incomingWebhookURL = Secret("https://chat.example.com/hooks/x")
        #expect(configuration.proactivePlatform == .mattermost)
    }
}
