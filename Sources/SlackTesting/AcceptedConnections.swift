import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import Synchronization

/// Every connection a fake server accepted, so that stopping the fake closes them all, as a real
/// server going away would.
///
/// A stopping Hummingbird server waits for its connections to end. A connection that a client
/// opened but has not sent a request on yet (an HTTP client's pool opens them ahead of need) is
/// waited for without any time limit by the WebSocket-upgrade server, which cannot tell an HTTP
/// request from an upgrade until the first one arrives. Such a connection, left open by the code
/// under test, used to hold a test forever with every thread idle. Closing what the fake accepted
/// ends those waits at once.
final class AcceptedConnections: Sendable {
    private struct State {
        var isClosed = false
        var channels: [ObjectIdentifier: any Channel] = [:]
    }

    private let state = Mutex(State())

    /// Registers a newly accepted connection; once the fake is stopping, closes it instead.
    func accept(_ channel: any Channel) {
        let id = ObjectIdentifier(channel)
        let admitted = state.withLock { state in
            guard !state.isClosed else { return false }
            state.channels[id] = channel
            return true
        }
        guard admitted else {
            channel.close(promise: nil)
            return
        }
        channel.closeFuture.whenComplete { _ in self.state.withLock { _ = $0.channels.removeValue(forKey: id) } }
    }

    /// Closes every open connection and every one accepted from now on.
    func closeAll() {
        let open = state.withLock { state in
            state.isClosed = true
            defer { state.channels.removeAll() }
            return Array(state.channels.values)
        }
        for channel in open { channel.close(promise: nil) }
    }
}

/// A server child channel that records each connection in ``AcceptedConnections`` as soon as it is
/// accepted, before any byte is read, then behaves exactly like `Base`.
struct TrackedChildChannel<Base: ServerChildChannel>: ServerChildChannel {
    typealias Value = Base.Value

    let base: Base
    let connections: AcceptedConnections

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        connections.accept(channel)
        return base.setup(channel: channel, logger: logger)
    }

    func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}
