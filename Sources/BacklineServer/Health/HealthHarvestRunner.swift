import Catalog
import Foundation
import Logging
import TechHealth

/// Runs the tech-health harvest for the service: one at a time, and a request that arrives while
/// one runs is remembered once and run right after it (with the newest source directories), so a
/// burst of refreshes costs one more harvest, not one each.
public actor HealthHarvestRunner {
    /// The harvester.
    public nonisolated let harvester: HealthHarvester
    /// Scores each harvest with the scorecards; nil leaves scoring out.
    private let scoring: HealthContext?
    private let now: @Sendable () -> Date
    private let metrics: BacklineMetrics?
    private let logger: Logger
    private var running = false
    private var pending: [String: URL]?
    /// Told after each harvest that was stored and scored (the service evaluates alert rules).
    private var harvested: (@Sendable () async -> Void)?
    /// A harvest finished before anyone asked to be told: told as soon as someone asks.
    private var harvestedUnheard = false

    /// Creates a runner.
    /// - Parameters:
    ///   - scoring: scores each harvest with its scorecards; nil leaves scoring out.
    ///   - metrics: where each harvest's duration and failures are counted.
    public init(
        harvester: HealthHarvester, scoring: HealthContext? = nil, now: @escaping @Sendable () -> Date = { Date() },
        metrics: BacklineMetrics? = nil, logger: Logger
    ) {
        self.harvester = harvester
        self.scoring = scoring
        self.now = now
        self.metrics = metrics
        self.logger = logger
    }

    /// Harvests now, or right after the harvest in progress; returns when this request's harvest
    /// is done (or was folded into the one that follows the running one).
    public func harvest(sourceDirectories: [String: URL]) async {
        guard !running else {
            pending = sourceDirectories
            return
        }
        running = true
        var directories = sourceDirectories
        while true {
            if await runOnce(directories) {
                if let harvested { await harvested() } else { harvestedUnheard = true }
            }
            guard let next = pending else { break }
            pending = nil
            directories = next
        }
        running = false
    }

    /// Calls `action` after every harvest that is stored and scored from now on, before the next
    /// harvest starts, and at once when one finished before this call (the start-up ingest
    /// harvests before the service's parts are all wired).
    public func whenHarvested(_ action: @escaping @Sendable () async -> Void) async {
        harvested = action
        if harvestedUnheard {
            harvestedUnheard = false
            await action()
        }
    }

    /// One harvest, scored; false when the harvest itself failed (the last harvests stay, so
    /// nothing new can be found in them).
    private func runOnce(_ directories: [String: URL]) async -> Bool {
        let started = ContinuousClock.now
        do {
            let report = try await harvester.harvest(sourceDirectories: directories, now: now())
            metrics?.healthHarvested(duration: ContinuousClock.now - started, failed: false)
            logger.info("health harvest done", metadata: [
                "components": "\(report.componentsHarvested)", "unchanged": "\(report.componentsUnchanged)",
                "parsed": "\(report.filesParsed)", "reused": "\(report.filesReused)", "docsChecked": "\(report.docsChecked)",
                "problems": "\(report.problems)", "sourceProblems": "\(report.sourceProblems.count)",
                "seconds": "\(report.duration.seconds)",
            ])
        } catch {
            metrics?.healthHarvested(duration: ContinuousClock.now - started, failed: true)
            logger.error("health harvest failed; the last harvests stay", metadata: ["error": "\(error)"])
            return false
        }
        // Registry answers for what was just harvested (when registries are on), before scoring,
        // so scorecards and the `/health` answers that follow read the cache, not the network.
        if let scoring, let warmed = await scoring.warmRegistryCache() {
            logger.info("registry cache warmed", metadata: ["asked": "\(warmed.asked)", "fresh": "\(warmed.fresh)", "failed": "\(warmed.failed)"])
        }
        do {
            if let scoring { try await scoring.score(catalog: harvester.catalog, now: now()) }
        } catch {
            logger.error("scorecards not evaluated", metadata: ["error": "\(error)"])
        }
        return true
    }
}
