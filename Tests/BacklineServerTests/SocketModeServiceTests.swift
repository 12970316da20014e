import BacklineServer
import Foundation
import HummingbirdTesting
import Slack
import SlackTesting
import Testing

@Suite("Slack over Socket Mode", .timeLimit(.minutes(3)))
struct SocketModeServiceTests {
    @Test("with an app token, backline serve dials out and answers /owner in the envelope's ack")
    func slashCommandOverSocketMode() async throws {
        try await FakeSlack.withRunning { fake in
            let app = try await buildApplication(configuration: TestServer.configuration(fake: fake, socketMode: true))
            try await app.test(.router) { _ in
                try await fake.waitForConnection(1)
                try fake.send(SlackFixtures.slashCommandEnvelope(id: "env-owner"))
                let ack = try #require(try await fake.acks(for: "env-owner").first)
                #expect(ack.payload?["text"]?.stringValue == "playlist-api is owned by Playlists")
                #expect(ack.payload?["response_type"]?.stringValue == "ephemeral")

                // The same envelope delivered again is acknowledged again but answered once.
                try fake.send(SlackFixtures.eventsAPIEnvelope(id: "env-mention"))
                try fake.send(SlackFixtures.eventsAPIEnvelope(id: "env-mention-again", retryAttempt: 1, retryReason: "timeout"))
                _ = try await fake.acks(for: "env-mention-again")
                let posts = try await fake.calls.matches(count: 1, "chat.postMessage") { $0.method == "chat.postMessage" }
                #expect(posts.first?.arguments["text"]?.stringValue == "playlist-api is owned by Playlists")
            }
            // The service has drained its work by now, so a second answer would have been posted.
            #expect(fake.calls.elements.filter { $0.method == "chat.postMessage" }.count == 1)
        }
    }
}
