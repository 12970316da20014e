import BacklineServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Secrets
import Slack
import SlackTesting
import Synchronization
import Testing

/// Collects every log line, with its metadata, for a test to search.
final class CapturedLogs: Sendable {
    private let lines = Mutex<[String]>([])

    var text: String { lines.withLock { $0.joined(separator: "\n") } }

    func record(_ line: String) { lines.withLock { $0.append(line) } }

    var logger: Logger {
        Logger(label: "backline") { label in CapturingLogHandler(label: label, logs: self) }
    }
}

struct CapturingLogHandler: LogHandler {
    let label: String
    let logs: CapturedLogs
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        logs.record("\(event.level) \(label): \(event.message) \(merged)")
    }
}

@Suite("Secrets never show", .timeLimit(.minutes(3)))
struct SecretRedactionTests {
    /// A distinct value for every credential Backline reads from the environment.
    static let environment = [
        "SLACK_SIGNING_SECRET": "signing-7f3a9c1e5b",
        "SLACK_BOT_TOKEN": "xoxb-bot-4d8e2a6c0f",
        "SLACK_APP_TOKEN": "xapp-app-9b1d5f3e7a",
        "MATTERMOST_COMMAND_TOKENS": "mmcmd-2c6e0a4b8d,mmcmd-second-5e9a",
        "MATTERMOST_BOT_TOKEN": "mmbot-8a2c4e6f0b",
        "MATTERMOST_WEBHOOK_URL": "https://chat.example/hooks/hook-3f7b1d5a9c",
        "PAGERDUTY_TOKEN": "pd-token-6b0d4f8a2e",
        "OPSGENIE_API_KEY": "og-key-1e5a9c3f7d",
        "GITHUB_WEBHOOK_SECRET": "ghwh-secret-0c4e8a2d6f",
        "GITLAB_WEBHOOK_TOKEN": "glwh-token-7d1f5b9e3a",
    ]

    /// The parts of each value that must never appear (the whole value, and its secret tail).
    static var secretValues: [String] {
        environment.values.flatMap { $0.split(separator: ",").map(String.init) }
            .flatMap { value in [value, String(value.suffix(10))] }
    }

    static func leaks(in text: String) -> [String] {
        secretValues.filter { text.contains($0) }
    }

    @Test("the configuration's description, debug description and dump show no secret")
    func configurationDump() throws {
        let configuration = try BacklineConfiguration.load(file: nil, environment: Self.environment)
        #expect(configuration.slack.signingSecret?.revealed == "signing-7f3a9c1e5b", "the secrets were read")
        #expect(configuration.catalog.githubWebhookSecret?.revealed == "ghwh-secret-0c4e8a2d6f")
        #expect(configuration.catalog.gitlabWebhookToken?.revealed == "glwh-token-7d1f5b9e3a")
        var dumped = ""
        dump(configuration, to: &dumped)
        let texts = [dumped, "\(configuration)", String(reflecting: configuration), configuration.capabilities.joined(separator: "\n")]
        for text in texts {
            #expect(Self.leaks(in: text).isEmpty, "leaked \(Self.leaks(in: text)) in: \(text)")
        }
        #expect(dumped.contains("xoxb-<redacted>"), "tokens still say which kind they are")
        var verifier = ""
        dump(SlackSignatureVerifier(signingSecret: "signing-7f3a9c1e5b"), to: &verifier)
        #expect(Self.leaks(in: verifier).isEmpty, "\(verifier)")
    }

    @Test("a full start, a signed command and a mention log no secret")
    func fullStartLogs() async throws {
        let logs = CapturedLogs()
        try await FakeSlack.withRunning(botToken: Self.environment["SLACK_BOT_TOKEN"]!, appToken: Self.environment["SLACK_APP_TOKEN"]!) { fake in
            var environment = Self.environment
            environment["SLACK_API_URL"] = fake.apiBaseURL
            var configuration = try BacklineConfiguration.load(file: nil, environment: environment)
            configuration.port = 0
            configuration.demoCatalogDirectory = TestServer.repositoryRoot.appendingPathComponent("config/catalog")
            configuration.commandsDirectory = TestServer.repositoryRoot.appendingPathComponent("commands")
            configuration.oncall.keepUserGroups = false
            // The pager keys are set, so the pagers are asked: keep those calls on loopback.
            configuration.oncall.pagerDutyURL = "http://127.0.0.1:\(fake.port)/pagerduty"
            configuration.oncall.opsgenieURL = "http://127.0.0.1:\(fake.port)/opsgenie"
            let app = try await buildApplication(configuration: configuration, logger: logs.logger)
            try await app.test(.router) { client in
                let secret = Self.environment["SLACK_SIGNING_SECRET"]!
                let command = TestServer.slashCommandBody("playlist-api", responseURL: fake.responseURL())
                try await client.execute(
                    uri: "/slack/commands", method: .post,
                    headers: TestServer.signedHeaders(command, contentType: "application/x-www-form-urlencoded", secret: secret),
                    body: ByteBuffer(string: command)
                ) { response in #expect(response.status == .ok) }
                // A wrong signature and a malformed body are logged as refusals.
                try await client.execute(
                    uri: "/slack/commands", method: .post,
                    headers: TestServer.signedHeaders(command, contentType: "application/x-www-form-urlencoded", secret: "wrong"),
                    body: ByteBuffer(string: command)
                ) { response in #expect(response.status == .unauthorized) }
                let mention = SlackEventTests.mention(eventID: "EvSecret", text: "owner playlist-api")
                try await client.execute(
                    uri: "/slack/events", method: .post, headers: TestServer.signedHeaders(mention, contentType: "application/json", secret: secret),
                    body: ByteBuffer(string: mention)
                ) { response in #expect(response.status == .ok) }
                _ = try await fake.calls.first("the threaded answer") { $0.method == "chat.postMessage" }
                // Socket Mode dialled out with the app token.
                try await fake.waitForConnection(1)
            }
        }
        let text = logs.text
        #expect(text.contains("Slack Socket Mode: on"), "the capabilities were logged")
        #expect(Self.leaks(in: text).isEmpty, "leaked \(Self.leaks(in: text))")
    }
}
