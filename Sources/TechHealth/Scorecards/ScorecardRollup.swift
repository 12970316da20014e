import Catalog

/// How a team's components stand on one scorecard: how many hold each level, and the checks
/// failed most often, for `/health team` and the weekly digest.
public struct TeamScorecardSummary: Sendable, Hashable, Codable {
    /// The owning team (or person).
    public var owner: EntityRef
    /// The scorecard's id.
    public var scorecard: String
    /// Components with a result.
    public var components: Int
    /// Components per level reached; components with no level are under ``noLevel``.
    public var levels: [String: Int]
    /// Components that reached no level.
    public var noLevel: Int
    /// Checks passed, summed over the components.
    public var passed: Int
    /// Checks failed, summed over the components.
    public var failed: Int
    /// Failed check ids with how many components fail them, most common first (ties by id).
    public var commonFailures: [CheckFailureCount]

    /// Creates a summary.
    public init(
        owner: EntityRef, scorecard: String, components: Int, levels: [String: Int], noLevel: Int, passed: Int, failed: Int,
        commonFailures: [CheckFailureCount]
    ) {
        self.owner = owner
        self.scorecard = scorecard
        self.components = components
        self.levels = levels
        self.noLevel = noLevel
        self.passed = passed
        self.failed = failed
        self.commonFailures = commonFailures
    }

    /// Groups results by owner and scorecard.
    /// - Parameters:
    ///   - records: one record per component and scorecard (e.g. ``TechHealthStore/latestScorecards(for:)``).
    ///   - owners: each component's owner; components without one are left out.
    /// - Returns: summaries ordered by owner, then scorecard.
    public static func rollup(_ records: [ScorecardRecord], owners: [EntityRef: EntityRef]) -> [TeamScorecardSummary] {
        struct Key: Hashable { let owner: EntityRef; let scorecard: String }
        var groups: [Key: [ScorecardRecord]] = [:]
        for record in records {
            guard let owner = owners[record.entity] else { continue }
            groups[Key(owner: owner, scorecard: record.scorecard), default: []].append(record)
        }
        return groups.map { key, records in
            var levels: [String: Int] = [:]
            var failures: [String: Int] = [:]
            for record in records {
                if let level = record.level { levels[level, default: 0] += 1 }
                for check in record.checks where check.outcome == .failed { failures[check.id, default: 0] += 1 }
            }
            return TeamScorecardSummary(
                owner: key.owner, scorecard: key.scorecard, components: records.count, levels: levels,
                noLevel: records.filter { $0.level == nil }.count, passed: records.map(\.passed).reduce(0, +),
                failed: records.map(\.failed).reduce(0, +),
                commonFailures: failures.map { CheckFailureCount(check: $0.key, components: $0.value) }
                    .sorted { ($1.components, $0.check) < ($0.components, $1.check) })
        }
        .sorted { ($0.owner, $0.scorecard) < ($1.owner, $1.scorecard) }
    }
}

/// How many of a team's components fail one check.
public struct CheckFailureCount: Sendable, Hashable, Codable {
    /// The check's id.
    public var check: String
    /// Components failing it.
    public var components: Int

    /// Creates a count.
    public init(check: String, components: Int) {
        self.check = check
        self.components = components
    }
}
