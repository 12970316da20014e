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
    /// The registry-backed release source when registries are enabled (the measurer reads
    /// through it); nil when the offline file is the only source. Warmed after each harvest.
    public let registries: RegistryReleaseSource?

    /// Creates a context from loaded parts.
    public init(
        store: TechHealthStore, measurer: HealthMeasurer, scorecardsDirectory: URL, docsPolicy: DocsFreshnessPolicy = .standard,
        registries: RegistryReleaseSource? = nil
    ) {
        self.store = store
        self.measurer = measurer
        self.scorecardsDirectory = scorecardsDirectory
        self.docsPolicy = docsPolicy
        self.registries = registries
    }

    /// Loads the release, end-of-life and policy files. A file that does not exist is empty data
    /// (an installation may keep no policy); a file that exists but is invalid throws, saying
    /// where, because measuring against half a policy would mislead.
    ///
    /// With `registries` enabled, release data comes from the offline file and the registries
    /// together (see ``RegistryReleaseSource``), cached in `store`.
    public static func load(
        store: TechHealthStore, releases: URL, eol: URL, policy: URL, scorecards: URL, docsPolicy: DocsFreshnessPolicy = .standard,
        registries: (settings: RegistrySettings, transport: any RegistryTransport)? = nil
    ) throws(HealthDataError) -> HealthContext {
        func exists(_ url: URL) -> Bool { FileManager.default.fileExists(atPath: url.path) }
        let releaseCatalog = try exists(releases) ? ReleaseCatalog(contentsOf: releases) : .empty
        let eolCatalog = try exists(eol) ? EOLCatalog(contentsOf: eol) : .empty
        let rules = try exists(policy) ? Policy(contentsOf: policy) : .empty
        var online: RegistryReleaseSource?
        if let registries, registries.settings.enabled {
            online = RegistryReleaseSource(offline: releaseCatalog, settings: registries.settings, transport: registries.transport, store: store)
        }
        return HealthContext(
            store: store, measurer: HealthMeasurer(releases: online ?? releaseCatalog, eol: eolCatalog, policy: rules),
            scorecardsDirectory: scorecards, docsPolicy: docsPolicy, registries: online)
    }

    /// Brings the registry cache up to date for every harvested package (nothing when registries
    /// are off), so the answers and scorecards that follow read SQLite only.
    @discardableResult
    public func warmRegistryCache() async -> RegistryReleaseSource.WarmUpReport? {
        guard let registries, let packages = try? await store.harvestedPackages() else { return nil }
        return await registries.warmUp(packages)
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
