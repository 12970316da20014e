import Synchronization

/// The last few thousand envelope IDs, so a redelivered envelope is acknowledged but not handled twice.
/// Bounded: the oldest ID is forgotten when the set is full.
final class RecentEnvelopeIDs: Sendable {
    private struct State {
        var members: Set<String> = []
        var order: [String] = []
        var head = 0
    }

    private let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Records `id`; returns false when it was already recorded.
    func insert(_ id: String) -> Bool {
        state.withLock { state in
            guard state.members.insert(id).inserted else { return false }
            if state.order.count < capacity {
                state.order.append(id)
            } else {
                // A ring buffer keeps eviction O(1) without shifting the array.
                state.members.remove(state.order[state.head])
                state.order[state.head] = id
                state.head = (state.head + 1) % capacity
            }
            return true
        }
    }
}
