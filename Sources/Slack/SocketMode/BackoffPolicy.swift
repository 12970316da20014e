/// How long to wait before the next reconnection attempt after `attempt` consecutive failures.
public struct BackoffPolicy: Sendable {
    private let delayForAttempt: @Sendable (Int) -> Duration

    /// Creates a policy from a function of the attempt number (1 for the first retry).
    public init(delay: @escaping @Sendable (_ attempt: Int) -> Duration) {
        self.delayForAttempt = delay
    }

    /// The wait before retry number `attempt` (1-based).
    public func delay(forAttempt attempt: Int) -> Duration {
        max(.zero, delayForAttempt(max(1, attempt)))
    }

    /// Exponential backoff with jitter: `initial × multiplier^(attempt-1)`, capped at `maximum`, then
    /// shortened by a random fraction up to `jitter` so that many bots dropped at once do not
    /// reconnect in lockstep.
    /// - Parameters:
    ///   - initial: The first delay.
    ///   - multiplier: Growth per attempt.
    ///   - maximum: The cap.
    ///   - jitter: The largest fraction (0...1) removed at random.
    public static func exponential(
        initial: Duration = .seconds(1), multiplier: Double = 2, maximum: Duration = .seconds(60), jitter: Double = 0.5
    ) -> BackoffPolicy {
        let jitter = min(1, max(0, jitter))
        return BackoffPolicy { attempt in
            var base = initial
            for _ in 1..<min(attempt, 32) where base < maximum { base = base * multiplier }
            base = min(base, maximum)
            return base * (1 - jitter * Double.random(in: 0..<1))
        }
    }

    /// No waiting at all; for tests driving reconnects against a local fake.
    public static var immediate: BackoffPolicy {
        BackoffPolicy { _ in .zero }
    }
}
