import Synchronization

/// Wakes a sleeping loop: ringing while nobody waits is remembered, so a ring is never lost between
/// a loop deciding to sleep and starting to.
///
/// The outbox rings it on every enqueue in this process (the delivery worker then sends at once);
/// the worker's own send tasks ring it when they finish. Other processes are seen by polling.
public final class Doorbell: Sendable {
    private struct State {
        var rung = false
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
        var nextID = 0
    }

    private let state = Mutex(State())

    /// Creates a silent doorbell.
    public init() {}

    /// Wakes every waiter, or the next one to wait.
    public func ring() {
        let waiters = state.withLock { state in
            let waiters = Array(state.waiters.values)
            state.waiters.removeAll()
            if waiters.isEmpty { state.rung = true }
            return waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns at the next ring (at once if it rang since the last wait), or when the task is cancelled.
    public func wait() async {
        let id = state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if state.rung {
                        state.rung = false
                        return true
                    }
                    if Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }

    /// Returns at the next ring or at `deadline` on `clock`, whichever comes first.
    public func wait<C: Clock>(until deadline: C.Instant, clock: C) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.wait() }
            group.addTask { try? await clock.sleep(until: deadline, tolerance: nil) }
            await group.next()
            group.cancelAll()
        }
    }
}
