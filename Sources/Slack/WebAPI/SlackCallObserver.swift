/// What a ``SlackWebAPIClient`` tells its owner about each call, for metrics: the method, how it
/// ended and how long it took or waited. Never a token, an argument or a body.
public struct SlackCallObserver: Sendable {
    /// A call ended: `result` is `ok`, Slack's error code (`channel_not_found`), `ratelimited`,
    /// `http_error` (a non-Slack answer) or `network_error`.
    public var finished: @Sendable (_ method: String, _ result: String, _ duration: Duration) -> Void
    /// Slack answered 429; the call waits `retryAfter` before trying again.
    public var rateLimited: @Sendable (_ method: String, _ retryAfter: Duration) -> Void
    /// The client held a call back `wait` to stay within its own pacing.
    public var paced: @Sendable (_ method: String, _ wait: Duration) -> Void

    /// An observer made of these closures.
    public init(
        finished: @escaping @Sendable (String, String, Duration) -> Void,
        rateLimited: @escaping @Sendable (String, Duration) -> Void = { _, _ in },
        paced: @escaping @Sendable (String, Duration) -> Void = { _, _ in }
    ) {
        self.finished = finished
        self.rateLimited = rateLimited
        self.paced = paced
    }

    /// Ignores everything.
    public static let none = SlackCallObserver(finished: { _, _, _ in })
}
