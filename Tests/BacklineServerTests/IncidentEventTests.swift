import BacklineServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import OnCall
import Slack
import SlackTesting
import Testing

@Suite("Incident channels, end to end", .timeLimit(.minutes(3)))
struct IncidentEventTests {
    /// A `channel_created` callback for `name`, with its own event id.
    static func channelCreated(eventID: String, channel: String, name: String) -> String {
        SlackFixtures.channelCreatedCallback
            .replacingOccurrences(of: "\"event_id\":\"Ev0CHANNEL\"", with: "\"event_id\":\"\(eventID)\"")
            .replacingOccurrences(of: "C024BE91L", with: channel)
            .replacingOccurrences(of: "inc-1234-playlist", with: name)
    }

    /// A `message` callback (`message.channels`) posted by a person in `channel`.
    static func message(eventID: String, channel: String, text: String, ts: String) -> String {
        """
        {"type":"event_callback","token":"XXYYZZ","team_id":"T123ABC456","api_app_id":"A123ABC456",
         "event":{"type":"message","user":"U024BE7LH","text":"\(text)","ts":"\(ts)","channel":"\(channel)",
                  "event_ts":"\(ts)","channel_type":"channel","team":"T123ABC456"},
         "event_context":"EC1","event_id":"\(eventID)","event_time":1515449600,
         "authorizations":[{"enterprise_id":null,"team_id":"T123ABC456","user_id":"U0BOT","is_bot":true,"is_enterprise_install":false}]}
        """
    }

    /// Who the demo rotation says is the Playlists goalie at `date`.
    static func playlistsGoalie(at date: Date) throws -> (name: String, slackID: String) {
        let file = TestServer.repositoryRoot.appendingPathComponent("config/catalog/rotations/playlists.yaml")
        let rotation = try RotationFile.parse(try String(contentsOf: file, encoding: .utf8), file: file.path)
        let people = [
            "priya.raman": ("Priya Raman", "U07X8D8EQ65"), "sofia.lindqvist": ("Sofia Lindqvist", "U010J46LS1M"),
            "liam.oconnor": ("Liam O'Connor", "U01H82W8LB"),
        ]
        let person = try #require(people[rotation.shift(at: date).member])
        return (person.0, person.1)
    }

    @Test("channel_created for inc-playlist-api-5xx: one invite, one message naming the Playlists goalie; a redelivery does nothing")
    func incidentChannel() async throws {
        try await FakeSlack.withRunning { fake in
            fake.addConversation(SlackConversation(id: "C0INC0001", name: "inc-playlist-api-5xx", purpose: "Playlist saves return 500"))
            fake.addConversation(SlackConversation(id: "C0INC0002", name: "inc-search-gateway-slow"))
            let app = try await buildApplication(configuration: TestServer.configuration(fake: fake))
            let goalie = try Self.playlistsGoalie(at: Date())
            try await app.test(.router) { client in
                let event = Self.channelCreated(eventID: "EvInc1", channel: "C0INC0001", name: "inc-playlist-api-5xx")
                try await SlackEventTests.deliver(event, to: client)
                let posted = try await SlackEventTests.postedTexts(fake, count: 1)
                #expect(posted[0].contains("Tagged \(goalie.name) (Playlists goalie) for playlist-api."), "\(posted)")
                #expect(posted[0].contains("Possibly affected, not paged: Playback"))
                let invites = fake.calls.elements.filter { $0.method == "conversations.invite" }
                #expect(invites.count == 1)
                #expect(invites.first?[string: "channel"] == "C0INC0001")
                #expect(invites.first?[string: "users"] == goalie.slackID)
                let message = try #require(fake.calls.elements.first { $0.method == "chat.postMessage" })
                #expect(message[string: "channel"] == "C0INC0001")
                #expect(message.error == nil, "the fake validates Block Kit")

                // Slack redelivers the same event; then another incident, to know the first was fully handled.
                try await SlackEventTests.deliver(event, retry: 1, to: client)
                try await SlackEventTests.deliver(
                    Self.channelCreated(eventID: "EvInc2", channel: "C0INC0002", name: "inc-search-gateway-slow"), to: client)
                let texts = try await SlackEventTests.postedTexts(fake, count: 2)
                #expect(texts[1].contains("for search-gateway."))
            }
            // Computed outside #expect: its expansion of `==` inside closures misreads `$0`.
            let calls = fake.calls.elements
            let invitedChannels = calls.filter { $0.method == "conversations.invite" }.map { $0[string: "channel"] ?? "" }
            let postedChannels = calls.filter { $0.method == "chat.postMessage" }.map { $0[string: "channel"] ?? "" }
            #expect(invitedChannels == ["C0INC0001", "C0INC0002"])
            #expect(postedChannels == ["C0INC0001", "C0INC0002"], "one message per incident, never a DM")
        }
    }

    @Test("the bot joins the incident channel; a later message naming another service tags that team's goalie once")
    func laterMessage() async throws {
        try await FakeSlack.withRunning { fake in
            fake.addConversation(SlackConversation(id: "C0INC0003", name: "inc-playlist-api-5xx"))
            let app = try await buildApplication(configuration: TestServer.configuration(fake: fake))
            try await app.test(.router) { client in
                try await SlackEventTests.deliver(Self.channelCreated(eventID: "EvInc3", channel: "C0INC0003", name: "inc-playlist-api-5xx"), to: client)
                _ = try await SlackEventTests.postedTexts(fake, count: 1)
                let join = try #require(fake.calls.elements.firstIndex { $0.method == "conversations.join" })
                let invite = try #require(fake.calls.elements.firstIndex { $0.method == "conversations.invite" })
                #expect(join < invite)

                try await SlackEventTests.deliver(
                    Self.message(eventID: "EvMsg1", channel: "C0INC0003", text: "search-gateway is timing out too", ts: "1515449600.000100"), to: client)
                let texts = try await SlackEventTests.postedTexts(fake, count: 2)
                #expect(texts[1].contains("goalie) for search-gateway."), "\(texts)")
                // Naming it again (a new message, not a redelivery) tags nobody; a later incident shows it was read.
                try await SlackEventTests.deliver(
                    Self.message(eventID: "EvMsg2", channel: "C0INC0003", text: "search-gateway again", ts: "1515449601.000100"), to: client)
                fake.addConversation(SlackConversation(id: "C0INC0004", name: "inc-auth-service-down"))
                try await SlackEventTests.deliver(Self.channelCreated(eventID: "EvInc4", channel: "C0INC0004", name: "inc-auth-service-down"), to: client)
                _ = try await SlackEventTests.postedTexts(fake, count: 3)
            }
            let invites = fake.calls.elements.filter { $0.method == "conversations.invite" }
            let channels = invites.map { $0[string: "channel"] ?? "" }
            #expect(channels == ["C0INC0003", "C0INC0003", "C0INC0004"])
        }
    }

    @Test("channels not matching the pattern, and ordinary messages, start nothing")
    func notIncidents() async throws {
        try await FakeSlack.withRunning { fake in
            let app = try await buildApplication(configuration: TestServer.configuration(fake: fake))
            try await app.test(.router) { client in
                try await SlackEventTests.deliver(Self.channelCreated(eventID: "EvPlain", channel: "C0PLAIN", name: "playlist-api-chat"), to: client)
                // A mention after it is answered, so the channel event was handled (and ignored) by then.
                try await SlackEventTests.deliver(SlackEventTests.mention(eventID: "EvM", text: "owner playlist-api"), to: client)
                _ = try await SlackEventTests.postedTexts(fake, count: 1)
            }
            #expect(!fake.calls.elements.contains { $0.method == "conversations.invite" })
        }
    }
}
