import BacklineServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Slack
import SlackTesting
import Testing

@Suite("Slack over HTTP", .timeLimit(.minutes(3)))
struct SlackHTTPTests {
    @Test("a signed /owner request is answered inline with the owner, within Block Kit limits")
    func signedOwnerCommand() async throws {
        let app = try await buildApplication(configuration: TestServer.configuration())
        try await app.test(.router) { client in
            let body = TestServer.slashCommandBody("playlist-api")
            try await client.execute(
                uri: "/slack/commands", method: .post,
                headers: TestServer.signedHeaders(body, contentType: "application/x-www-form-urlencoded"), body: ByteBuffer(string: body)
            ) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                let message = try JSONDecoder().decode(SlackMessage.self, from: Data(TestServer.body(response).utf8))
                #expect(message.responseType == .ephemeral)
                #expect(message.text == "playlist-api is owned by Playlists")
                #expect(message.blocks.blockKitViolations().isEmpty)
                #expect(TestServer.body(response).contains("#squad-playlists"))
            }
        }
    }

    @Test("wrong, stale and missing signatures are refused with 401", arguments: [
        ("wrong secret", "another-secret", 0 as Int64),
        ("six minutes old", TestServer.signingSecret, -360),
        ("six minutes ahead", TestServer.signingSecret, 360),
    ])
    func badSignatures(_ label: String, _ secret: String, _ skew: Int64) async throws {
        let app = try await buildApplication(configuration: TestServer.configuration())
        try await app.test(.router) { client in
            let body = TestServer.slashCommandBody("playlist-api")
            let headers = TestServer.signedHeaders(
                body, contentType: "application/x-www-form-urlencoded", secret: secret, timestamp: Int64(Date().timeIntervalSince1970) + skew)
            try await client.execute(uri: "/slack/commands", method: .post, headers: headers, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .unauthorized, "\(label)")
            }
            try await client.execute(
                uri: "/slack/commands", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: body)
            ) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test("without a signing secret every Slack request is refused")
    func noSecret() async throws {
        var configuration = TestServer.configuration()
        configuration.slack.signingSecret = nil
        let app = try await buildApplication(configuration: configuration)
        try await app.test(.router) { client in
            let body = TestServer.slashCommandBody("playlist-api")
            try await client.execute(
                uri: "/slack/commands", method: .post, headers: TestServer.signedHeaders(body, contentType: "application/x-www-form-urlencoded"),
                body: ByteBuffer(string: body)
            ) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test("url_verification is answered with the challenge")
    func urlVerification() async throws {
        let app = try await buildApplication(configuration: TestServer.configuration())
        try await app.test(.router) { client in
            let body = SlackFixtures.urlVerification
            try await client.execute(
                uri: "/slack/events", method: .post, headers: TestServer.signedHeaders(body, contentType: "application/json"), body: ByteBuffer(string: body)
            ) { response in
                #expect(response.status == .ok)
                #expect(TestServer.body(response) == #"{"challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}"#)
            }
        }
    }

    @Test("a malformed signed body gets a 400 with a message, and an oversized one a 413")
    func malformedAndOversized() async throws {
        var configuration = TestServer.configuration()
        configuration.maxBodySize = 4096
        let app = try await buildApplication(configuration: configuration)
        try await app.test(.router) { client in
            let broken = #"{"type":"event_callback","event":"#
            try await client.execute(
                uri: "/slack/events", method: .post, headers: TestServer.signedHeaders(broken, contentType: "application/json"), body: ByteBuffer(string: broken)
            ) { response in
                #expect(response.status == .badRequest)
                #expect(TestServer.body(response).trimmingCharacters(in: .whitespacesAndNewlines) == "malformed Slack payload", "the decoder's own text goes to the log, not the caller")
            }
            let huge = "text=" + String(repeating: "a", count: 10_000)
            try await client.execute(
                uri: "/slack/commands", method: .post, headers: TestServer.signedHeaders(huge, contentType: "application/x-www-form-urlencoded"),
                body: ByteBuffer(string: huge)
            ) { response in
                #expect(response.status == .contentTooLarge)
            }
        }
    }

    @Test("health and readiness")
    func health() async throws {
        let app = try await buildApplication(configuration: TestServer.configuration())
        try await app.test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in #expect(response.status == .ok) }
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(TestServer.body(response).hasPrefix("ready: 128 entities"))
            }
        }
    }
}
