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
import Synchronization
import Testing

@Suite("Operations: metrics, readiness, JSON logs", .timeLimit(.minutes(3)))
struct ObservabilityTests {
    private static func ownerRequest(_ client: some TestClientProtocol, _ text: String, command: String = "/owner") async throws {
        let body = TestServer.slashCommandBody(text, command: command)
        try await client.execute(
            uri: "/slack/commands", method: .post,
            headers: TestServer.signedHeaders(body, contentType: "application/x-www-form-urlencoded"), body: ByteBuffer(string: body)
        ) { response in #expect(response.status == .ok) }
    }

    private static func scrape(_ client: some TestClientProtocol) async throws -> PrometheusText {
        try await client.execute(uri: "/metrics", method: .get) { response in
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
            return try PrometheusText(TestServer.body(response))
        }
    }

    @Test("/metrics is valid Prometheus text and its series move with the requests served")
    func metricsMove() async throws {
        let app = try await buildApplication(configuration: TestServer.configuration())
        try await app.test(.router) { client in
            for _ in 0..<3 { try await Self.ownerRequest(client, "playlist-api") }
            try await Self.ownerRequest(client, "no-such-service-anywhere")
            try await Self.ownerRequest(client, "x", command: "/definitely-not-a-command")
            let first = try await Self.scrape(client)
            #expect(first.types["backline_commands_total"] == "counter")
            #expect(first.types["backline_command_duration_seconds"] == "histogram")
            #expect(first.value("backline_commands_total", ["transport": "slackHTTP", "command": "owner", "outcome": "ok"]) == 4,
                    "a name that matches nothing is still an answer (with suggestions)")
            #expect(first.value("backline_commands_total", ["command": "unknown", "outcome": "unknown-command"]) == 1,
                    "a typed command name never becomes a label")
            #expect(first.samples.allSatisfy { $0.labels["command"] != "definitely-not-a-command" })
            #expect(first.value("backline_command_duration_seconds_count", ["command": "owner"]) == 4)
            #expect(first.value("backline_slack_ack_duration_seconds_count") == 5)
            #expect((first.value("backline_catalog_entities", ["kind": "component"]) ?? 0) > 10)
            #expect(first.value("backline_outbox_messages", ["state": "parked"]) == 0)
            #expect(first.types["backline_outbox_oldest_unsent_age_seconds"] == "gauge")

            for _ in 0..<2 { try await Self.ownerRequest(client, "playlist-api") }
            let second = try await Self.scrape(client)
            #expect(second.value("backline_commands_total", ["command": "owner", "outcome": "ok"]) == 6)
            #expect(second.value("backline_command_duration_seconds_count", ["command": "owner"]) == 6)
        }
    }

    @Test("Slack Web API calls are counted by method and result")
    func webAPICalls() async throws {
        try await FakeSlack.withRunning { fake in
            let app = try await buildApplication(configuration: TestServer.configuration(fake: fake))
            try await app.test(.router) { client in
                let mention = SlackEventTests.mention(eventID: "EvMetrics", text: "owner playlist-api")
                try await client.execute(
                    uri: "/slack/events", method: .post, headers: TestServer.signedHeaders(mention, contentType: "application/json"),
                    body: ByteBuffer(string: mention)
                ) { response in #expect(response.status == .ok) }
                _ = try await fake.calls.first("the threaded answer") { $0.method == "chat.postMessage" }
                // The metric is recorded when the client has read Slack's answer; the post that
                // follows the answer is visible only after that, so scrape until it shows.
                var posted: Double?
                for _ in 0..<200 where posted == nil {
                    posted = try await Self.scrape(client).value("backline_slack_api_calls_total", ["method": "chat.postMessage", "result": "ok"])
                    if posted == nil { await Task.yield() }
                }
                #expect(posted == 1)
            }
        }
    }

    @Test("/readyz fails while the database file is gone and recovers when it is back")
    func readinessFollowsTheDatabase() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("backline-ready-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("backline.sqlite").path
        let app = try await buildApplication(configuration: TestServer.configuration(database: database))
        try await app.test(.router) { client in
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(TestServer.body(response).hasPrefix("ready: "))
            }
            let aside = database + ".moved"
            try FileManager.default.moveItem(atPath: database, toPath: aside)
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(TestServer.body(response).contains("database: \(database) is missing"))
            }
            try await client.execute(uri: "/healthz", method: .get) { response in #expect(response.status == .ok, "alive, just not ready") }
            try FileManager.default.moveItem(atPath: aside, toPath: database)
            try await client.execute(uri: "/readyz", method: .get) { response in #expect(response.status == .ok) }
        }
    }

    @Test("/readyz fails while Socket Mode is on but not connected, naming the reason")
    func readinessFollowsSocketMode() async throws {
        var configuration = TestServer.configuration()
        // Nothing listens on port 9: the connection is never opened.
        configuration.slack.apiURL = "http://127.0.0.1:9/api"
        configuration.slack.botToken = SlackToken("xoxb-ready-test")
        configuration.slack.appToken = SlackToken("xapp-ready-test")
        let parts = try await BacklineParts(configuration: configuration, logger: Logger(label: "test"), mode: .service)
        let report = await parts.readiness.check()
        #expect(!report.isReady)
        #expect(report.lines == ["slack: Socket Mode is on but not connected"])
        parts.readiness.socketModeChanged(connected: true)
        #expect(await parts.readiness.check().isReady)
        parts.readiness.socketModeChanged(connected: false)
        #expect(await !parts.readiness.check().isReady)
    }

    @Test("JSON logs: one object per line with invocation id, transport, command and duration; no secret")
    func jsonLogs() async throws {
        let lines = Mutex<[String]>([])
        let sink = JSONLogHandler.Sink { bytes in lines.withLock { $0.append(String(decoding: bytes, as: UTF8.self)) } }
        let logger = Logger(label: "backline") { label in JSONLogHandler(label: label, level: .debug, sink: sink) }
        let environment = SecretRedactionTests.environment
        try await FakeSlack.withRunning(botToken: environment["SLACK_BOT_TOKEN"]!) { fake in
            var configuration = try BacklineConfiguration.load(file: nil, environment: environment)
            configuration.port = 0
            configuration.slack.apiURL = fake.apiBaseURL
            configuration.slack.appToken = nil
            configuration.demoCatalogDirectory = TestServer.repositoryRoot.appendingPathComponent("config/catalog")
            configuration.commandsDirectory = TestServer.repositoryRoot.appendingPathComponent("commands")
            configuration.oncall.keepUserGroups = false
            // The pager keys are set, so the pagers are asked: keep those calls on loopback.
            configuration.oncall.pagerDutyURL = "http://127.0.0.1:\(fake.port)/pagerduty"
            configuration.oncall.opsgenieURL = "http://127.0.0.1:\(fake.port)/opsgenie"
            let app = try await buildApplication(configuration: configuration, logger: logger)
            try await app.test(.router) { client in
                let body = TestServer.slashCommandBody("playlist-api", responseURL: fake.responseURL())
                let headers = TestServer.signedHeaders(
                    body, contentType: "application/x-www-form-urlencoded", secret: environment["SLACK_SIGNING_SECRET"]!)
                try await client.execute(uri: "/slack/commands", method: .post, headers: headers, body: ByteBuffer(string: body)) { response in
                    #expect(response.status == .ok)
                }
            }
        }
        let written = lines.withLock { $0 }
        #expect(written.allSatisfy { $0.hasSuffix("}\n") && !$0.dropLast().contains("\n") }, "one line per record")
        let objects = try written.map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(objects.allSatisfy { $0["time"] is String && $0["level"] is String && $0["message"] is String })
        let answered = try #require(objects.first { $0["message"] as? String == "command answered" })
        #expect(answered["command"] as? String == "owner")
        #expect(answered["transport"] as? String == "slackHTTP")
        #expect(answered["outcome"] as? String == "ok")
        #expect((answered["invocation_id"] as? String)?.count == 8)
        #expect(Double(answered["duration_ms"] as? String ?? "") != nil)
        let text = written.joined()
        #expect(SecretRedactionTests.leaks(in: text).isEmpty, "leaked \(SecretRedactionTests.leaks(in: text))")
    }

    @Test("logging.format and logging.level are read from the file and checked")
    func loggingSettings() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("backline-logcfg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = folder.appendingPathComponent("good.yaml")
        try "logging:\n  format: json\n  level: warning\n".write(to: good, atomically: true, encoding: .utf8)
        let settings = try BacklineConfiguration.load(file: good.path, environment: [:]).logging
        #expect(settings.format == .json && settings.level == .warning)
        let bad = folder.appendingPathComponent("bad.yaml")
        try "logging:\n  format: xml\n".write(to: bad, atomically: true, encoding: .utf8)
        #expect(throws: ConfigurationError.self) { try BacklineConfiguration.load(file: bad.path, environment: [:]) }
    }
}
