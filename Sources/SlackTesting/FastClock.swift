/// A clock that runs `factor` times faster than real time: a pacing test whose limits are seconds
/// long runs in a fraction of that, with every party (the code under test and the fake Slack)
/// measuring on this one clock.
///
/// Unlike ``ManualClock`` nobody has to advance it, which suits tests of throughput where many
/// sends overlap; waits are real but short, and nothing is ever waited for without a time limit.
public final class FastClock: Clock, Sendable {
    /// Instants are offsets from the clock's creation, in fast time.
    public typealias Instant = ManualClock.Instant

    private let start = ContinuousClock.now
    /// How many fast seconds pass per real second.
    public let factor: Int

    /// Creates a clock at offset zero running `factor` times faster than real time.
    public init(factor: Int) {
        self.factor = max(1, factor)
    }

    /// Fast time since creation.
    public var now: Instant { Instant(offset: (ContinuousClock.now - start) * factor) }
    /// Real time's resolution, scaled.
    public var minimumResolution: Duration { .nanoseconds(1) * factor }

    /// Sleeps until `deadline` in fast time (the real wait is `factor` times shorter).
    public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        let remaining = now.duration(to: deadline)
        guard remaining > .zero else { return }
        try await Task.sleep(for: remaining / factor)
    }
}
