import Catalog
import ChatOps
import Foundation
import Scaffolder
import Synchronization

/// The services a team started from golden-path templates in a period, for its weekly digest: the
/// template runs the scaffolder kept that ended `ok` within the period and whose `owner` parameter
/// is the team, named by their `name` parameter (the parameters Backstage's templates and the
/// bundled ones use). Dry runs are never kept, so they never count.
///
/// Composing every team's digest asks once per team; the recent runs are read once and reused for
/// ``reuseSeconds``, so 500 teams cost one query, not 500.
final class ServicesBornFromTemplates: Sendable {
    /// How many of the newest runs are read: far more than an organisation starts in a week.
    static let recentRuns = 1000
    /// How long one read of the runs serves.
    static let reuseSeconds: TimeInterval = 60

    private struct Snapshot {
        var readAt: Date
        var runs: [(finishedAt: Date, owner: EntityRef, name: String)]
    }

    let store: ScaffolderStore
    let now: @Sendable () -> Date
    private let snapshot = Mutex<Snapshot?>(nil)

    init(store: ScaffolderStore, now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.now = now
    }

    /// The names of `team`'s services born within `period`, oldest first.
    func names(team: EntityRef, period: DateInterval) async throws -> [String] {
        try await recent().filter { $0.owner == team && period.contains($0.finishedAt) }.sorted { $0.finishedAt < $1.finishedAt }.map(\.name)
    }

    /// The digest composer's hook.
    var hook: DigestComposer.NewServices { { team, period in try await self.names(team: team, period: period) } }

    private func recent() async throws -> [(finishedAt: Date, owner: EntityRef, name: String)] {
        let time = now()
        if let kept = snapshot.withLock({ $0 }), abs(time.timeIntervalSince(kept.readAt)) < Self.reuseSeconds { return kept.runs }
        let runs = try await store.runs(limit: Self.recentRuns).compactMap { run -> (finishedAt: Date, owner: EntityRef, name: String)? in
            guard run.status == RunStatus.ok.rawValue, let owner = run.parameters["owner"]?.stringValue,
                let ref = try? EntityRef(parsing: owner, defaultKind: "group"), let name = run.parameters["name"]?.stringValue, !name.isEmpty
            else { return nil }
            return (run.finishedAt, ref, name)
        }
        snapshot.withLock { $0 = Snapshot(readAt: time, runs: runs) }
        return runs
    }
}
