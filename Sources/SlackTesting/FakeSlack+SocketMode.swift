import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore
import Slack

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension FakeSlack {
    /// Something that happened on the fake's Socket Mode endpoint.
    public enum SocketEvent: Sendable, Hashable {
        /// Connection `connection` (numbered from 1) upgraded and was sent `hello`.
        case opened(connection: Int)
        /// The client sent a text message (an acknowledgement, normally).
        case received(connection: Int, text: String)
        /// The connection ended.
        case closed(connection: Int)
    }

    /// An acknowledgement the client sent.
    public struct ReceivedAck: Sendable, Hashable {
        /// Which connection carried it.
        public var connection: Int
        /// The acknowledged envelope.
        public var envelopeID: String
        /// The `payload` member, when present.
        public var payload: JSONValue?
    }

    /// Instructions for one open socket.
    enum SocketCommand: Sendable {
        case text(String)
        case fragments([String])
        case drop
    }

    /// Sends a text message (e.g. an envelope) on a connection; the newest one by default.
    public func send(_ text: String, on connection: Int? = nil) throws {
        try state.socket(connection).1.yield(.text(text))
    }

    /// Sends one message split into `parts` WebSocket frames (a text frame and continuations).
    public func sendFragmented(_ text: String, parts: Int, on connection: Int? = nil) throws {
        let characters = Array(text)
        let size = max(1, (characters.count + parts - 1) / max(1, parts))
        let pieces = stride(from: 0, to: characters.count, by: size).map { String(characters[$0..<min($0 + size, characters.count)]) }
        try state.socket(connection).1.yield(.fragments(pieces))
    }

    /// Sends `{"type":"disconnect","reason":…}` (`warning`, `refresh_requested`, `link_disabled`, …).
    public func sendDisconnect(reason: String, on connection: Int? = nil) throws {
        try send(#"{"type":"disconnect","reason":"\#(reason)","debug_info":{"host":"fake-slack"}}"#, on: connection)
    }

    /// Closes the TCP connection without a WebSocket close handshake, like a network failure.
    public func dropConnection(_ connection: Int? = nil) throws {
        try state.socket(connection).1.yield(.drop)
    }

    /// Waits until connection number `connection` has opened.
    public func waitForConnection(_ connection: Int, timeout: Duration = .seconds(10)) async throws {
        _ = try await socketEvents.first("connection \(connection) to open", timeout: timeout) { $0 == .opened(connection: connection) }
    }

    /// Waits for `count` acknowledgements of `envelopeID` and returns them in arrival order.
    public func acks(for envelopeID: String, count: Int = 1, timeout: Duration = .seconds(10)) async throws -> [ReceivedAck] {
        try await socketEvents.wait(for: "\(count) ack(s) of \(envelopeID)", timeout: timeout) { events in
            let acks = events.compactMap(Self.ack(from:)).filter { $0.envelopeID == envelopeID }
            return acks.count >= count ? acks : nil
        }
    }

    /// All acknowledgements received so far.
    public var receivedAcks: [ReceivedAck] { socketEvents.elements.compactMap(Self.ack(from:)) }

    private static func ack(from event: SocketEvent) -> ReceivedAck? {
        guard case .received(let connection, let text) = event,
            let json = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)),
            let envelopeID = json["envelope_id"]?.stringValue
        else { return nil }
        return ReceivedAck(connection: connection, envelopeID: envelopeID, payload: json["payload"])
    }

    static func socketModeRouter(state: FakeSlackState) -> Router<FakeSlackSocketContext> {
        let router = Router(context: FakeSlackSocketContext.self)
        router.ws("/link") { inbound, outbound, context in
            let channel = context.requestContext.channel
            let (commands, commandSink) = AsyncStream.makeStream(of: SocketCommand.self)
            let (number, open) = state.openSocket(commandSink)
            defer {
                state.closeSocket(number)
                state.socketEvents.record(.closed(connection: number))
            }
            try await outbound.write(
                .text(#"{"type":"hello","num_connections":\#(open),"debug_info":{"host":"fake-slack","build_number":1,"approximate_connection_time":18060},"connection_info":{"app_id":"A0FAKE"}}"#))
            state.socketEvents.record(.opened(connection: number))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for try await message in inbound.messages(maxSize: 1 << 22) {
                        if case .text(let text) = message { state.socketEvents.record(.received(connection: number, text: text)) }
                    }
                }
                group.addTask {
                    for await command in commands {
                        switch command {
                        case .text(let text):
                            try await outbound.write(.text(text))
                        case .fragments(let pieces):
                            try await outbound.withTextMessageWriter { write in
                                for piece in pieces { try await write(piece) }
                            }
                        case .drop:
                            context.logger.debug("FakeSlack dropping socket \(number)")
                            try await channel.close()
                            context.logger.debug("FakeSlack dropped socket \(number)")
                            return
                        }
                    }
                }
                // Whichever side ends first (client closed, or the test dropped the socket) ends both.
                _ = try await group.next()
                group.cancelAll()
            }
        }
        return router
    }
}

/// Request context for the fake's WebSocket router; keeps the channel so a test can drop it abruptly.
struct FakeSlackSocketContext: RequestContext, WebSocketRequestContext {
    var coreContext: CoreRequestContextStorage
    let webSocket: WebSocketHandlerReference<FakeSlackSocketContext>
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.webSocket = .init()
        self.channel = source.channel
    }
}
