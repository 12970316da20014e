import Logging
import ServiceLifecycle
import WSClient

/// Receives Slack events, slash commands and interactions over Socket Mode and acknowledges each one.
///
/// A swift-service-lifecycle `Service`: run it in the application's `ServiceGroup`. It keeps one live
/// WebSocket, replaces it ahead of time when Slack asks (`warning`, `refresh_requested`), reconnects
/// with backoff after a drop, and stops with ``SocketModeError`` when Slack disables the link or
/// rejects the app token.
///
/// ```swift
/// let socket = SocketModeClient(webAPI: slack, appToken: appToken, logger: logger) { inbound, info in
///     await pipeline.handle(inbound)   // a returned payload (.message, .viewResponse) rides on the ack
/// }
/// let group = ServiceGroup(services: [app, socket], logger: logger)
/// ```
public struct SocketModeClient: Service, CustomStringConvertible {
    /// Handles one envelope's payload; the returned payload (a slash command's message, a
    /// `view_submission`'s ``ViewResponse``) is sent with the acknowledgement when the envelope
    /// accepts one, and ignored otherwise.
    public typealias Handler = @Sendable (SlackInbound, SocketModeEnvelopeInfo) async -> SocketModeAck.Payload?

    /// Tuning knobs with production defaults.
    public struct Configuration: Sendable {
        /// Largest message accepted, after reassembling fragments. Slack's block_actions payloads
        /// exceed WSClient's 16 KiB default, so this is far larger.
        public var maxMessageSize: Int
        /// How often to ping Slack; nil disables pinging.
        public var pingInterval: Duration?
        /// How many envelope IDs to remember for duplicate detection.
        public var recentEnvelopeCapacity: Int
        /// How long to wait for Slack to confirm a close.
        public var closeTimeout: Duration
        /// Told `true` when a connection says hello and `false` when the live connection drops,
        /// so readiness and metrics can follow the link (not called for planned replacements,
        /// which keep the old socket until the new one says hello).
        public var connectionChanged: @Sendable (_ connected: Bool) -> Void = { _ in }

        /// Creates a configuration.
        public init(maxMessageSize: Int = 1 << 20, pingInterval: Duration? = .seconds(10), recentEnvelopeCapacity: Int = 2048, closeTimeout: Duration = .seconds(5)) {
            self.maxMessageSize = maxMessageSize
            self.pingInterval = pingInterval
            self.recentEnvelopeCapacity = recentEnvelopeCapacity
            self.closeTimeout = closeTimeout
        }
    }

    let connectionURL: @Sendable () async throws -> String
    let configuration: Configuration
    let backoff: BackoffPolicy
    let clock: ErasedClock
    let logger: Logger
    let handler: Handler

    /// Creates a client.
    /// - Parameters:
    ///   - connectionURL: Returns a fresh WebSocket URL; called for every (re)connect because Slack's
    ///     URLs are single-use. A ``SlackAPIError`` with an invalid-token code stops the client.
    ///   - configuration: Size, ping and memory limits.
    ///   - backoff: Delay before reconnecting after failures; ``BackoffPolicy/immediate`` in tests.
    ///   - clock: The clock backoff delays are measured on.
    ///   - logger: Connection and envelope diagnostics; payloads are not logged.
    ///   - handler: Handles each envelope once.
    public init(
        connectionURL: @escaping @Sendable () async throws -> String,
        configuration: Configuration = .init(),
        backoff: BackoffPolicy = .exponential(),
        clock: some Clock<Duration> = ContinuousClock(),
        logger: Logger,
        handler: @escaping Handler
    ) {
        self.connectionURL = connectionURL
        self.configuration = configuration
        self.backoff = backoff
        self.clock = ErasedClock(clock)
        self.logger = logger
        self.handler = handler
    }

    /// Creates a client that opens connections with `apps.connections.open` and the app-level token.
    public init(
        webAPI: SlackWebAPIClient,
        appToken: SlackToken,
        configuration: Configuration = .init(),
        backoff: BackoffPolicy = .exponential(),
        clock: some Clock<Duration> = ContinuousClock(),
        logger: Logger,
        handler: @escaping Handler
    ) {
        self.init(
            connectionURL: { try await webAPI.openSocketModeConnection(appToken: appToken) },
            configuration: configuration, backoff: backoff, clock: clock, logger: logger, handler: handler)
    }

    /// A short name for service-lifecycle logs (the closures inside are not worth printing).
    public var description: String { "SocketModeClient" }

    /// Runs until graceful shutdown (returns) or a fatal ``SocketModeError`` (throws).
    public func run() async throws {
        let (events, sink) = AsyncStream.makeStream(of: ConnectionReport.self)
        let seen = RecentEnvelopeIDs(capacity: configuration.recentEnvelopeCapacity)
        try await withThrowingDiscardingTaskGroup { group in
            var supervisor = Supervisor()
            defer { supervisor.retireAll() }
            guard let first = try await nextURL(afterFailures: 0) else { return }
            supervisor.start(url: first, in: &group, client: self, seen: seen, reports: sink)

            for await report in events.cancelOnGracefulShutdown() {
                switch report {
                case .hello(let id, let hello):
                    supervisor.helloReceived(on: id)
                    configuration.connectionChanged(true)
                    logger.debug("Socket Mode connected", metadata: ["slack.socket.connection": "\(id)", "slack.socket.num_connections": "\(hello.numConnections ?? 0)"])
                case .disconnect(let id, .linkDisabled):
                    logger.error("Slack disabled Socket Mode for this app", metadata: ["slack.socket.connection": "\(id)"])
                    throw SocketModeError.linkDisabled
                case .disconnect(let id, let reason):
                    // Open the replacement first; the old socket keeps serving until the new one says hello.
                    guard supervisor.replacementRequested(by: id) else { continue }
                    logger.debug("Slack asked for a new Socket Mode connection", metadata: ["slack.socket.connection": "\(id)", "slack.socket.reason": "\(reason)"])
                    guard let url = try await nextURL(afterFailures: 0) else { return }
                    supervisor.start(url: url, in: &group, client: self, seen: seen, reports: sink)
                case .ended(let id, let problem):
                    guard supervisor.ended(id) else { continue }
                    configuration.connectionChanged(false)
                    logger.warning("Socket Mode connection dropped; reconnecting", metadata: ["slack.socket.connection": "\(id)", "error": "\(problem ?? "closed")"])
                    guard let url = try await nextURL(afterFailures: supervisor.consecutiveFailures) else { return }
                    supervisor.start(url: url, in: &group, client: self, seen: seen, reports: sink)
                }
            }
        }
    }

    /// Fetches a connection URL, backing off between failures. Returns nil when shutdown interrupts.
    private func nextURL(afterFailures failures: Int) async throws -> String? {
        do {
            return try await cancelWhenGracefulShutdown { [self] in
                var failures = failures
                while true {
                    if failures > 0 { try await clock.sleep(backoff.delay(forAttempt: failures)) }
                    do {
                        return try await connectionURL()
                    } catch let error as SlackAPIError where error.isInvalidToken {
                        throw SocketModeError.invalidToken(code: error.code)
                    } catch let error as SocketModeError {
                        throw error
                    } catch is CancellationError {
                        throw CancellationError()
                    } catch {
                        failures += 1
                        logger.warning("Could not open a Socket Mode connection", metadata: ["error": "\(error)", "slack.socket.attempt": "\(failures)"])
                    }
                }
            }
        } catch is CancellationError where Task.isShuttingDownGracefully {
            return nil
        }
    }
}

/// What a connection tells the supervising loop.
enum ConnectionReport: Sendable {
    case hello(connection: Int, SocketModeHello)
    case disconnect(connection: Int, SocketModeDisconnect.Reason)
    /// The socket closed or failed; `problem` describes a failure.
    case ended(connection: Int, problem: String?)
}
