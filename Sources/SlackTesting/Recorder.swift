import Synchronization

/// Thrown when an awaited recording does not show up in time.
public struct RecorderTimeoutError: Error, CustomStringConvertible {
    /// What was awaited.
    public var waitingFor: String
    /// What had been recorded when the wait gave up.
    public var recorded: String

    /// A one-line explanation, safe to log.
    public var description: String { "timed out waiting for \(waitingFor); recorded so far: \(recorded)" }
}

/// An append-only log that tests await instead of sleeping: every fake records what it sees here,
/// and a test suspends until the log satisfies a condition or a timeout passes.
public final class Recorder<Element: Sendable>: Sendable {
    private struct Waiter {
        /// Evaluates the condition and, when it holds, resumes the waiting task; returns whether it did.
        let resumeIfSatisfied: @Sendable ([Element]) -> Bool
        let cancel: @Sendable () -> Void
    }

    private struct State {
        var elements: [Element] = []
        var waiters: [Int: Waiter] = [:]
        var nextWaiterID = 0
    }

    private let state = Mutex(State())

    /// Creates an empty recorder.
    public init() {}

    /// Appends an element and wakes every waiter whose condition now holds.
    public func record(_ element: Element) {
        state.withLock { state in
            state.elements.append(element)
            let elements = state.elements
            state.waiters = state.waiters.filter { !$0.value.resumeIfSatisfied(elements) }
        }
    }

    /// Everything recorded so far.
    public var elements: [Element] { state.withLock { $0.elements } }

    /// Waits until `condition` returns a value for the recorded elements, and returns that value.
    /// - Parameters:
    ///   - description: Names the wait in the timeout error.
    ///   - timeout: A safety net against hangs; tests never rely on it elapsing.
    ///   - condition: Inspects all elements recorded so far; nil means "keep waiting".
    public func wait<T: Sendable>(
        for description: String = "a recording", timeout: Duration = .seconds(10),
        until condition: @escaping @Sendable ([Element]) -> T?
    ) async throws -> T {
        try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask { try await self.suspend(until: condition) }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw RecorderTimeoutError(waitingFor: description, recorded: "\(self.elements)")
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
    }

    /// Waits for the first element matching `predicate`, recorded before or after the call.
    public func first(
        _ description: String = "a matching recording", timeout: Duration = .seconds(10),
        where predicate: @escaping @Sendable (Element) -> Bool = { _ in true }
    ) async throws -> Element {
        try await wait(for: description, timeout: timeout) { $0.first(where: predicate) }
    }

    /// Waits until at least `count` elements match `predicate` and returns all the matches.
    public func matches(
        count: Int, _ description: String = "matching recordings", timeout: Duration = .seconds(10),
        where predicate: @escaping @Sendable (Element) -> Bool
    ) async throws -> [Element] {
        try await wait(for: "\(count) × \(description)", timeout: timeout) { elements in
            let matching = elements.filter(predicate)
            return matching.count >= count ? matching : nil
        }
    }

    private func suspend<T: Sendable>(until condition: @escaping @Sendable ([Element]) -> T?) async throws -> T {
        let id = state.withLock { state in
            defer { state.nextWaiterID += 1 }
            return state.nextWaiterID
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
                let waiter = Waiter(
                    resumeIfSatisfied: { elements in
                        guard let value = condition(elements) else { return false }
                        continuation.resume(returning: value)
                        return true
                    },
                    cancel: { continuation.resume(throwing: CancellationError()) })
                state.withLock { state in
                    if Task.isCancelled {
                        waiter.cancel()
                    } else if !waiter.resumeIfSatisfied(state.elements) {
                        state.waiters[id] = waiter
                    }
                }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.cancel()
        }
    }
}
