/// Everything read from one or more manifest files: packages, runtime pins and the files that did
/// not parse.
public struct ManifestHarvest: Sendable, Hashable, Codable {
    /// Packages declared or locked.
    public var dependencies: [HarvestedDependency]
    /// Runtimes and base images pinned.
    public var runtimes: [RuntimePin]
    /// Files that could not be read as their format defines them.
    public var problems: [ManifestProblem]

    /// Creates a harvest.
    public init(
        dependencies: [HarvestedDependency] = [], runtimes: [RuntimePin] = [], problems: [ManifestProblem] = []
    ) {
        self.dependencies = dependencies
        self.runtimes = runtimes
        self.problems = problems
    }

    /// Adds another harvest's facts to this one.
    public mutating func append(_ other: ManifestHarvest) {
        dependencies += other.dependencies
        runtimes += other.runtimes
        problems += other.problems
    }
}
