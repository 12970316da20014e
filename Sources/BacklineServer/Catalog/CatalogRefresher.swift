import Catalog
import Foundation
import Logging
import OnCall

/// Keeps the catalog in step with its sources while the service runs.
///
/// Sources are refreshed one at a time, in the order they are configured: the interval asks for all
/// of them, a push webhook for the one it names. Requests that arrive while a refresh runs are
/// remembered once, so a burst of pushes costs one more refresh, not one per push. A source that
/// fails keeps its last good entities and says why in its status. After every refresh the goalie
/// rotations are read again and handovers are announced; when a refresh changed something, the
/// after-refresh hook (the tech-health harvest) runs last, once per batch of refreshes.
public actor CatalogRefresher {
    /// Runs after refreshes that changed something, given where each source's files are on disk
    /// (by ``CatalogSource/rootIdentity``; kept clones for git sources).
    public typealias AfterChanges = @Sendable (_ directories: [String: URL]) async -> Void

    /// What one refresh of one source ended with, for observers (tests, logs).
    public struct Outcome: Sendable {
        /// The source's status after the refresh.
        public var status: CatalogSourceStatus
        /// What the change feed recorded.
        public var changes: [CatalogChange]
        /// What the ingest found; nil when the source could not be read at all.
        public var report: IngestReport?
    }

    /// The sources, as configured.
    public nonisolated let sources: [CatalogSource]
    private let ingester: CatalogIngester
    private let goalies: GoalieDirectory?
    private let rotationsDirectory: URL?
    private let announcer: HandoverAnnouncer?
    private let now: @Sendable () -> Date
    private let logger: Logger
    private var pending: [CatalogSource] = []
    private var directories: [CatalogSource: URL] = [:]
    private var observers: [@Sendable (Outcome) -> Void] = []
    private let afterChanges: AfterChanges?
    private var commits: [CatalogSource: String] = [:]
    private var changedSinceHook = false
    private let wakeups: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation

    /// Creates a refresher.
    /// - Parameters:
    ///   - sources: the catalog sources, in the order they are refreshed.
    ///   - ingester: reads them (with a clone cache, so git sources are fetched, not cloned).
    ///   - goalies: reloaded from the rotation files after each refresh, when given.
    ///   - rotationsDirectory: the configured rotations folder; nil reads `rotations/` in each source.
    ///   - announcer: tells teams about handovers; nil without a bot token.
    ///   - now: the time stamped on changes and statuses.
    ///   - afterChanges: run after refreshes that changed entities or moved a git source's commit,
    ///     and after the first ``refreshAll()``; never two at once, since refreshes run one at a time.
    public init(
        sources: [CatalogSource], ingester: CatalogIngester, goalies: GoalieDirectory?, rotationsDirectory: URL?,
        announcer: HandoverAnnouncer?, now: @escaping @Sendable () -> Date = { Date() }, logger: Logger,
        afterChanges: AfterChanges? = nil
    ) {
        self.afterChanges = afterChanges
        self.sources = sources
        self.ingester = ingester
        self.goalies = goalies
        self.rotationsDirectory = rotationsDirectory
        self.announcer = announcer
        self.now = now
        self.logger = logger
        (wakeups, wake) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// Calls `observer` after every refresh of a source.
    public func observe(_ observer: @escaping @Sendable (Outcome) -> Void) {
        observers.append(observer)
    }

    /// Asks for a refresh of `sources` (every source when nil) as soon as the running one ends.
    public func request(_ sources: [CatalogSource]? = nil) {
        for source in sources ?? self.sources where !pending.contains(source) { pending.append(source) }
        wake.yield()
    }

    /// The configured git sources a push to `branch` of a repository known by `urls` concerns.
    /// - Parameters:
    ///   - urls: the addresses the webhook gives for the repository (clone, SSH, web).
    ///   - branch: the pushed branch (`main`), nil for a tag or other ref.
    ///   - defaultBranch: the repository's default branch, for sources that name no branch.
    public nonisolated func sources(forPushTo urls: [String], branch: String?, defaultBranch: String?) -> [CatalogSource] {
        guard let branch else { return [] }
        let keys = Set(urls.map(RepositoryAddress.key))
        return sources.filter { source in
            guard case .git(let repository, let reference) = source, keys.contains(RepositoryAddress.key(repository)) else { return false }
            return (reference ?? defaultBranch) == branch
        }
    }

    /// Refreshes requested sources, one at a time, until ``finish()`` (``CatalogRefreshService``
    /// runs this for `serve`).
    public func run() async {
        for await _ in wakeups {
            await refreshPending()
        }
    }

    /// Stops ``run()`` after the refresh in progress.
    public nonisolated func finish() { wake.finish() }

    /// Refreshes every source now, in order (the start-up ingest of `serve`).
    public func refreshAll() async -> [Outcome] {
        var outcomes: [Outcome] = []
        for source in sources { outcomes.append(await refresh(source)) }
        await afterRefresh()
        return outcomes
    }

    private func refreshPending() async {
        var refreshed = false
        while !pending.isEmpty, !Task.isCancelled {
            let source = pending.removeFirst()
            _ = await refresh(source)
            refreshed = true
        }
        if refreshed { await afterRefresh() }
    }

    private func refresh(_ source: CatalogSource) async -> Outcome {
        let started = now()
        let clock = ContinuousClock.now
        let outcome: Outcome
        do {
            let refresh = try await ingester.refresh(source, at: started)
            directories[source] = refresh.directory
            // A new commit may change manifests the catalog files do not mention.
            if !(refresh.report.added.isEmpty && refresh.report.updated.isEmpty && refresh.report.removed.isEmpty) || commits[source] != refresh.commit {
                changedSinceHook = true
            }
            commits[source] = refresh.commit
            let errors = refresh.report.problems.filter { $0.severity == .error }
            let status = CatalogSourceStatus(
                source: source.description, lastAttemptAt: started, lastSuccessAt: started, commit: refresh.commit,
                durationSeconds: refresh.duration.seconds, entityCount: refresh.entityCount, problems: errors.map(\.description),
                problemCount: errors.count, failure: nil)
            outcome = Outcome(status: status, changes: refresh.changes, report: refresh.report)
            logger.info("catalog source refreshed", metadata: [
                "source": "\(source)", "commit": "\(refresh.commit ?? "-")", "parsed": "\(refresh.report.filesParsed)",
                "changes": "\(refresh.changes.count)", "errors": "\(errors.count)", "seconds": "\(refresh.duration.seconds)",
            ])
            for problem in errors.prefix(5) { logger.warning("catalog problem: \(problem)") }
        } catch {
            let entities = (try? await ingester.store.entityCount(underRoot: source.rootIdentity)) ?? 0
            let status = CatalogSourceStatus(
                source: source.description, lastAttemptAt: started, lastSuccessAt: nil, commit: nil,
                durationSeconds: (ContinuousClock.now - clock).seconds, entityCount: entities, problems: [], problemCount: 0,
                failure: "\(error)")
            outcome = Outcome(status: status, changes: [], report: nil)
            logger.error("catalog source not refreshed; its last good entities stay", metadata: ["source": "\(source)", "error": "\(error)"])
        }
        do {
            try await ingester.store.recordStatus(outcome.status)
        } catch {
            logger.error("catalog source status not recorded", metadata: ["source": "\(source)", "error": "\(error)"])
        }
        for observer in observers { observer(outcome) }
        return outcome
    }

    /// Goalie rotations live in files beside the catalog: read them again, then tell teams about
    /// handovers.
    private func afterRefresh() async {
        if let goalies {
            let folders = rotationsDirectory.map { [$0] } ?? sources.compactMap { directories[$0]?.appendingPathComponent("rotations") }
            var rotations: [Rotation] = []
            for folder in folders where FileManager.default.fileExists(atPath: folder.path) {
                let loaded = RotationFile.loadDirectory(folder)
                rotations += loaded.rotations
                for error in loaded.errors { logger.error("rotation file not loaded: \(error)") }
            }
            // A source that could not be read leaves its rotations as they were.
            if !rotations.isEmpty || goalies.rotations.isEmpty { goalies.replaceRotations(rotations) }
        }
        await announcer?.announcePending()
        if let afterChanges, changedSinceHook || !hookRan {
            changedSinceHook = false
            hookRan = true
            var byIdentity: [String: URL] = [:]
            for (source, directory) in directories { byIdentity[source.rootIdentity] = directory }
            await afterChanges(byIdentity)
        }
    }

    private var hookRan = false
}
