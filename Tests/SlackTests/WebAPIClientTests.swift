import AsyncHTTPClient
import Slack
import SlackTesting
import Testing

private func client(_ slack: FakeSlack, token: String? = nil, rateLimits: SlackRateLimits = .unlimited, clock: ManualClock = ManualClock(), maxRetries: Int = 3) -> SlackWebAPIClient {
    SlackWebAPIClient(
        baseURL: slack.apiBaseURL, token: SlackToken(token ?? slack.botToken), rateLimits: rateLimits, clock: clock,
        maxRateLimitRetries: maxRetries, logger: testLogger("webapi"))
}

@Suite(.timeLimit(.minutes(3))) struct WebAPIClientTests {
    @Test func `postMessage sends JSON with a bearer token and returns channel and ts`() async throws {
        try await FakeSlack.withRunning(logger: testLogger("fake")) { slack in
            let message = SlackMessage(text: "Owner of playlist-api: Playback", blocks: [.header(.plain("playlist-api")), .section(text: .markdown("*Owner* Playback"))])
            let posted = try await client(slack).postMessage(channel: "C123", message: message, threadTS: "1.0")
            #expect(posted.channel == "C123")
            #expect(!posted.ts.isEmpty)
            let call = try await slack.calls.first { $0.method == "chat.postMessage" }
            #expect(call.token == slack.botToken)
            #expect(call.contentType?.hasPrefix("application/json") == true)
            #expect(call[string: "channel"] == "C123")
            #expect(call[string: "thread_ts"] == "1.0")
            #expect(call[string: "text"] == "Owner of playlist-api: Playback")
            #expect(call.arguments["blocks"]?.description.contains(#""type":"header""#) == true)
            #expect(call.error == nil)
        }
    }

    @Test func `ok false becomes a typed SlackAPIError keeping the code`() async throws {
        try await FakeSlack.withRunning(logger: testLogger("fake")) { slack in
            slack.failNext("chat.postMessage", with: .error("channel_not_found"))
            await #expect(throws: SlackAPIError(method: "chat.postMessage", code: "channel_not_found")) {
                try await client(slack).postMessage(channel: "C404", message: SlackMessage(text: "hi"))
            }
            let error = await #expect(throws: SlackAPIError.self) {
                try await client(slack, token: "xoxb-wrong").postMessage(channel: "C1", message: SlackMessage(text: "hi"))
            }
            #expect(error?.isInvalidToken == true)
        }
    }

    @Test func `reads are form encoded and decode to typed values`() async throws {
        try await FakeSlack.withRunning(logger: testLogger("fake")) { slack in
            slack.addConversation(SlackConversation(id: "C1", name: "team-playback", isArchived: true, topic: "Playback team", purpose: "Owns playlist-api"))
            slack.addUser(SlackUser(id: "U1", name: "alice", realName: "Alice Doe", email: "alice@example.com"))
            let api = client(slack)
            #expect(try await api.conversationInfo(channel: "C1") == SlackConversation(id: "C1", name: "team-playback", isArchived: true, topic: "Playback team", purpose: "Owns playlist-api"))
            #expect(try await api.userInfo(user: "U1") == SlackUser(id: "U1", name: "alice", realName: "Alice Doe", email: "alice@example.com"))
            #expect(try await api.lookupUser(email: "alice@example.com").id == "U1")
            await #expect(throws: SlackAPIError(method: "users.lookupByEmail", code: "users_not_found")) { try await api.lookupUser(email: "nobody@example.com") }
            let info = try await slack.calls.first { $0.method == "conversations.info" }
            #expect(info.contentType == "application/x-www-form-urlencoded")
            #expect(info[string: "channel"] == "C1")
        }
    }

    @Test func `ephemeral, update and invite`() async throws {
        try await FakeSlack.withRunning(logger: testLogger("fake")) { slack in
            let api = client(slack)
            #expect(try await !api.postEphemeral(channel: "C1", user: "U1", message: SlackMessage(text: "only you")).isEmpty)
            #expect(try await api.updateMessage(channel: "C1", ts: "1700000000.000009", message: SlackMessage(text: "edited")).ts == "1700000000.000009")
            #expect(try await api.invite(users: ["U1", "U2"], to: "C9").id == "C9")
            let invite = try await slack.calls.first { $0.method == "conversations.invite" }
            #expect(invite[string: "users"] == "U1,U2")
        }
    }

    @Test func `a 429 is retried after Retry-After on the injected clock`() async throws {
        try await FakeSlack.withRunning(logger: testLogger("fake")) { slack in
            let clock = ManualClock()
            let api = client(slack, clock: clock)
            slack.failNext("chat.postMessage", with: .rateLimited(retryAfter: 1))
            try await withThrowingTaskGroup(of: SlackPostedMessage.self) { group in
                group.addTask { try await api.postMessage(channel: "C1", message: SlackMessage(text: "paced")) }
                #expect(try await clock.sleeps.first("the Retry-After wait") == .seconds(1))
                #expect(slack.calls.elements.map(\.status) == [429])
                clock.advance(by: .seconds(1))
                let posted = try await group.next()
                #expect(posted?.channel == "C1")
            }
            #expect(slack.calls.elements.map(\.status) == [429, 200])
        }
    }

    @Test func `rate limiting that outlasts the retries fails with ratelimited`() async throws {
        try await FakeSlack.withRunning(logger: testLogger("fake")) { slack in
            slack.failNext("users.info", with: .rateLimited(retryAfter: 30))
            await #expect(throws: SlackAPIError(method: "users.info", code: "ratelimited", messages: ["still rate limited after 0 retries"], retryAfterSeconds: 30)) {
                try await client(slack, maxRetries: 0).userInfo(user: "U1")
            }
        }
    }

    @Test func `posting is paced per channel`() async throws {
        try await FakeSlack.withRunning(logger: testLogger("fake")) { slack in
            let clock = ManualClock()
            let limits = SlackRateLimits(tiers: [:], methodTiers: [:], postingPerChannel: SlackRateLimit(permits: 1, per: .seconds(1), burst: 1))
            let api = client(slack, rateLimits: limits, clock: clock)
            _ = try await api.postMessage(channel: "C1", message: SlackMessage(text: "first"))
            try await withThrowingTaskGroup(of: SlackPostedMessage.self) { group in
                group.addTask { try await api.postMessage(channel: "C1", message: SlackMessage(text: "second")) }
                #expect(try await clock.sleeps.first("per-channel pacing") == .seconds(1))
                // Another channel is not held back by C1's pace.
                _ = try await api.postMessage(channel: "C2", message: SlackMessage(text: "elsewhere"))
                #expect(slack.calls.elements.compactMap { $0[string: "text"] } == ["first", "elsewhere"])
                clock.advance(by: .seconds(1))
                _ = try await group.next()
            }
            #expect(slack.calls.elements.compactMap { $0[string: "text"] } == ["first", "elsewhere", "second"])
        }
    }

    @Test func `the fake rejects Block Kit that breaks Slack's limits`() async throws {
        try await FakeSlack.withRunning(logger: testLogger("fake")) { slack in
            let tooLong = SlackMessage(text: "fallback", blocks: [.header(.plain(String(repeating: "h", count: 151)))])
            let error = await #expect(throws: SlackAPIError.self) { try await client(slack).postMessage(channel: "C1", message: tooLong) }
            #expect(error?.code == "invalid_blocks")
            #expect(error?.messages.first?.contains("blocks[0].text") == true)
            let tooMany = SlackMessage(text: "fallback", blocks: Array(repeating: .divider, count: 51))
            await #expect(throws: SlackAPIError.self) { try await client(slack).postMessage(channel: "C1", message: tooMany) }
            #expect(slack.calls.elements.map(\.error) == ["invalid_blocks", "invalid_blocks"])
        }
    }

    @Test func `response_url posts are delivered and validated`() async throws {
        try await FakeSlack.withRunning(logger: testLogger("fake")) { slack in
            let api = client(slack)
            try await api.postToResponseURL(slack.responseURL("cmd1"), message: SlackMessage(responseType: .inChannel, text: "done"))
            let post = try await slack.responseURLPosts.first { $0.name == "cmd1" }
            #expect(post.body["response_type"]?.stringValue == "in_channel")
            #expect(post.body["text"]?.stringValue == "done")
            let invalid = SlackMessage(text: "x", blocks: [.section(text: nil, fields: [])])
            await #expect(throws: SlackHTTPError.self) { try await api.postToResponseURL(slack.responseURL("cmd2"), message: invalid) }
        }
    }

    @Test func `a non-Slack error page is an HTTP error`() async throws {
        try await FakeSlack.withRunning(logger: testLogger("fake")) { slack in
            slack.failNext("conversations.info", with: .httpStatus(503))
            await #expect(throws: SlackHTTPError(target: "conversations.info", status: 503, reason: "response is not a Slack API answer")) {
                try await client(slack).conversationInfo(channel: "C1")
            }
        }
    }

    @Test func `apps.connections.open needs the app token`() async throws {
        try await FakeSlack.withRunning(logger: testLogger("fake")) { slack in
            let api = client(slack)
            let url = try await api.openSocketModeConnection(appToken: SlackToken(slack.appToken))
            #expect(url.hasPrefix("ws://127.0.0.1:\(slack.port)/link?"))
            await #expect(throws: SlackAPIError(method: "apps.connections.open", code: "invalid_auth")) {
                try await api.openSocketModeConnection(appToken: SlackToken(slack.botToken))
            }
        }
    }

    @Test func `tokens never appear in descriptions`() {
        let token = SlackToken("xoxb-1234-5678-supersecret")
        #expect("\(token)" == "xoxb-<redacted>")
        #expect(!String(reflecting: token).contains("supersecret"))
        #expect(!"\(SlackWebAPIClient(token: token))".contains("supersecret"))
        #expect("\(SlackToken("nodash"))" == "<redacted>")
    }
}
