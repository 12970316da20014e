import BacklineServer
import Foundation
import GRDB
import Slack
import SlackTesting
import Testing
import Logging
import Hummingbird
import HummingbirdTesting

/// The delivery worker against the fake Slack: pacing, 429s, retries, joins, parking, and the two
/// crash cases, each on a manual clock that moves only when the worker waits (no test sleeps).
@Suite("Outbox delivery", .timeLimit(.minutes(3)))
struct OutboxDeliveryTests {
    static let base = Date(timeIntervalSince1970: 1_790_000_000)

    @Test("each queued message is posted once with its outbox id in metadata, and Slack's ts is recorded")
    func delivers() async throws {
        let clock = ManualClock()
        try await OutboxRig.with(clock: clock, now: clock.wallClock(from: Self.base)) { rig in
            rig.fake.limitPosting(.init(clock: clock))
            let blocks = #"[{"type":"section","text":{"type":"mrkdwn","text":"*Playlists*: level 2"}}]"#
            let ids = try rig.store.enqueue([
                OutboxDraft(kind: "digest", channel: "C0PLAY", text: "Digest for Playlists", blocksJSON: blocks, dedupeKey: "digest:playlists"),
                OutboxDraft(kind: "alert", channel: "C0PLAY", text: "Docs are stale"),
                OutboxDraft(kind: "digest", channel: "C0BACK", text: "Digest for Playback"),
            ], at: rig.now())
            try await rig.deliver(accepted: 3)
            let posted = rig.fake.postedMessages
            #expect(posted.count == 3)
            for id in ids {
                let message = try #require(try await rig.store.message(id: id))
                #expect(message.state == .sent)
                let post = try #require(posted.first { $0.metadata?["event_payload"]?["outbox_id"]?.stringValue == String(id) })
                #expect(post.metadata?["event_type"]?.stringValue == "backline_outbox")
                #expect(post.metadata?["event_payload"]?["delivery_token"]?.stringValue == message.deliveryToken)
                #expect(message.slackTS == post.ts && message.text == post.text)
            }
            let digest = try #require(rig.fake.calls.elements.first { $0[string: "text"] == "Digest for Playlists" })
            #expect(digest.arguments["blocks"] != nil, "the queued blocks are sent as Block Kit")
            #expect(try await rig.store.counts() == OutboxCounts(sent: 3))
        }
    }

    @Test("60 messages to 6 channels: one post per second per channel, the workspace rate kept, no 429, at least 90% of what the fake allows")
    func pacing() async throws {
        // A manual clock shared by the worker and the fake: time moves only when the worker is idle
        // with nothing in flight, so the measured rate does not depend on how busy the machine is.
        let clock = ManualClock()
        var settings = OutboxRig<ManualClock>.testSettings
        settings.workspaceRatePerMinute = 300
        try await OutboxRig.with(clock: clock, now: clock.wallClock(from: Self.base), settings: settings) { rig in
            rig.fake.limitPosting(.init(perChannel: .seconds(1), workspacePerMinute: 300, workspaceBurst: 1, clock: clock))
            let channels = (1...6).map { "C0TEAM0\($0)" }
            try rig.store.enqueue(OutboxRig<ManualClock>.drafts(channels, count: 10), at: rig.now())
            let idle = Recorder<ManualClock.Instant>()
            try await rig.delivering(idle: { idle.record($0) }) {
                var seen = 0
                while rig.fake.postedMessages.count < 60 {
                    let known = seen
                    let (count, wake) = try await idle.wait(for: "the worker to be idle", timeout: .seconds(30)) { $0.count > known ? ($0.count, $0[$0.count - 1]) : nil }
                    seen = count
                    if clock.now < wake { clock.advance(by: clock.now.duration(to: wake)) }
                }
            }
            let posted = rig.fake.postedMessages
            #expect(posted.count == 60)
            #expect(rig.fake.calls.elements.filter { $0.status == 429 }.isEmpty, "the worker never made the fake refuse a post")
            for channel in channels {
                let times = posted.filter { $0.channel == channel }.map(\.acceptedAt)
                #expect(times.count == 10)
                #expect(zip(times, times.dropFirst()).allSatisfy { $1 - $0 >= .seconds(1) }, "\(channel): \(times)")
            }
            #expect(zip(posted, posted.dropFirst()).allSatisfy { $1.acceptedAt - $0.acceptedAt >= .milliseconds(200) }, "300 a minute workspace-wide")
            let span = (posted.last!.acceptedAt - posted.first!.acceptedAt).inSeconds
            let rate = Double(posted.count - 1) / span
            #expect(rate >= 0.9 * 5, "sustained \(rate) posts/s against the fake's 5/s")
        }
    }

    @Test("a 429 is honoured: the post is tried again after Retry-After, not before")
    func retryAfter() async throws {
        let clock = ManualClock()
        try await OutboxRig.with(clock: clock, now: clock.wallClock(from: Self.base)) { rig in
            let limits = FakeSlack.PostingLimits(clock: clock)
            rig.fake.limitPosting(limits)
            rig.fake.failNext("chat.postMessage", with: .rateLimited(retryAfter: 3))
            let started = limits.now()
            let id = try #require(try rig.store.enqueue(OutboxRig<ManualClock>.drafts(["C0PLAY"], count: 1), at: rig.now()).first)
            try await rig.deliver(accepted: 1)
            let accepted = try #require(rig.fake.postedMessages.first)
            #expect(accepted.acceptedAt - started >= .seconds(3))
            let message = try #require(try await rig.store.message(id: id))
            #expect(message.state == .sent && message.attempts == 2)
            #expect(!rig.fake.calls.elements.contains { $0.method == "conversations.history" }, "a 429 means not posted: no lookup")
        }
    }

    @Test("a 5xx is retried with backoff, and the retry first looks in the history, then posts once")
    func transient() async throws {
        let clock = ManualClock()
        try await OutboxRig.with(clock: clock, now: clock.wallClock(from: Self.base)) { rig in
            rig.fake.limitPosting(.init(clock: clock))
            rig.fake.failNext("chat.postMessage", with: .httpStatus(503))
            let id = try #require(try rig.store.enqueue(OutboxRig<ManualClock>.drafts(["C0PLAY"], count: 1), at: rig.now()).first)
            try await rig.deliver(accepted: 1)
            let methods = rig.fake.calls.elements.map { "\($0.method) \($0.status)" }
            #expect(methods == ["chat.postMessage 503", "conversations.history 200", "chat.postMessage 200"])
            let history = try #require(rig.fake.calls.elements.first { $0.method == "conversations.history" })
            #expect(history[string: "include_all_metadata"] == "true")
            // Backoff: 2 s × 2^0 with the fixed jitter of 75 %: 1.5 s on the manual clock, not sooner.
            let retried = try #require(rig.fake.postedMessages.first).acceptedAt
            #expect(retried >= .milliseconds(1500) && retried < .milliseconds(1600), "\(retried)")
            #expect(try await rig.store.message(id: id)?.attempts == 2)
        }
    }

    @Test("crash after Slack accepted: the message is found by its metadata and not posted again")
    func crashAfterAccepted() async throws {
        let clock = ManualClock()
        try await OutboxRig.with(clock: clock, now: clock.wallClock(from: Self.base)) { rig in
            let id = try #require(try rig.store.enqueue(OutboxRig<ManualClock>.drafts(["C0PLAY"], count: 1), at: rig.now()).first)
            let message = try #require(try await rig.store.message(id: id))
            // The dead process posted it; Slack accepted it; the process died before recording that.
            let posted = try await rig.slack.postMessage(
                channel: "C0PLAY", message: SlackMessage(text: message.text),
                metadata: SlackMessageMetadata(eventType: "backline_outbox", eventPayload: ["outbox_id": String(id), "delivery_token": message.deliveryToken]))
            try await rig.leaveInFlight(id, holder: "old-host#41#dead", leaseExpiresAt: rig.now(), firstAttemptAt: rig.now(), outcomeUnknown: true)
            let store = rig.store
            try await rig.deliver { try await store.message(id: id)?.state == .sent }
            #expect(rig.fake.calls.elements.contains { $0.method == "conversations.history" })
            let after = try #require(try await rig.store.message(id: id))
            #expect(after.state == .sent && after.slackTS == posted.ts)
            #expect(rig.fake.postedMessages.count == 1, "not doubled")
        }
    }

    @Test("crash before Slack received: the restarted process takes its predecessor's lease at once and posts once, without a lookup")
    func crashBeforeSent() async throws {
        let clock = ManualClock()
        try await OutboxRig.with(clock: clock, now: clock.wallClock(from: Self.base)) { rig in
            let ids = try rig.store.enqueue(OutboxRig<ManualClock>.drafts(["C0PLAY", "C0BACK"], count: 1), at: rig.now())
            // Claimed by the previous process of this instance, lease still running for two minutes.
            try await rig.leaveInFlight(ids[0], holder: "test-host#41#dead", leaseExpiresAt: rig.now().addingTimeInterval(3600), firstAttemptAt: nil, outcomeUnknown: false)
            // Claimed by another replica that is alive: left alone.
            try await rig.leaveInFlight(ids[1], holder: "other-host#7#live", leaseExpiresAt: rig.now().addingTimeInterval(3600), firstAttemptAt: nil, outcomeUnknown: false)
            let store = rig.store
            try await rig.deliver { try await store.message(id: ids[0])?.state == .sent }
            #expect(rig.fake.postedMessages.map(\.channel) == ["C0PLAY"])
            #expect(!rig.fake.calls.elements.contains { $0.method == "conversations.history" })
            #expect(try await rig.store.message(id: ids[1])?.state == .inFlight)
        }
    }

    @Test("not_in_channel: a public channel is joined and posted to; a private one, a deleted one and an archived one park without holding up others")
    func channelProblems() async throws {
        let clock = ManualClock()
        try await OutboxRig.with(clock: clock, now: clock.wallClock(from: Self.base)) { rig in
            rig.fake.limitPosting(.init(clock: clock))
            rig.fake.removeBot(from: "C0PUBLIC")
            rig.fake.addConversation(SlackConversation(id: "C0SECRET", name: "secret", isPrivate: true))
            rig.fake.removeBot(from: "C0SECRET")
            rig.fake.failPosts(to: "C0GONE", with: "channel_not_found")
            rig.fake.addConversation(SlackConversation(id: "C0OLD", name: "old", isArchived: true))
            let problems = OutboxRig<ManualClock>.drafts(["C0GONE", "C0SECRET", "C0OLD"], count: 2)
            try rig.store.enqueue(problems + OutboxRig<ManualClock>.drafts(["C0PUBLIC", "C0OK"], count: 3), at: rig.now())
            try await rig.deliver(accepted: 6)
            #expect(rig.fake.calls.elements.filter { $0.method == "chat.postMessage" && ["channel_not_found", "is_archived"].contains($0.error) }.count == 4)
            #expect(rig.fake.calls.elements.filter { $0.method == "conversations.join" && $0.error == "method_not_supported_for_channel_type" }.count == 2)
            #expect(Set(rig.fake.postedMessages.map(\.channel)) == ["C0PUBLIC", "C0OK"])
            #expect(rig.fake.calls.elements.filter { $0.method == "conversations.join" && $0.error == nil }.map { $0[string: "channel"] } == ["C0PUBLIC"])
            let parked = try await rig.store.parked()
            #expect(parked.count == 6)
            #expect(parked.filter { $0.channel == "C0GONE" }.allSatisfy { $0.lastError == "channel_not_found" })
            #expect(parked.filter { $0.channel == "C0OLD" }.allSatisfy { $0.lastError == "is_archived" })
            #expect(parked.filter { $0.channel == "C0SECRET" }.allSatisfy { $0.lastError?.contains("private") == true })
            #expect(try await rig.store.counts() == OutboxCounts(sent: 6, parked: 6))
        }
    }

    @Test("a message queued by another process (digest send) is delivered within the poll interval, at most 5 s")
    func otherProcess() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("outbox-poll-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let clock = ManualClock()
        let now = clock.wallClock(from: Self.base)
        try await FakeSlack.withRunning { fake in
            let serve = try BacklineDatabase.open(path: path)
            let cli = try BacklineDatabase.open(path: path)
            var settings = OutboxRig<ManualClock>.testSettings
            settings.pollSeconds = 2
            let worker = OutboxDeliveryService(
                store: serve.outbox, slack: SlackWebAPIClient(baseURL: fake.apiBaseURL, token: SlackToken(fake.botToken), rateLimits: .unlimited, clock: clock, maxRateLimitRetries: 0),
                mattermost: nil, settings: settings, clock: clock, now: now, logger: OutboxRig<ManualClock>.logger)
            try await withRunningService(worker, logger: OutboxRig<ManualClock>.logger) {
                let sleep = try await clock.sleeps.first("the worker to wait")
                #expect(sleep <= .seconds(5))
                try cli.outbox.enqueue([OutboxDraft(kind: "digest", channel: "C0PLAY", text: "from the CLI")], at: now())
                #expect(fake.calls.elements.isEmpty, "another process's enqueue rings no bell here")
                clock.advance(by: sleep)
                _ = try await fake.calls.first("the CLI's message") { $0.method == "chat.postMessage" && $0.error == nil }
            }
            #expect(try await serve.outbox.counts() == OutboxCounts(sent: 1))
        }
    }
}

/// The outbox inside the real application: its worker runs in `serve`'s service group and
/// `/readyz` names parked messages.
@Suite("The outbox in serve", .timeLimit(.minutes(3)))
struct OutboxServeTests {
    @Test("serve's worker delivers what is queued, and /readyz lists a parked message with its error")
    func readiness() async throws {
        try await FakeSlack.withRunning { fake in
            fake.failPosts(to: "C0GONE", with: "channel_not_found")
            let configuration = TestServer.configuration(fake: fake)
            let parts = try await BacklineParts(configuration: configuration, logger: Logger(label: "test"), mode: .service)
            let app = buildApplication(parts: parts, configuration: configuration, logger: Logger(label: "test"))
            try await app.test(.router) { client in
                try parts.database.outbox.enqueue([
                    OutboxDraft(kind: "alert", channel: "C0GONE", text: "Docs are stale"),
                    OutboxDraft(kind: "digest", channel: "C0PLAY", text: "Weekly digest"),
                ])
                _ = try await fake.calls.first("the digest") { $0.method == "chat.postMessage" && $0.error == nil }
                _ = try await fake.calls.first("the refused alert") { $0.error == "channel_not_found" }
                // The refusal is recorded a moment after Slack's answer: wait for it (with a limit).
                let outbox = parts.database.outbox
                try await withTimeout(.seconds(20)) {
                    while try await outbox.counts() != OutboxCounts(sent: 1, parked: 1) { await Task.yield() }
                }
                let body = try await client.execute(uri: "/readyz", method: .get) { String(buffer: $0.body) }
                #expect(body.contains("outbox: 0 queued, 0 in flight, 1 parked"), "\(body)")
                #expect(body.contains("(alert to C0GONE) parked: channel_not_found"), "\(body)")
            }
        }
    }
}
