import BacklineServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Secrets
import Slack
import SlackTesting

/// Builds the real application for tests: the bundled commands and demo catalog, a known signing
/// secret, and optionally a fake Slack as the Web API.
enum TestServer {
    static let signingSecret = "8f742231b10e8888abcd99yyyzzz85a5"
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func configuration(fake: FakeSlack? = nil, database: String? = nil, socketMode: Bool = false) -> BacklineConfiguration {
        var configuration = BacklineConfiguration(paths: BacklinePaths(home: repositoryRoot))
        configuration.port = 0
        configuration.slack.signingSecret = Secret(signingSecret)
        if let database {
            configuration.databasePath = database
            configuration.catalogPaths = [configuration.demoCatalogDirectory.path]
        }
        if let fake {
            configuration.slack.apiURL = fake.apiBaseURL
            configuration.slack.botToken = SlackToken(fake.botToken)
            if socketMode { configuration.slack.appToken = SlackToken(fake.appToken) }
        }
        configuration.mattermost.commandTokens = [Secret("mm-command-token")]
        // The goalie user-group service has its own tests; here it would only add Web API calls.
        configuration.oncall.keepUserGroups = false
        return configuration
    }

    /// Headers for a body signed now (or at `timestamp`) with `secret`.
    static func signedHeaders(_ body: String, contentType: String, secret: String = signingSecret, timestamp: Int64 = Int64(Date().timeIntervalSince1970)) -> HTTPFields {
        let signed = SlackRequestSigner(signingSecret: secret).sign(body: body, timestamp: timestamp)
        var headers: HTTPFields = [.contentType: contentType]
        headers[HTTPField.Name("X-Slack-Request-Timestamp")!] = signed.timestamp
        headers[HTTPField.Name("X-Slack-Signature")!] = signed.signature
        return headers
    }

    /// A slash command form. `responseURL` should be a fake's (`fake.responseURL()`); the default is
    /// a loopback port nothing listens on, so a late reply can never leave the machine.
    static func slashCommandBody(_ text: String, command: String = "/owner", responseURL: String = "http://127.0.0.1:9/commands/1/2/3") -> String {
        var form = URLComponents()
        form.queryItems = [
            URLQueryItem(name: "token", value: "deprecated"), URLQueryItem(name: "team_id", value: "T0001"),
            URLQueryItem(name: "channel_id", value: "C2147483705"), URLQueryItem(name: "user_id", value: "U0MARIA01"),
            URLQueryItem(name: "user_name", value: "maria"), URLQueryItem(name: "command", value: command),
            URLQueryItem(name: "text", value: text), URLQueryItem(name: "response_url", value: responseURL),
            URLQueryItem(name: "trigger_id", value: "1.2.3"),
        ]
        return form.percentEncodedQuery!.replacingOccurrences(of: "/", with: "%2F")
    }

    static func body(_ response: TestResponse) -> String {
        String(buffer: response.body)
    }
}

extension ByteBuffer {
    init(text: String) { self.init(string: text) }
}
