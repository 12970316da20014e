import Foundation

/// How a ``HealthHarvester`` reads components' sources.
public struct HarvestSettings: Sendable {
    /// Whether `backstage.io/source-location` git URLs are cloned. It reaches the network, so it is
    /// off by default (and in tests) and on in `serve`.
    public var cloneSourceLocations: Bool
    /// Where source-location clones are kept between harvests; nil turns cloning off as well.
    public var cloneCache: URL?
    /// How long one git command (clone, fetch, checkout) may take.
    public var gitTimeout: Duration
    /// The git executable and any leading arguments (tests may stand in a counting wrapper).
    public var gitCommand: [String]
    /// Bounds on what one component's manifests may cost.
    public var limits: ManifestLimits
    /// Measures docs freshness.
    public var docs: DocsFreshnessChecker
    /// How many components are harvested at once; by default one per core.
    public var concurrency: Int

    /// Creates settings; the defaults never reach the network.
    public init(
        cloneSourceLocations: Bool = false, cloneCache: URL? = nil, gitTimeout: Duration = .seconds(120), gitCommand: [String] = ["git"],
        limits: ManifestLimits = .standard, docs: DocsFreshnessChecker = DocsFreshnessChecker(),
        concurrency: Int = ProcessInfo.processInfo.activeProcessorCount
    ) {
        self.cloneSourceLocations = cloneSourceLocations
        self.cloneCache = cloneCache
        self.gitTimeout = gitTimeout
        self.gitCommand = gitCommand
        self.limits = limits
        self.docs = docs
        self.concurrency = max(1, concurrency)
    }
}
