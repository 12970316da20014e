import BacklineServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Slack
import SlackTesting
import Testing

@Suite("Slack events", .timeLimit(.minutes(3)))
struct SlackEventTests {
    /// An `app_mention` callback with its own event id and command text.
    static func mention(eventID: String, text: String) -> String {
        SlackFixtures.appMentionCallback
            .replacingOccurrences(of: "\"event_id\":\"Ev123ABC456\"", with: "\"event_id\":\"\(eventID)\"")
            .replacingOccurrences(of: "<@U0BOT> owner playlist-api", with: "<@U0BOT> \(text)")
    }

    static func deliver(_ body: String, retry: Int? = nil, to client: some TestClientProtocol) async throws {
        var headers = TestServer.signedHeaders(body, contentType: "application/json")
        if let retry {
            headers[HTTPField.Name("X-Slack-Retry-Num")!] = "\(retry)"
            headers[HTTPField.Name("X-Slack-Retry-Reason")!] = "http_timeout"
        }
        try await client.execute(uri: "/slack/events", method: .post, headers: headers, body: ByteBuffer(string: body)) { response in
            #expect(response.status == .ok)
        }
    }

    /// Waits for `count` chat.postMessage calls and returns their texts.
    static func postedTexts(_ fake: FakeSlack, count: Int) async throws -> [String] {
        try await fake.calls.matches(count: count, "chat.postMessage") { $0.method == "chat.postMessage" }
            .compactMap { $0.arguments["text"]?.stringValue }
    }

    @Test("a mention is answered in its thread once, however often Slack redelivers it")
    func redeliveredEventHandledOnce() async throws {
        try await FakeSlack.withRunning { fake in
            let app = try await buildApplication(configuration: TestServer.configuration(fake: fake))
            try await app.test(.router) { client in
                try await Self.deliver(Self.mention(eventID: "EvA", text: "owner playlist-api"), to: client)
                try await Self.deliver(Self.mention(eventID: "EvA", text: "owner playlist-api"), retry: 1, to: client)
                try await Self.deliver(Self.mention(eventID: "EvA", text: "owner playlist-api"), retry: 2, to: client)
                // A different event afterwards: once both posts are seen, a duplicate would have been too.
                try await Self.deliver(Self.mention(eventID: "EvB", text: "owner user-profile"), to: client)
                let texts = try await Self.postedTexts(fake, count: 2)
                #expect(texts.sorted() == ["2 entities are named user-profile", "playlist-api is owned by Playlists"])
                let threads = fake.calls.elements.filter { $0.method == "chat.postMessage" }.compactMap { $0.arguments["thread_ts"]?.stringValue }
                #expect(threads == ["1515449522.000016", "1515449522.000016"])
            }
            #expect(fake.calls.elements.filter { $0.method == "chat.postMessage" }.count == 2)
        }
    }

    @Test("event ids are remembered across a restart")
    func receiptsSurviveRestart() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("backline-restart-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appendingPathComponent("backline.sqlite").path
        try await FakeSlack.withRunning { fake in
            let first = try await buildApplication(configuration: TestServer.configuration(fake: fake, database: database))
            try await first.test(.router) { client in
                try await Self.deliver(Self.mention(eventID: "EvRestart", text: "owner playlist-api"), to: client)
                _ = try await Self.postedTexts(fake, count: 1)
            }
            let second = try await buildApplication(configuration: TestServer.configuration(fake: fake, database: database))
            try await second.test(.router) { client in
                try await Self.deliver(Self.mention(eventID: "EvRestart", text: "owner playlist-api"), retry: 3, to: client)
                try await Self.deliver(Self.mention(eventID: "EvAfter", text: "owner user-profile"), to: client)
                let texts = try await Self.postedTexts(fake, count: 2)
                #expect(texts == ["playlist-api is owned by Playlists", "2 entities are named user-profile"])
            }
        }
    }
}
