import BacklineServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import SlackTesting
import Synchronization
import Testing

/// Closed until opened; whoever waits on a closed gate waits until it opens.
final class Gate: Sendable {
    private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func wait() async {
        await withCheckedContinuation { continuation in
            let open = state.withLock { state in
                if !state.open { state.waiters.append(continuation) }
                return state.open
            }
            if open { continuation.resume() }
        }
    }

    func open() {
        let waiters = state.withLock { state in
            defer { state = (true, []) }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}

/// A git server on loopback that holds every request until the test releases it, then answers
/// 404: a catalog source whose ingest takes exactly as long as the test wants.
struct HeldGitServer: Sendable {
    let port: Int
    /// Each request git made, in arrival order.
    let requests: Recorder<String>
    let gate: Gate

    /// A repository URL on this server.
    var repositoryURL: String { "http://127.0.0.1:\(port)/held/catalog.git" }

    static func withRunning<T>(_ body: (HeldGitServer) async throws -> T) async throws -> T {
        let requests = Recorder<String>()
        let gate = Gate()
        let router = Router()
        router.get("**") { request, _ -> Response in
            requests.record(request.uri.description)
            await gate.wait()
            return Response(status: .notFound)
        }
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "HeldGit"),
            onServerRunning: { channel in
                portSink.yield(channel.localAddress?.port ?? 0)
                portSink.finish()
            },
            logger: Logger(label: "HeldGit"))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                defer { portSink.finish() }
                try await app.runService(gracefulShutdownSignals: [])
            }
            defer {
                // Whatever happened, nothing stays held, so the server can stop.
                gate.open()
                group.cancelAll()
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next(), port != 0 else { throw CancellationError() }
            return try await body(HeldGitServer(port: port, requests: requests, gate: gate))
        }
    }
}

@Suite("serve listens before it ingests", .timeLimit(.minutes(3)))
struct ServeStartupTests {
    private static func owner(_ client: some TestClientProtocol) async throws -> String {
        let body = TestServer.slashCommandBody("playlist-api")
        return try await client.execute(
            uri: "/slack/commands", method: .post,
            headers: TestServer.signedHeaders(body, contentType: "application/x-www-form-urlencoded"), body: ByteBuffer(string: body)
        ) { response in
            #expect(response.status == .ok)
            return TestServer.body(response)
        }
    }

    @Test("/healthz at once; /readyz 503 and commands 'still loading' until the first ingest ends; then ready and answering")
    func listensBeforeIngesting() async throws {
        let clones = FileManager.default.temporaryDirectory.appendingPathComponent("backline-startup-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: clones) }
        try await HeldGitServer.withRunning { git in
            var configuration = TestServer.configuration()
            // The held repository is read first, so nothing is ingested while it is held.
            configuration.catalogPaths = [git.repositoryURL, configuration.demoCatalogDirectory.path]
            configuration.catalog.cloneDirectory = clones
            // Answers come inline however loaded the machine is (no "working on it" acknowledgement).
            configuration.slack.replyBudget = .seconds(30)
            let logger = Logger(label: "test")
            let parts = try await BacklineParts(configuration: configuration, logger: logger, mode: .service, ingestWhileServing: true)
            #expect(!parts.catalogLoading.isLoaded, "nothing was read before serving")
            let app = buildApplication(parts: parts, configuration: configuration, logger: logger)
            try await app.test(.router) { client in
                _ = try await git.requests.wait(for: "git asking for the held repository", timeout: .seconds(30)) { $0.first }
                try await client.execute(uri: "/healthz", method: .get) { response in #expect(response.status == .ok) }
                try await client.execute(uri: "/readyz", method: .get) { response in
                    #expect(response.status == .serviceUnavailable)
                    #expect(TestServer.body(response).contains("catalog: not ingested yet"))
                }
                let early = try await Self.owner(client)
                #expect(early.contains("still loading"), "not \"not found\": \(early)")
                #expect(!early.contains("No entity"))
                let help = try await client.execute(
                    uri: "/slack/commands", method: .post,
                    headers: TestServer.signedHeaders(TestServer.slashCommandBody("", command: "/help"), contentType: "application/x-www-form-urlencoded"),
                    body: ByteBuffer(string: TestServer.slashCommandBody("", command: "/help"))
                ) { TestServer.body($0) }
                #expect(!help.contains("still loading"), "/help needs no catalog")

                git.gate.open()
                await parts.catalogLoading.waitUntilLoaded()
                try await client.execute(uri: "/readyz", method: .get) { response in
                    #expect(response.status == .ok)
                    let body = TestServer.body(response)
                    #expect(body.hasPrefix("ready: "))
                    #expect(body.contains("catalog source \(git.repositoryURL): last refresh failed"), "the failed source is named: \(body)")
                }
                #expect(try await Self.owner(client).contains("Playlists"))
                let metrics = try await client.execute(uri: "/metrics", method: .get) { try PrometheusText(TestServer.body($0)) }
                #expect(metrics.value("backline_commands_total", ["command": "owner", "outcome": "unavailable"]) == 1)
            }
        }
    }
}
