import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import NIOCore
import Slack

/// An in-process Slack on loopback for tests: the Web API, `response_url` sinks and Socket Mode,
/// in one Hummingbird application bound to `127.0.0.1:0`.
///
/// It checks bearer tokens and required arguments, rejects Block Kit that breaks Slack's limits with
/// `invalid_blocks` as Slack does, records everything it receives for tests to await, and can be
/// scripted to fail, rate limit, drop sockets or send awkward frames.
///
/// ```swift
/// try await FakeSlack.withRunning { slack in
///     let client = SlackWebAPIClient(baseURL: slack.apiBaseURL, token: SlackToken(slack.botToken))
///     _ = try await client.postMessage(channel: "C1", message: SlackMessage(text: "hi"))
///     let call = try await slack.calls.first { $0.method == "chat.postMessage" }
/// }
/// ```
public final class FakeSlack: Sendable {
    /// The TCP port the fake listens on.
    public let port: Int
    let state: FakeSlackState

    /// The bot token the fake accepts for Web API methods.
    public var botToken: String { state.botToken }
    /// The app-level token the fake accepts for `apps.connections.open`.
    public var appToken: String { state.appToken }
    /// Every Web API call, in arrival order, including rejected ones.
    public var calls: Recorder<WebAPICall> { state.calls }
    /// Every post to a `response_url`.
    public var responseURLPosts: Recorder<ResponseURLPost> { state.responseURLPosts }
    /// Socket Mode connections opening and closing, and every text message clients send.
    public var socketEvents: Recorder<SocketEvent> { state.socketEvents }

    /// The Web API root to configure clients with.
    public var apiBaseURL: String { "http://127.0.0.1:\(port)/api" }

    /// A `response_url` that records posts under `name`.
    public func responseURL(_ name: String = "default") -> String {
        "http://127.0.0.1:\(port)/response/\(name)"
    }

    init(port: Int, state: FakeSlackState) {
        self.port = port
        self.state = state
    }

    /// Starts a fake, runs `body` with it, then stops it.
    /// - Parameters:
    ///   - botToken: The only token accepted for ordinary methods.
    ///   - appToken: The only token accepted for `apps.connections.open`.
    ///   - port: The port to listen on; 0 (the default) lets the system choose a free one.
    ///   - logger: The fake's server logger.
    public static func withRunning<T>(
        botToken: String = "xoxb-fake-bot-token",
        appToken: String = "xapp-fake-app-token",
        port: Int = 0,
        logger: Logger = Logger(label: "FakeSlack"),
        _ body: (FakeSlack) async throws -> T
    ) async throws -> T {
        let state = FakeSlackState(botToken: botToken, appToken: appToken)
        let connections = AcceptedConnections()
        let webSocketResponder = socketModeRouter(state: state).buildResponder()
        // Large limits: tests send messages far above WSClient's 16 KiB default.
        let webSocket = WebSocketServerConfiguration(maxFrameSize: 1 << 22, autoPing: .disabled, closeTimeout: .seconds(2))
        let server = HTTPServerBuilder { responder in
            TrackedChildChannel(
                base: HTTP1WebSocketUpgradeChannel(responder: responder, webSocketResponder: webSocketResponder, configuration: webSocket),
                connections: connections)
        }
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: webAPIRouter(state: state),
            server: server,
            configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "FakeSlack"),
            onServerRunning: { channel in
                portSink.yield(channel.localAddress?.port ?? 0)
                portSink.finish()
            },
            logger: logger
        )
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                // A server that cannot listen never calls onServerRunning: end the wait for a port.
                defer { portSink.finish() }
                try await app.runService(gracefulShutdownSignals: [])
            }
            defer {
                // Cancelling (rather than a graceful drain) stops the fake promptly, and closing
                // every accepted connection means no client of the code under test can hold it.
                group.cancelAll()
                connections.closeAll()
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next(), port != 0 else {
                throw FakeSlackError(description: "the fake Slack server did not start (could it listen on 127.0.0.1:\(port)?)")
            }
            return try await body(FakeSlack(port: port, state: state))
        }
    }
}

/// A misuse of the fake, e.g. pushing to a socket that is not open.
public struct FakeSlackError: Error, CustomStringConvertible {
    /// What went wrong.
    public var description: String
}
