/// When docs count as stale: how far the component's code may move on after the docs last changed.
///
/// Both limits are about the code moving, never about the calendar alone: docs nobody touched for
/// a year describe a component nobody touched for a year just as well as they did.
public struct DocsFreshnessPolicy: Sendable, Hashable, Codable {
    /// Stale when more than this many code commits landed after the docs last changed.
    public var maxCodeCommits: Int
    /// Stale when the newest code change is more than this many days newer than the newest docs
    /// change.
    public var maxCodeDays: Int
    /// File names (glob patterns matched at any depth of the component folder) whose changes are
    /// not "code moving on": lock files a dependency bot bumps every week say nothing the docs
    /// should follow.
    public var ignoredCodeFiles: [String]

    /// The lock files of the ecosystems Backline harvests.
    public static let defaultIgnoredCodeFiles = [
        "package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "go.sum", "Cargo.lock",
        "poetry.lock", "uv.lock", "Pipfile.lock", "Gemfile.lock", "Package.resolved", "gradle.lockfile",
    ]

    /// Creates a policy; the defaults are 20 commits, 90 days and the lock files.
    public init(maxCodeCommits: Int = 20, maxCodeDays: Int = 90, ignoredCodeFiles: [String] = DocsFreshnessPolicy.defaultIgnoredCodeFiles) {
        self.maxCodeCommits = maxCodeCommits
        self.maxCodeDays = maxCodeDays
        self.ignoredCodeFiles = ignoredCodeFiles
    }

    /// The defaults: 20 commits, 90 days, lock files ignored.
    public static let standard = DocsFreshnessPolicy()
}
