import GRDB
import Synchronization

/// Holds the suggestion index of the catalog generation it was built from.
final class SuggestionIndexCache: Sendable {
    private let state = Mutex<(generation: Int, index: SuggestionIndex)?>(nil)

    func index(generation: Int, build: () async throws -> SuggestionIndex) async rethrows -> SuggestionIndex {
        if let cached = state.withLock({ $0 }), cached.generation == generation { return cached.index }
        // Built outside the lock: two callers may both build after a change; both results are equal.
        let index = try await build()
        state.withLock { $0 = (generation, index) }
        return index
    }
}

extension CatalogStore {
    /// "Did you mean": up to `limit` entities whose names are closest to `name`.
    public func suggestions(for name: String, limit: Int = 3) async throws -> [EntityRef] {
        let generation = try await generation()
        let index = try await suggestionIndex.index(generation: generation) {
            let refs = try await writer.read { db in
                try String.fetchAll(db, sql: "SELECT ref FROM entity").map { try EntityRef(parsing: $0) }
            }
            return SuggestionIndex(refs: refs)
        }
        return index.suggestions(for: name, limit: limit)
    }
}
