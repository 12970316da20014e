import Synchronization

/// A one-shot hand-over of a value between a job and whoever waits for it with a deadline.
///
/// Either the waiter receives the value in time, or the waiter gives up first and the job learns,
/// when it delivers, that nobody took it, and must deliver it another way (`response_url`). The
/// state machine makes that decision exactly once, whatever the interleaving.
final class ReplySlot<Value: Sendable>: Sendable {
    private enum State {
        case idle
        case waiting(CheckedContinuation<Value?, Never>)
        case delivered(Value)
        case taken
        case abandoned
    }

    private let state = Mutex(State.idle)

    /// Hands `value` to the waiter. Returns false when the waiter already gave up.
    func deliver(_ value: Value) -> Bool {
        let (accepted, continuation): (Bool, CheckedContinuation<Value?, Never>?) = state.withLock { state in
            switch state {
            case .idle:
                state = .delivered(value)
                return (true, nil)
            case .waiting(let continuation):
                state = .taken
                return (true, continuation)
            case .abandoned:
                return (false, nil)
            case .delivered, .taken:
                preconditionFailure("a reply slot is delivered once")
            }
        }
        continuation?.resume(returning: value)
        return accepted
    }

    /// Waits for the value until `deadline` on `clock`; nil when it did not arrive in time (the
    /// slot is then abandoned and the job delivers elsewhere).
    func value<C: Clock>(before deadline: C.Instant, on clock: C) async -> Value? where C.Duration == Duration {
        await withTaskGroup(of: Value?.self) { group in
            group.addTask { await self.wait() }
            group.addTask {
                try? await clock.sleep(until: deadline, tolerance: nil)
                return self.abandon()
            }
            // The first task to finish ends the wait; the state machine hands the value to exactly
            // one of the two tasks, so both results are read before deciding.
            var value: Value?
            for await result in group {
                group.cancelAll()
                if let result { value = result }
            }
            return value
        }
    }

    private func wait() async -> Value? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Value?, Never>) in
                let immediate: Value?? = state.withLock { state in
                    switch state {
                    case .idle:
                        state = .waiting(continuation)
                        return nil
                    case .delivered(let value):
                        state = .taken
                        return .some(value)
                    case .abandoned, .taken, .waiting:
                        return .some(nil)
                    }
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            _ = abandon()
        }
    }

    /// Gives up waiting. Returns the value when it had already arrived (it was not missed).
    private func abandon() -> Value? {
        let (value, continuation): (Value?, CheckedContinuation<Value?, Never>?) = state.withLock { state in
            switch state {
            case .idle:
                state = .abandoned
                return (nil, nil)
            case .waiting(let continuation):
                state = .abandoned
                return (nil, continuation)
            case .delivered(let value):
                state = .taken
                return (value, nil)
            case .taken, .abandoned:
                return (nil, nil)
            }
        }
        continuation?.resume(returning: nil)
        return value
    }
}
