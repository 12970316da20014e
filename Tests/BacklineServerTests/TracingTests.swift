import BacklineServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Slack
import SlackTesting
import Synchronization
import Testing

// Serialized: one test sets OTEL_* variables in the process environment, which swift-otel reads
// whenever a tracer is made.
@Suite("OpenTelemetry traces to a local OTLP/HTTP receiver", .serialized, .timeLimit(.minutes(3)))
struct TracingTests {
    /// A JSON logger whose lines carry the trace ids, as `serve` sets it up when tracing is on.
    private static func recordingLogger() -> (Logger, Recorder<String>) {
        let lines = Recorder<String>()
        let sink = JSONLogHandler.Sink { bytes in lines.record(String(decoding: bytes, as: UTF8.self)) }
        let logger = Logger(label: "backline") { label in
            JSONLogHandler(label: label, level: .info, sink: sink, metadataProvider: BacklineTracing.logMetadataProvider)
        }
        return (logger, lines)
    }

    @Test("a signed /owner is one trace: the HTTP request, the command, its catalog reads and its Slack call; the log line names it")
    func ownerIsOneTrace() async throws {
        let (logger, lines) = Self.recordingLogger()
        try await OTLPReceiver.withRunning { receiver in
            try await FakeSlack.withRunning { fake in
                // Known to Slack but not by chat id in the catalog: the caller is resolved through users.info.
                fake.addUser(SlackUser(id: "U0MARIA01", name: "maria", email: "maria.gonzalez@tempo.example"))
                var configuration = TestServer.configuration(fake: fake)
                configuration.slack.replyBudget = .seconds(30)  // inline however loaded the machine is
                // OTLP's default encoding (http/protobuf), as a collector receives it.
                configuration.tracing = try TracingSettings(environment: [
                    "OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:\(receiver.port)", "OTEL_SERVICE_NAME": "backline-test",
                ])
                let app = try await buildApplication(configuration: configuration, logger: logger)
                try await app.test(.router) { client in
                    let body = TestServer.slashCommandBody("playlist-api", responseURL: fake.responseURL())
                    try await client.execute(
                        uri: "/slack/commands", method: .post,
                        headers: TestServer.signedHeaders(body, contentType: "application/x-www-form-urlencoded"), body: ByteBuffer(string: body)
                    ) { response in
                        #expect(response.status == .ok)
                        #expect(TestServer.body(response).contains("Playlists"))
                    }
                }
                // The test framework shut the service group down: the exporter flushed what it held.
            }
            let trace = try await receiver.spans.wait(for: "the /owner trace") { spans -> [ReceivedSpan]? in
                guard let root = spans.first(where: { $0.name == "POST /slack/commands" }) else { return nil }
                let trace = spans.filter { $0.traceID == root.traceID }
                return trace.contains { $0.name == "command /owner" } ? trace : nil
            }
            let root = try #require(trace.first { $0.name == "POST /slack/commands" })
            #expect(root.parentSpanID.isEmpty, "the transport's span is the root")
            #expect(root.kind == 2, "a server span")
            #expect(root.attributes["backline.transport"] == "slackHTTP")
            #expect(root.attributes["http.response.status_code"] == "200")
            #expect(root.serviceName == "backline-test")

            let command = try #require(trace.first { $0.name == "command /owner" })
            #expect(command.parentSpanID == root.spanID)
            #expect(command.attributes["backline.command"] == "owner")
            #expect(command.attributes["backline.outcome"] == "ok")
            #expect(command.attributes["backline.invocation_id"]?.count == 8)

            let reads = trace.filter { $0.name.hasPrefix("catalog ") }
            #expect(reads.contains { $0.parentSpanID == command.spanID && $0.name == "catalog entities(named:)" },
                    "the command's lookup: \(reads.map(\.name))")
            #expect(reads.allSatisfy { $0.kind == 3 && $0.attributes["db.system.name"] == "sqlite" })
            let slack = try #require(trace.first { $0.name == "slack users.info" }, "\(trace)")
            #expect(slack.parentSpanID == root.spanID, "the caller is resolved before the command runs")
            #expect(slack.attributes["slack.result"] == "ok" && slack.kind == 3)
            #expect(trace.allSatisfy { $0.parentSpanID.isEmpty || trace.map(\.spanID).contains($0.parentSpanID) }, "one connected tree")
            #expect(await receiver.refused.elements.isEmpty)

            let written = lines.elements
            let answered = try #require(written.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
                .first { $0["message"] as? String == "command answered" })
            #expect(answered["trace_id"] as? String == root.traceID)
            #expect(answered["span_id"] as? String == command.spanID)
        }
    }

    @Test("each Socket Mode envelope is a trace; a mention's threaded answer, posted later from the runner, stays in its envelope's trace")
    func socketModeEnvelopes() async throws {
        try await OTLPReceiver.withRunning { receiver in
            try await FakeSlack.withRunning { fake in
                var configuration = TestServer.configuration(fake: fake, socketMode: true)
                configuration.tracing = TracingSettings(tracesURL: receiver.tracesURL)
                let app = try await buildApplication(configuration: configuration)
                try await app.test(.router) { _ in
                    try await fake.waitForConnection(1)
                    try fake.send(SlackFixtures.slashCommandEnvelope(id: "env-owner"))
                    _ = try await fake.acks(for: "env-owner")
                    try fake.send(SlackFixtures.eventsAPIEnvelope(id: "env-mention"))
                    _ = try await fake.calls.first("the threaded answer") { $0.method == "chat.postMessage" }
                }
            }
            let spans = try await receiver.spans.wait(for: "both envelopes' traces") { spans -> [ReceivedSpan]? in
                spans.contains { $0.name == "slack chat.postMessage" } && spans.contains { $0.name == "slack socket-mode slash_commands" } ? spans : nil
            }
            let slash = try #require(spans.first { $0.name == "slack socket-mode slash_commands" })
            #expect(slash.parentSpanID.isEmpty && slash.kind == 5, "a consumer span, root of its trace")
            #expect(slash.attributes["backline.transport"] == "slackSocketMode")
            #expect(spans.contains { $0.name == "command /owner" && $0.parentSpanID == slash.spanID })

            let mention = try #require(spans.first { $0.name == "slack socket-mode events_api" })
            #expect(mention.traceID != slash.traceID, "one trace per envelope")
            let inMention = spans.filter { $0.traceID == mention.traceID }
            let command = try #require(inMention.first { $0.name == "command /owner" }, "the mention's command runs in the runner, in the envelope's trace")
            #expect(command.parentSpanID == mention.spanID)
            let post = try #require(inMention.first { $0.name == "slack chat.postMessage" })
            #expect(post.parentSpanID == mention.spanID && post.attributes["slack.result"] == "ok")
        }
    }

    @Test("http/json: probes and scrapes start no trace; a refused Slack request is a 401 span")
    func onlyChatRequestsAreTraced() async throws {
        try await OTLPReceiver.withRunning { receiver in
            var configuration = TestServer.configuration()
            configuration.tracing = TracingSettings(tracesURL: receiver.tracesURL, wireFormat: .json)
            let app = try await buildApplication(configuration: configuration)
            try await app.test(.router) { client in
                for path in ["/healthz", "/readyz", "/metrics"] {
                    try await client.execute(uri: path, method: .get) { response in #expect(response.status == .ok) }
                }
                let body = TestServer.slashCommandBody("playlist-api")
                try await client.execute(
                    uri: "/slack/commands", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: body)
                ) { response in #expect(response.status == .unauthorized) }
            }
            let spans = try await receiver.spans.wait(for: "the refused request's span") { spans in spans.isEmpty ? nil : spans }
            #expect(spans.map(\.name) == ["POST /slack/commands"], "probes and scrapes query the catalog outside any trace")
            #expect(spans.first?.attributes["http.response.status_code"] == "401")
        }
    }

    @Test("collector credentials in OTEL_EXPORTER_OTLP_HEADERS or an endpoint never reach the log, though swift-otel logs the variables it applies")
    func exporterHeadersAreRedacted() async throws {
        let (logger, lines) = Self.recordingLogger()
        // swift-otel reads its variables from the process environment; nothing else in the suite reads this one.
        setenv("OTEL_EXPORTER_OTLP_HEADERS", "x-api-key=otlp-s3cr3t-key", 1)
        setenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://tracer:otlp-s3cr3t-password@127.0.0.1:4318/v1/traces", 1)
        defer {
            unsetenv("OTEL_EXPORTER_OTLP_HEADERS")
            unsetenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
        }
        let tracing = try BacklineTracing.make(
            settings: TracingSettings(tracesURL: "http://127.0.0.1:4318/v1/traces", wireFormat: .json), logger: logger)
        #expect(tracing.tracer != nil)
        let written = lines.elements.joined()
        #expect(written.contains("HEADERS\",\"environment_value\":\"<redacted>\""), "swift-otel says it applied the variable: \(written)")
        #expect(!written.contains("otlp-s3cr3t"))
        #expect(written.contains("http://<redacted>@127.0.0.1:4318/v1/traces"), "the endpoint is logged without its credentials")
    }

    @Test("OTEL_* variables: off without an endpoint, the traces path appended to the shared one, gRPC refused")
    func settingsFromTheEnvironment() throws {
        #expect(try !TracingSettings(environment: [:]).isEnabled)
        #expect(try !TracingSettings(environment: ["OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318", "OTEL_SDK_DISABLED": "true"]).isEnabled)
        #expect(try !TracingSettings(environment: ["OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318", "OTEL_TRACES_EXPORTER": "none"]).isEnabled)
        let shared = try TracingSettings(environment: ["OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318/"])
        #expect(shared.tracesURL == "http://collector:4318/v1/traces")
        #expect(shared.wireFormat == .protobuf && shared.serviceName == "backline")
        let specific = try TracingSettings(environment: [
            "OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "https://traces.example/ingest",
            "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL": "http/json",
        ])
        #expect(specific.tracesURL == "https://traces.example/ingest" && specific.wireFormat == .json)
        #expect(throws: ConfigurationError.self) {
            try TracingSettings(environment: ["OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4317", "OTEL_EXPORTER_OTLP_PROTOCOL": "grpc"])
        }
        #expect(throws: ConfigurationError.self) { try TracingSettings(environment: ["OTEL_EXPORTER_OTLP_ENDPOINT": "collector:4318"]) }
        let withCredentials = try TracingSettings(environment: ["OTEL_EXPORTER_OTLP_ENDPOINT": "https://user:hunter2@collector:4318"])
        #expect(!withCredentials.capability.contains("hunter2"))
        #expect(try BacklineConfiguration.load(file: nil, environment: ["OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318"]).tracing.isEnabled)
    }
}
