import Hummingbird
import Logging

/// The tests' loopback fakes (GitHub, the package registries, Mattermost's files API, a pager, an
/// OTLP receiver) run their routes here: an ephemeral port on 127.0.0.1, known only once the
/// server runs, and a server that stops when `body` returns or throws.
public func withLoopbackApp<T: Sendable>(
    _ router: Router<BasicRequestContext>, serverName: String? = nil, _ body: (_ port: Int) async throws -> T
) async throws -> T {
    let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
    let app = Application(
        router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: serverName),
        onServerRunning: { channel in
            portSink.yield(channel.localAddress?.port ?? 0)
            portSink.finish()
        },
        logger: Logger(label: serverName ?? "loopback"))
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask {
            // A server that cannot bind ends the wait for its port at once.
            defer { portSink.finish() }
            try await app.runService(gracefulShutdownSignals: [])
        }
        defer { group.cancelAll() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port != 0 else { throw LoopbackAppDidNotStart(serverName: serverName) }
        return try await body(port)
    }
}

/// The loopback server could not listen.
public struct LoopbackAppDidNotStart: Error, CustomStringConvertible {
    public var serverName: String?
    public var description: String { "the loopback server \(serverName ?? "") did not start" }
}
