import Foundation
import TechHealth

/// Where the tech-health files are and how sources are harvested (`health:` in `backline.yaml`).
public struct HealthSettings: Sendable {
    /// Release data, offline (`config/health/releases.yaml`).
    public var releases: URL
    /// End-of-life data (`config/health/eol.yaml`).
    public var eol: URL
    /// The organisation's policy (`config/health/policy.yaml`).
    public var policy: URL
    /// The scorecard definitions (`config/scorecards/`).
    public var scorecards: URL
    /// Whether `serve` clones the git repositories `backstage.io/source-location` names (it reaches
    /// the network). `ask` and `health harvest` never do.
    public var cloneSourceLocations = true
    /// Docs are stale when more than this many code commits landed after they last changed.
    public var docsMaxCodeCommits = DocsFreshnessPolicy.standard.maxCodeCommits
    /// Docs are stale when the code's newest change is this many days newer than theirs.
    public var docsMaxCodeDays = DocsFreshnessPolicy.standard.maxCodeDays
    /// Online release data (`health.registries`): off by default, so the offline file is the
    /// only source and nothing reaches the network.
    public var registries = RegistrySettings()

    /// The files bundled under the install's home.
    public init(paths: BacklinePaths = .discover()) {
        releases = paths.home.appendingPathComponent("config/health/releases.yaml")
        eol = paths.home.appendingPathComponent("config/health/eol.yaml")
        policy = paths.home.appendingPathComponent("config/health/policy.yaml")
        scorecards = paths.home.appendingPathComponent("config/scorecards")
    }

    /// The docs staleness rule these settings describe.
    public var docsPolicy: DocsFreshnessPolicy {
        DocsFreshnessPolicy(maxCodeCommits: docsMaxCodeCommits, maxCodeDays: docsMaxCodeDays)
    }
}
