import Synchronization

/// The delivery worker's pace, on its clock: a workspace-wide rate (Slack publishes none for
/// `chat.postMessage`, so it is configured), a minimum spacing per channel, and the pauses Slack
/// asks for with 429 `Retry-After`.
///
/// Reservations happen when a message is claimed, before its send starts, so concurrent sends
/// never share a slot.
final class DeliveryPacing<C: Clock>: Sendable where C.Duration == Duration {
    private struct State {
        /// When the next workspace-wide slot opens (the generic cell rate algorithm's arrival time).
        var workspaceNext: C.Instant
        /// Per channel: the earliest next send.
        var channelNext: [String: C.Instant] = [:]
        /// Channels with a send in progress in this process.
        var busy: Set<String> = []
        /// A 429 without a channel of its own (or a platform-wide one): nothing goes before this.
        var blockedUntil: C.Instant
    }

    let clock: C
    /// Time between two sends anywhere in the workspace.
    let workspaceInterval: Duration
    /// Time between two sends to one channel.
    let channelSpacing: Duration
    private let state: Mutex<State>

    init(clock: C, postsPerMinute: Int, channelSpacing: Duration) {
        self.clock = clock
        workspaceInterval = .seconds(60) / max(1, postsPerMinute)
        self.channelSpacing = channelSpacing
        let now = clock.now
        state = Mutex(State(workspaceNext: now, blockedUntil: now))
    }

    /// Whether a send could start now somewhere; else the instant it could.
    func workspaceReady() -> (ready: Bool, at: C.Instant) {
        state.withLock { state in
            let at = max(state.workspaceNext, state.blockedUntil)
            return (at <= clock.now, at)
        }
    }

    /// Whether `channel` may be sent to now (not busy, spacing kept, not told to wait); else when.
    func channelReady(_ channel: String) -> (ready: Bool, at: C.Instant?) {
        state.withLock { state in
            if state.busy.contains(channel) { return (false, nil) }
            let at = state.channelNext[channel] ?? clock.now
            return (at <= clock.now, at)
        }
    }

    /// The soonest instant after now at which a spaced (not busy) channel opens, if any.
    func nextChannelOpening() -> C.Instant? {
        state.withLock { state in
            let now = clock.now
            return state.channelNext.filter { $0.value > now && !state.busy.contains($0.key) }.values.min()
        }
    }

    /// Takes the workspace slot and marks `channel` busy; false when either is not free now.
    func reserve(_ channel: String) -> Bool {
        state.withLock { state in
            let now = clock.now
            guard max(state.workspaceNext, state.blockedUntil) <= now, !state.busy.contains(channel),
                (state.channelNext[channel] ?? now) <= now
            else { return false }
            // A slot taken late (the loop woke late, the database was slow) does not push every later
            // slot back: up to half an interval of lateness is made up, so the long-run rate stays
            // the configured one and two posts are never closer than half an interval.
            let earliest = now.advanced(by: .zero - workspaceInterval / 2)
            state.workspaceNext = max(state.workspaceNext, earliest).advanced(by: workspaceInterval)
            state.busy.insert(channel)
            state.channelNext[channel] = now.advanced(by: channelSpacing)
            return true
        }
    }

    /// Gives back a slot reserved but not used (the claim lost a race, or a history lookup found
    /// the message already delivered).
    func unreserve(_ channel: String, slotUnused: Bool) {
        state.withLock { state in
            state.busy.remove(channel)
            if slotUnused {
                state.workspaceNext = state.workspaceNext.advanced(by: .zero - workspaceInterval)
                state.channelNext[channel] = nil
            }
        }
    }

    /// The send to `channel` is over: spacing counts from now, since Slack counts arrivals.
    func finished(_ channel: String) {
        state.withLock { state in
            state.busy.remove(channel)
            let now = clock.now
            state.channelNext[channel] = max(state.channelNext[channel] ?? now, now.advanced(by: channelSpacing))
            // Forget idle channels so the table stays small over months of running.
            if state.channelNext.count > 10_000 { state.channelNext = state.channelNext.filter { $0.value > now } }
        }
    }

    /// Slack answered 429 for `channel`: that channel waits `retryAfter`; so does every post, as
    /// Slack documents 429s per method and workspace.
    func rateLimited(_ channel: String, retryAfter: Duration) {
        state.withLock { state in
            let until = clock.now.advanced(by: retryAfter)
            state.channelNext[channel] = max(state.channelNext[channel] ?? until, until)
            state.blockedUntil = max(state.blockedUntil, until)
        }
    }
}
