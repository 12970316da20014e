/// Any `Clock<Duration>` reduced to the two things Slack's pacing needs: elapsed time and sleeping.
///
/// Erasing here keeps `SlackWebAPIClient` and `SocketModeClient` non-generic while still letting tests
/// inject a manual clock.
struct ErasedClock: Sendable {
    /// Time elapsed since the clock was wrapped.
    let now: @Sendable () -> Duration
    /// Sleeps for a duration measured on the wrapped clock.
    let sleep: @Sendable (Duration) async throws -> Void

    init<C: Clock>(_ clock: C) where C.Duration == Duration {
        let origin = clock.now
        self.now = { origin.duration(to: clock.now) }
        self.sleep = { duration in
            try await clock.sleep(until: clock.now.advanced(by: duration), tolerance: nil)
        }
    }
}
