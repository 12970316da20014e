import ArgumentParser
import AsyncHTTPClient
import BacklineServer
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import ServiceLifecycle
import Secrets
import Slack
import UnixSignals

/// Issue #3's HTTP measurements. `http-servers` runs Backline (signed `/slack/commands`) and a
/// Hummingbird hello-world route from the same build; `paced-load` is the second process that
/// sends signed `/owner` requests at a fixed rate and reports latency percentiles.
struct HTTPServers: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "http-servers",
        abstract: "Run Backline on --port and a hello-world Hummingbird app on --port + 1 until interrupted.")

    @Option var port = 8300
    @Option var secret = "benchmark-signing-secret"

    func run() async throws {
        var configuration = BacklineConfiguration()
        configuration.port = port
        configuration.slack.signingSecret = Secret(secret)
        // A database file, as in production: a WAL pool serves concurrent reads, where the
        // in-memory default serialises every request on one connection.
        let database = FileManager.default.temporaryDirectory.appendingPathComponent("backline-http-bench-\(port).sqlite").path
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
        configuration.databasePath = database
        configuration.catalogPaths = [configuration.demoCatalogDirectory.path]
        let logger = Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() })
        let backline = try await buildApplication(configuration: configuration, logger: logger)
        let router = Router()
        router.get("hello") { _, _ in "Hello, world!" }
        let hello = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port + 1)), logger: logger)
        let group = ServiceGroup(configuration: .init(services: [backline, hello], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        FileHandle.standardError.write(Data("[bench] Backline on \(port), hello-world on \(port + 1)\n".utf8))
        try await group.run()
    }
}

/// Prints a wrk Lua script that sends one pre-signed `/owner` request (a signature stays valid for
/// five minutes, longer than a run; the server still verifies it on every request).
struct WrkScript: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "wrk-script", abstract: "Print a wrk Lua script with a signed /owner request.")

    @Option var secret = "benchmark-signing-secret"
    @Option var text = "playlist-api"

    func run() throws {
        let request = SignedCommand(secret: secret, text: text)
        print("""
            wrk.method = "POST"
            wrk.body = "\(request.body)"
            wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
            wrk.headers["X-Slack-Request-Timestamp"] = "\(request.timestamp)"
            wrk.headers["X-Slack-Signature"] = "\(request.signature)"
            """)
    }
}

/// Sends signed `/owner` requests at a fixed rate (open loop: a slow answer does not slow the
/// sender) and reports latency percentiles.
struct PacedLoad: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "paced-load", abstract: "Fixed-rate signed /owner load; prints p50/p99/max.")

    @Option var url = "http://127.0.0.1:8300/slack/commands"
    @Option var secret = "benchmark-signing-secret"
    @Option var rate = 1000
    @Option var seconds = 10

    func run() async throws {
        let request = SignedCommand(secret: secret, text: "playlist-api")
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(connectionPool: .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: 256)))
        let total = rate * seconds
        let interval = Duration.seconds(1) / rate
        let clock = ContinuousClock()
        let start = clock.now
        let (latencies, failures) = await withTaskGroup(of: Duration?.self) { group in
            for index in 0..<total {
                try? await clock.sleep(until: start.advanced(by: interval * index))
                group.addTask {
                    var http = HTTPClientRequest(url: url)
                    http.method = .POST
                    http.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
                    http.headers.add(name: "X-Slack-Request-Timestamp", value: "\(request.timestamp)")
                    http.headers.add(name: "X-Slack-Signature", value: request.signature)
                    http.body = .bytes(ByteBuffer(string: request.body))
                    let sent = clock.now
                    guard let response = try? await client.execute(http, timeout: .seconds(10)), response.status == .ok,
                          (try? await response.body.collect(upTo: 1 << 20)) != nil else { return nil }
                    return clock.now - sent
                }
            }
            var latencies: [Duration] = []
            var failures = 0
            for await result in group {
                if let result { latencies.append(result) } else { failures += 1 }
            }
            return (latencies.sorted(), failures)
        }
        try await client.shutdown()
        let elapsed = clock.now - start
        func percentile(_ p: Double) -> Duration { latencies.isEmpty ? .zero : latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
        print("| paced signed `/owner`, \(rate) req/s for \(seconds) s | p50 \(percentile(0.5).formatted), p99 \(percentile(0.99).formatted), max \((latencies.last ?? .zero).formatted); \(latencies.count) ok, \(failures) failed, achieved \(Int(Double(latencies.count) / elapsed.seconds)) req/s |")
    }
}

/// A `/owner` slash command body with a valid signature for now.
struct SignedCommand {
    let body: String
    let timestamp: Int64
    let signature: String

    init(secret: String, text: String) {
        body = "token=x&team_id=T1&channel_id=C1&user_id=U1&user_name=bench&command=%2Fowner&text=\(text)&response_url=http%3A%2F%2F127.0.0.1%3A9%2Fr&trigger_id=1"
        timestamp = Int64(Date().timeIntervalSince1970)
        signature = SlackSignatureVerifier.signature(signingSecret: secret, timestamp: String(timestamp), body: Array(body.utf8))
    }
}
