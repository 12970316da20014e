import Synchronization

/// Whether `serve`'s first ingest since start-up has finished. `serve` listens at once and ingests
/// in the background (a large or remote catalog can take minutes); until this says loaded,
/// `/readyz` answers 503 and commands answer that the catalog is still loading, rather than "not
/// found" from a catalog that is half read.
public final class CatalogLoading: Sendable {
    private let loaded: Atomic<Bool>
    private let waiters = Mutex<[CheckedContinuation<Void, Never>]>([])

    /// A loading state; `loaded` when the ingest already ran before serving.
    public init(loaded: Bool) {
        self.loaded = Atomic(loaded)
    }

    /// Whether the first ingest has finished (whatever each source's outcome).
    public var isLoaded: Bool { loaded.load(ordering: .acquiring) }

    /// The first ingest finished: every source was tried once.
    func finish() {
        loaded.store(true, ordering: .releasing)
        for waiter in waiters.withLock({ waiters in defer { waiters = [] }; return waiters }) { waiter.resume() }
    }

    /// Returns once the first ingest has finished.
    public func waitUntilLoaded() async {
        await withCheckedContinuation { continuation in
            let now = waiters.withLock { waiters in
                // Checked under the lock that finish() empties, so a finish cannot slip between.
                if loaded.load(ordering: .acquiring) { return true }
                waiters.append(continuation)
                return false
            }
            if now { continuation.resume() }
        }
    }
}
