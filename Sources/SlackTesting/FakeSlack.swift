import Hummingbird
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
    ///   - logger: The fake's server logger.
    public static func withRunning<T>(
        botToken: String = "xoxb-fake-bot-token",
        appToken: String = "xapp-fake-app-token",
        logger: Logger = Logger(label: "FakeSlack"),
        _ body: (FakeSlack) async throws -> T
    ) async throws -> T {
        let state = FakeSlackState(botToken: botToken, appToken: appToken)
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: webAPIRouter(state: state),
            server: .http1WebSocketUpgrade(
                webSocketRouter: socketModeRouter(state: state),
                // Large limits: tests send messages far above WSClient's 16 KiB default.
                configuration: .init(ws: .init(maxFrameSize: 1 << 22, autoPing: .disabled, closeTimeout: .seconds(2)))
            ),
            configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "FakeSlack"),
            onServerRunning: { channel in
                portSink.yield(channel.localAddress?.port ?? 0)
                portSink.finish()
            },
            logger: logger
        )
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            // Cancelling (rather than a graceful drain) stops the fake promptly even if a client
            // under test left a socket open.
            defer { group.cancelAll() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next(), port != 0 else {
                throw FakeSlackError(description: "the fake Slack server did not start")
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
