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

@Suite("Incident channels, end to end")
struct IncidentEventTests {
    /// A `channel_created` callback for `name`, with its own event id.
    static func channelCreated(eventID: String, channel: String, name: String) -> String {
        SlackFixtures.channelCreatedCallback
            .replacingOccurrences(of: "\"event_id\":\"Ev0CHANNEL\"", with: "\"event_id\":\"\(eventID)\"")
            .replacingOccurrences(of: "C024BE91L", with: channel)
            .replacingOccurrences(of: "inc-1234-playlist", with: name)
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
            let calls = fake.calls.elements
            #expect(calls.filter { $0.method == "conversations.invite" }.count == 2)
            #expect(calls.filter { $0.method == "chat.postMessage" && $0[string: "channel"] == "C0INC0001" }.count == 1)
            #expect(!calls.contains { $0.method == "chat.postMessage" && $0[string: "channel"]?.hasPrefix("U") == true }, "never a DM")
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
