import Hummingbird

/// The loopback fakes of this target (GitHub, the package registries, Mattermost's files API) run
/// their routes here: an ephemeral port on 127.0.0.1, known only once the server runs, and a
/// server that stops when `body` returns or throws.
func withLoopbackApp<T: Sendable>(
    _ router: Router<BasicRequestContext>, serverName: String? = nil, _ body: (_ port: Int) async throws -> T
) async throws -> T {
    let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
    let app = Application(
        router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: serverName),
        onServerRunning: { channel in
            portSink.yield(channel.localAddress?.port ?? 0)
            portSink.finish()
        })
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

struct LoopbackAppDidNotStart: Error, CustomStringConvertible {
    var serverName: String?
    var description: String { "the loopback server \(serverName ?? "") did not start" }
}
