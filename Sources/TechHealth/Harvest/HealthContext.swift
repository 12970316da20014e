import Catalog
import Foundation

/// What the `/health` commands need, built once by the composition root: the harvests and the
/// measurer loaded from the configured health files. A small Sendable value, so chat handlers use
/// it without knowing about the server.
public struct HealthContext: Sendable {
    /// Harvests, the manifest cache and scorecard results.
    public let store: TechHealthStore
    /// Release data, end-of-life data and the policy, ready to measure harvests.
    public let measurer: HealthMeasurer
    /// The folder holding the scorecard definitions (`config/scorecards/`).
    public let scorecardsDirectory: URL
    /// When docs count as stale.
    public let docsPolicy: DocsFreshnessPolicy

    /// Creates a context from loaded parts.
    public init(store: TechHealthStore, measurer: HealthMeasurer, scorecardsDirectory: URL, docsPolicy: DocsFreshnessPolicy = .standard) {
        self.store = store
        self.measurer = measurer
        self.scorecardsDirectory = scorecardsDirectory
        self.docsPolicy = docsPolicy
    }

    /// Loads the release, end-of-life and policy files. A file that does not exist is empty data
    /// (an installation may keep no policy); a file that exists but is invalid throws, saying
    /// where, because measuring against half a policy would mislead.
    public static func load(
        store: TechHealthStore, releases: URL, eol: URL, policy: URL, scorecards: URL, docsPolicy: DocsFreshnessPolicy = .standard
    ) throws(HealthDataError) -> HealthContext {
        func exists(_ url: URL) -> Bool { FileManager.default.fileExists(atPath: url.path) }
        let releaseCatalog = try exists(releases) ? ReleaseCatalog(contentsOf: releases) : .empty
        let eolCatalog = try exists(eol) ? EOLCatalog(contentsOf: eol) : .empty
        let rules = try exists(policy) ? Policy(contentsOf: policy) : .empty
        return HealthContext(
            store: store, measurer: HealthMeasurer(releases: releaseCatalog, eol: eolCatalog, policy: rules),
            scorecardsDirectory: scorecards, docsPolicy: docsPolicy)
    }

    /// Scores every harvested component with the scorecards in ``scorecardsDirectory`` and keeps
    /// the day's results. A folder that does not exist has no scorecards; a scorecard file that
    /// does not load throws, naming file and line.
    @discardableResult
    public func score(catalog: CatalogStore, now: Date) async throws -> Int {
        guard FileManager.default.fileExists(atPath: scorecardsDirectory.path) else { return 0 }
        let scorecards = try Scorecard.load(directory: scorecardsDirectory)
        return try await ScorecardRun.run(catalog: catalog, store: store, measurer: measurer, scorecards: scorecards, now: now)
    }
}
