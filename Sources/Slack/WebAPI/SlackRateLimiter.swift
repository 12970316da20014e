/// Paces Web API calls per key (a method, or a method and channel) with the generic cell rate
/// algorithm: each key remembers when its next call is "due", and a call arriving early waits.
///
/// The limiter only computes waits; callers sleep on the injected clock. Reserving a slot before
/// sleeping makes concurrent callers queue fairly instead of all waking at once.
actor SlackRateLimiter {
    private struct KeyState {
        /// The theoretical arrival time of the next call, on the limiter's clock.
        var due: Duration = .zero
        /// Slack said 429: nothing goes before this instant.
        var blockedUntil: Duration = .zero
    }

    private let now: @Sendable () -> Duration
    private var keys: [String: KeyState] = [:]

    init(now: @escaping @Sendable () -> Duration) {
        self.now = now
    }

    /// Reserves one call on every key and returns how long the caller must wait before making it.
    func reserve(_ requests: [(key: String, limit: SlackRateLimit?)]) -> Duration {
        let current = now()
        var wait = Duration.zero
        for (key, limit) in requests {
            var state = keys[key, default: KeyState()]
            var allowedAt = state.blockedUntil
            if let limit {
                let tolerance = limit.emissionInterval * (limit.burst - 1)
                let due = max(state.due, current)
                allowedAt = max(allowedAt, due - tolerance)
                state.due = max(due, allowedAt) + limit.emissionInterval
            }
            keys[key] = state
            wait = max(wait, allowedAt - current)
        }
        return max(.zero, wait)
    }

    /// Records a 429: calls on `key` wait until `retryAfter` from now.
    func block(_ key: String, for retryAfter: Duration) {
        let until = now() + retryAfter
        keys[key, default: KeyState()].blockedUntil = max(keys[key]?.blockedUntil ?? .zero, until)
    }
}
