import Slack
import SlackTesting
import Testing

/// A client wired to the fake: it records every handled envelope and answers slash commands inline.
private func socketClient(
    _ slack: FakeSlack, handled: Recorder<Handled>, backoff: BackoffPolicy = .immediate,
    clock: some Clock<Duration> = ContinuousClock(),
    gate: (@Sendable (SocketModeEnvelopeInfo) async -> Void)? = nil
) -> SocketModeClient {
    let api = SlackWebAPIClient(baseURL: slack.apiBaseURL, rateLimits: .unlimited, logger: testLogger("webapi"))
    return SocketModeClient(webAPI: api, appToken: SlackToken(slack.appToken), backoff: backoff, clock: clock, logger: testLogger("socket")) { inbound, info in
        handled.record(Handled(inbound: inbound, info: info))
        await gate?(info)
        if case .slashCommand(let command) = inbound {
            return .message(SlackMessage(responseType: .ephemeral, text: "\(command.text) is owned by Playback"))
        }
        return nil
    }
}

private func connectionsOpened(_ slack: FakeSlack) -> Int {
    slack.calls.elements.filter { $0.method == "apps.connections.open" && $0.error == nil }.count
}

@Suite(.timeLimit(.minutes(3))) struct SocketModeClientTests {
    @Test func `every envelope type is handled and acknowledged, slash commands with a payload`() async throws {
        try await FakeSlack.withRunning(logger: testLogger("fake")) { slack in
            let handled = Recorder<Handled>()
            try await withRunningService(socketClient(slack, handled: handled), logger: testLogger("group")) {
                try await slack.waitForConnection(1)
                try slack.send(SlackFixtures.slashCommandEnvelope(id: "cmd-1"))
                try slack.send(SlackFixtures.eventsAPIEnvelope(id: "evt-1"))
                try slack.send(SlackFixtures.interactiveEnvelope(id: "act-1"))

                let commandAck = try await slack.acks(for: "cmd-1")[0]
                #expect(commandAck.payload?["text"]?.stringValue == "playlist-api is owned by Playback")
                #expect(commandAck.payload?["response_type"]?.stringValue == "ephemeral")
                #expect(try await slack.acks(for: "evt-1")[0].payload == nil)
                #expect(try await slack.acks(for: "act-1")[0].payload == nil)

                let types = try await handled.matches(count: 3, "handled envelopes") { _ in true }.map(\.info.type)
                #expect(Set(types) == ["slash_commands", "events_api", "interactive"])
            }
            // Graceful shutdown closed the socket.
            _ = try await slack.socketEvents.first("connection 1 to close") { $0 == .closed(connection: 1) }
        }
    }

    @Test func `refresh_requested opens the new socket before closing the old one, losing nothing`() async throws {
        try await FakeSlack.withRunning(logger: testLogger("fake")) { slack in
            let handled = Recorder<Handled>()
            let (release, releaseSink) = AsyncStream.makeStream(of: Void.self)
            let client = socketClient(slack, handled: handled) { info in
                // Hold the first envelope in flight across the refresh.
                if info.envelopeID == "slow-1" { for await _ in release { break } }
            }
            try await withRunningService(client, logger: testLogger("group")) {
                try await slack.waitForConnection(1)
                try slack.send(SlackFixtures.slashCommandEnvelope(id: "slow-1"), on: 1)
                _ = try await handled.first("slow-1 to be in flight") { $0.info.envelopeID == "slow-1" }

                try slack.sendDisconnect(reason: "refresh_requested", on: 1)
                try await slack.waitForConnection(2)
                #expect(connectionsOpened(slack) == 2)
                #expect(!slack.socketEvents.elements.contains(.closed(connection: 1)), "old socket must stay open while an envelope is in flight")

                releaseSink.yield()
                let ack = try await slack.acks(for: "slow-1")[0]
                #expect(ack.connection == 1)
                #expect(ack.payload?["text"]?.stringValue == "playlist-api is owned by Playback")
                _ = try await slack.socketEvents.first("old socket to close") { $0 == .closed(connection: 1) }

                try slack.send(SlackFixtures.eventsAPIEnvelope(id: "after-1"), on: 2)
                #expect(try await slack.acks(for: "after-1")[0].connection == 2)

                let events = slack.socketEvents.elements
                let opened2 = try #require(events.firstIndex(of: .opened(connection: 2)))
                let closed1 = try #require(events.firstIndex(of: .closed(connection: 1)))
                #expect(opened2 < closed1)
            }
        }
    }

    @Test func `an abrupt drop reconnects after a backoff measured on the injected clock`() async throws {
        try await FakeSlack.withRunning(logger: testLogger("fake")) { slack in
            let handled = Recorder<Handled>()
            let clock = ManualClock()
            let backoff = BackoffPolicy.exponential(initial: .seconds(2), jitter: 0)
            try await withRunningService(socketClient(slack, handled: handled, backoff: backoff, clock: clock), logger: testLogger("group")) {
                try await slack.waitForConnection(1)
                // One round trip first: a drop racing the client's own upgrade handling is a different
                // (transport-level) scenario from losing an established connection.
                try slack.send(SlackFixtures.eventsAPIEnvelope(id: "evt-before-drop"))
                _ = try await slack.acks(for: "evt-before-drop")
                try slack.dropConnection(1)
                #expect(try await clock.sleeps.first("reconnect backoff") == .seconds(2))
                #expect(connectionsOpened(slack) == 1)
                clock.advance(by: .seconds(2))
                try await slack.waitForConnection(2)
                #expect(connectionsOpened(slack) == 2)
                try slack.send(SlackFixtures.eventsAPIEnvelope(id: "evt-after-drop"))
                #expect(try await slack.acks(for: "evt-after-drop")[0].connection == 2)
            }
        }
    }

    @Test func `link_disabled stops the client with a typed error`() async throws {
        try await FakeSlack.withRunning(logger: testLogger("fake")) { slack in
            let client = socketClient(slack, handled: Recorder())
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await withTimeout(.seconds(30)) { try await client.run() } }
                try await slack.waitForConnection(1)
                try slack.sendDisconnect(reason: "link_disabled")
                var thrown: (any Error)?
                do { try await group.next() } catch { thrown = error }
                #expect(thrown as? SocketModeError == .linkDisabled)
            }
            #expect(connectionsOpened(slack) == 1)
        }
    }

    @Test func `a revoked app token stops the client with a typed error`() async throws {
        try await FakeSlack.withRunning(logger: testLogger("fake")) { slack in
            slack.failNext("apps.connections.open", with: .error("token_revoked"))
            let client = socketClient(slack, handled: Recorder())
            await #expect(throws: SocketModeError.invalidToken(code: "token_revoked")) { try await withTimeout { try await client.run() } }
        }
    }

    @Test func `transient connections.open failures are retried`() async throws {
        try await FakeSlack.withRunning(logger: testLogger("fake")) { slack in
            slack.failNext("apps.connections.open", with: .httpStatus(503))
            slack.failNext("apps.connections.open", with: .error("internal_error"))
            try await withRunningService(socketClient(slack, handled: Recorder()), logger: testLogger("group")) {
                try await slack.waitForConnection(1)
                #expect(slack.calls.elements.filter { $0.method == "apps.connections.open" }.map(\.status) == [503, 200, 200])
            }
        }
    }

    @Test func `fragmented and larger than 16 KiB messages are handled`() async throws {
        try await FakeSlack.withRunning(logger: testLogger("fake")) { slack in
            let handled = Recorder<Handled>()
            try await withRunningService(socketClient(slack, handled: handled), logger: testLogger("group")) {
                try await slack.waitForConnection(1)
                try slack.sendFragmented(SlackFixtures.slashCommandEnvelope(id: "frag-1"), parts: 5)
                let large = SlackFixtures.largeInteractiveEnvelope(id: "big-1", bytes: 64 * 1024)
                #expect(large.utf8.count > 64 * 1024)
                try slack.send(large)
                #expect(try await slack.acks(for: "frag-1")[0].payload != nil)
                _ = try await slack.acks(for: "big-1")
                let big = try await handled.first { $0.info.envelopeID == "big-1" }
                guard case .interactive(let actions) = big.inbound else { Issue.record("\(big.inbound)"); return }
                #expect(actions.actions.first?.value == "INC-1234")
            }
        }
    }

    @Test func `malformed JSON is skipped and the next envelope still works`() async throws {
        try await FakeSlack.withRunning(logger: testLogger("fake")) { slack in
            let handled = Recorder<Handled>()
            try await withRunningService(socketClient(slack, handled: handled), logger: testLogger("group")) {
                try await slack.waitForConnection(1)
                try slack.send("{this is not json")
                try slack.send(#"{"envelope_id":"bad-1","type":"events_api","payload":{"type":"event_callback"}}"#)
                try slack.send(SlackFixtures.eventsAPIEnvelope(id: "good-1"))
                _ = try await slack.acks(for: "good-1")
                // The undecodable envelope is acknowledged so Slack stops redelivering it, but not handled.
                _ = try await slack.acks(for: "bad-1")
                #expect(handled.elements.map(\.info.envelopeID) == ["good-1"])
                #expect(slack.socketEvents.elements.filter { if case .opened = $0 { true } else { false } }.count == 1)
            }
        }
    }

    @Test func `a duplicate envelope is acknowledged twice but handled once`() async throws {
        try await FakeSlack.withRunning(logger: testLogger("fake")) { slack in
            let handled = Recorder<Handled>()
            try await withRunningService(socketClient(slack, handled: handled), logger: testLogger("group")) {
                try await slack.waitForConnection(1)
                try slack.send(SlackFixtures.eventsAPIEnvelope(id: "dup-1"))
                try slack.send(SlackFixtures.eventsAPIEnvelope(id: "dup-1", retryAttempt: 1, retryReason: "timeout"))
                #expect(try await slack.acks(for: "dup-1", count: 2).count == 2)
                try slack.send(SlackFixtures.eventsAPIEnvelope(id: "next-1"))
                _ = try await slack.acks(for: "next-1")
                #expect(handled.elements.map(\.info.envelopeID) == ["dup-1", "next-1"])
            }
        }
    }
}
