import BacklineServer
import Foundation
import Secrets
import Slack
import Testing

@Suite("Configuration")
struct ConfigurationTests {
    private func write(_ yaml: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("backline-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("backline.yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    @Test("the file sets the listener, database, catalog and Slack API; paths resolve against the file")
    func file() throws {
        let path = try write("""
            server: {host: 0.0.0.0, port: 9090, maxBodySize: 65536}
            database: data/backline.sqlite
            catalog: [catalog, 'https://github.com/acme/catalog.git']
            slack: {apiURL: 'https://slack-gov.com/api', replyBudgetMilliseconds: 2000}
            mattermost: {serverURL: 'https://chat.example.com'}
            """)
        let configuration = try BacklineConfiguration.load(file: path, environment: [:])
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        #expect(configuration.host == "0.0.0.0")
        #expect(configuration.port == 9090)
        #expect(configuration.maxBodySize == 65536)
        #expect(configuration.databasePath == folder + "/data/backline.sqlite")
        #expect(configuration.catalogPaths == [folder + "/catalog", "https://github.com/acme/catalog.git"])
        #expect(configuration.slack.apiURL == "https://slack-gov.com/api")
        #expect(configuration.slack.replyBudget == .milliseconds(2000))
        #expect(configuration.mattermost.serverURL == "https://chat.example.com")
    }

    @Test("secrets come from the environment only, and SLACK_API_URL overrides the file")
    func secrets() throws {
        let path = try write("slack: {apiURL: 'https://proxy.example/api'}")
        let configuration = try BacklineConfiguration.load(file: path, environment: [
            "SLACK_SIGNING_SECRET": "s3cret", "SLACK_BOT_TOKEN": "xoxb-123", "SLACK_APP_TOKEN": "xapp-456",
            "SLACK_API_URL": "http://127.0.0.1:9999/api", "MATTERMOST_COMMAND_TOKENS": "a, b",
        ])
        #expect(configuration.slack.signingSecret?.revealed == "s3cret")
        #expect(configuration.slack.botToken == SlackToken("xoxb-123"))
        #expect(configuration.slack.appToken == SlackToken("xapp-456"))
        #expect(configuration.slack.apiURL == "http://127.0.0.1:9999/api")
        #expect(configuration.mattermost.commandTokens.map(\.revealed) == ["a", "b"])
        // The start-up summary says what works and never prints a secret.
        let summary = configuration.capabilities.joined(separator: "\n")
        #expect(summary.contains("Socket Mode: on"))
        for secret in ["s3cret", "xoxb-123", "xapp-456"] { #expect(!summary.contains(secret)) }
    }

    @Test("without credentials the summary names what is missing and what still works")
    func missingCredentials() throws {
        let summary = try BacklineConfiguration.load(file: nil, environment: [:]).capabilities.joined(separator: "\n")
        #expect(summary.contains("SLACK_SIGNING_SECRET is not set, so every request to /slack/* is refused with 401"))
        #expect(summary.contains("Socket Mode: off"))
        #expect(summary.contains("MATTERMOST_COMMAND_TOKENS is not set"))
    }

    @Test("bad files are explained", arguments: [
        ("slack: {replyBudgetMilliseconds: 5000}", "between 100 and 2900"),
        ("server: {port: eighty}", "backline.yaml"),
    ])
    func badFiles(_ yaml: String, _ message: String) throws {
        let path = try write(yaml)
        let error = #expect(throws: ConfigurationError.self) { try BacklineConfiguration.load(file: path, environment: [:]) }
        #expect(error?.description.contains(message) == true)
    }

    @Test("the shipped example configuration loads")
    func shippedExample() throws {
        let configuration = try BacklineConfiguration.load(file: TestServer.repositoryRoot.appendingPathComponent("config/backline.yaml").path, environment: [:])
        #expect(configuration.port == 8080)
        #expect(configuration.oncall.rotationsDirectory?.path.hasSuffix("config/catalog/rotations") == true)
        #expect(configuration.oncall.incidentChannelPattern == "inc-*")
        #expect(configuration.oncall.pagerCacheSeconds == 60)
    }

    @Test("pager tokens come from the environment only")
    func pagerTokens() throws {
        let configuration = try BacklineConfiguration.load(file: nil, environment: ["PAGERDUTY_TOKEN": "pd-secret", "OPSGENIE_API_KEY": "og-secret"])
        #expect(configuration.oncall.pagerDutyToken?.revealed == "pd-secret")
        #expect(configuration.oncall.opsgenieAPIKey?.revealed == "og-secret")
        let summary = configuration.capabilities.joined(separator: "\n")
        #expect(summary.contains("PagerDuty on"))
        #expect(!summary.contains("pd-secret") && !summary.contains("og-secret"))
    }
}
