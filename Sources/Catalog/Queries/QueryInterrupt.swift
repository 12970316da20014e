import GRDB
import GRDBSQLite
import Synchronization

/// A time limit that SQLite itself enforces on one query.
///
/// `sqlite3_interrupt` only stops statements that are running when it is called: one that lands
/// between GRDB's cancellation check and SQLite's first step is lost, and the query then runs
/// without any limit. Instead, a progress handler installed for the query asks this flag every
/// thousand virtual-machine steps, so an expiry that happens before the first step stops the
/// query as surely as one that happens during it.
final class QueryInterrupt: Sendable {
    private let expired = Atomic(false)

    /// Marks the limit as passed; the query stops at its next check.
    func expire() {
        expired.store(true, ordering: .releasing)
    }

    /// Whether ``expire()`` was called.
    var hasExpired: Bool { expired.load(ordering: .acquiring) }

    /// Runs `body` on `db` with the progress handler installed, and removes it afterwards (the
    /// connection goes back to the pool and serves other reads).
    func enforce<T>(on db: Database, _ body: () throws -> T) rethrows -> T {
        let connection = db.sqliteConnection
        let context = Unmanaged.passUnretained(self).toOpaque()
        sqlite3_progress_handler(connection, 1000, { context in
            guard let context else { return 0 }
            return Unmanaged<QueryInterrupt>.fromOpaque(context).takeUnretainedValue().hasExpired ? 1 : 0
        }, context)
        defer { sqlite3_progress_handler(connection, 0, nil, nil) }
        // `self` outlives the handler: the caller holds it for the whole call.
        return try withExtendedLifetime(self) { try body() }
    }
}
