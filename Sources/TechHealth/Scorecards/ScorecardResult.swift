import Catalog

/// How one component stands on one scorecard: the level reached, every check's outcome and what
/// the next level needs. This is the `scorecard` object of `/health … --format json` answers.
public struct ScorecardResult: Sendable, Hashable, Codable {
    /// The component.
    public var entity: EntityRef
    /// The scorecard's id.
    public var scorecard: String
    /// The scorecard's title.
    public var title: String
    /// The scorecard's levels, lowest first.
    public var levels: [String]
    /// The highest level whose checks, and every lower level's checks, pass; nil for none.
    public var level: String?
    /// Checks passed.
    public var passed: Int
    /// Checks failed.
    public var failed: Int
    /// Checks skipped (their fact unknown, `whenUnknown: skip`).
    public var skipped: Int
    /// Every check's result, in file order.
    public var checks: [ScorecardCheckResult]
    /// The level above ``level``; nil at the top.
    public var nextLevel: String?
    /// The ids of the failed checks that stand between the component and ``nextLevel``.
    public var nextLevelNeeds: [String]

    /// Creates a result.
    public init(
        entity: EntityRef, scorecard: String, title: String, levels: [String], level: String?, passed: Int, failed: Int,
        skipped: Int, checks: [ScorecardCheckResult], nextLevel: String?, nextLevelNeeds: [String]
    ) {
        self.entity = entity
        self.scorecard = scorecard
        self.title = title
        self.levels = levels
        self.level = level
        self.passed = passed
        self.failed = failed
        self.skipped = skipped
        self.checks = checks
        self.nextLevel = nextLevel
        self.nextLevelNeeds = nextLevelNeeds
    }

    /// The failed checks, lowest level first (then file order): what to fix first.
    public var failedChecks: [ScorecardCheckResult] {
        let rank = Dictionary(levels.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        return checks.enumerated()
            .filter { $0.element.outcome == .failed }
            .sorted { (rank[$0.element.level] ?? .max, $0.offset) < (rank[$1.element.level] ?? .max, $1.offset) }
            .map(\.element)
    }

    enum CodingKeys: String, CodingKey {
        case entity, scorecard, title, levels, level, passed, failed, skipped, checks, nextLevel, nextLevelNeeds
    }

    /// Encodes every key, `null` for what is absent.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(entity, forKey: .entity)
        try container.encode(scorecard, forKey: .scorecard)
        try container.encode(title, forKey: .title)
        try container.encode(levels, forKey: .levels)
        try container.encode(level, forKey: .level)
        try container.encode(passed, forKey: .passed)
        try container.encode(failed, forKey: .failed)
        try container.encode(skipped, forKey: .skipped)
        try container.encode(checks, forKey: .checks)
        try container.encode(nextLevel, forKey: .nextLevel)
        try container.encode(nextLevelNeeds, forKey: .nextLevelNeeds)
    }
}
