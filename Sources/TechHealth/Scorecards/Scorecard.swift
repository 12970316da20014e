import Catalog

/// A scorecard: checks over a component's facts, grouped into ordered levels (bronze, silver,
/// gold). Loaded from a YAML file in `config/scorecards/` (see ``load(yaml:file:)``), so a platform
/// team adds a check without Swift.
///
/// A component reaches a level when that level's checks and every lower level's checks pass
/// (a skipped check does not hold a level back); it holds no level when a lowest-level check fails,
/// whatever else passes.
public struct Scorecard: Sendable, Hashable {
    /// Unique across the loaded scorecards (`default`).
    public var id: String
    /// For people (`Service maturity`).
    public var title: String
    /// Why the scorecard exists, when the file says.
    public var description: String?
    /// Which components it applies to.
    public var appliesTo: ScorecardFilter
    /// The levels, lowest first.
    public var levels: [String]
    /// The checks, in file order.
    public var checks: [ScorecardCheck]

    /// Creates a scorecard from parts already validated (tests, or code-built scorecards). Files
    /// go through ``load(yaml:file:)``, which checks what this initialiser trusts.
    public init(id: String, title: String, description: String? = nil, appliesTo: ScorecardFilter = .any, levels: [String], checks: [ScorecardCheck]) {
        self.id = id
        self.title = title
        self.description = description
        self.appliesTo = appliesTo
        self.levels = levels
        self.checks = checks
    }

    /// Whether the scorecard applies to a component with these facts.
    public func applies(to facts: ComponentFacts) -> Bool { appliesTo.matches(facts) }

    /// Runs every check and works out the level.
    public func evaluate(_ facts: ComponentFacts) -> ScorecardResult {
        var results = checks.map { $0.evaluate(facts) }
        let outcomes = results.map(\.outcome)
        let reached = levelIndex(outcomes)
        // For each failure, the level reached if it alone were fixed: which fixes count the most.
        for index in results.indices where results[index].outcome == .failed {
            var fixed = outcomes
            fixed[index] = .passed
            results[index].levelIfFixed = levelIndex(fixed).map { levels[$0] }
        }
        let next = (reached ?? -1) + 1
        let nextLevel = next < levels.count ? levels[next] : nil
        return ScorecardResult(
            entity: facts.entity, scorecard: id, title: title, levels: levels, level: reached.map { levels[$0] },
            passed: outcomes.filter { $0 == .passed }.count, failed: outcomes.filter { $0 == .failed }.count,
            skipped: outcomes.filter { $0 == .skipped }.count, checks: results, nextLevel: nextLevel,
            nextLevelNeeds: nextLevel.map { level in results.filter { $0.level == level && $0.outcome == .failed }.map(\.id) } ?? [])
    }

    /// The index of the highest level reached with these outcomes (one per check), nil for none.
    private func levelIndex(_ outcomes: [ScorecardCheckResult.Outcome]) -> Int? {
        var reached: Int?
        for (index, level) in levels.enumerated() {
            let failing = zip(checks, outcomes).contains { check, outcome in check.level == level && outcome == .failed }
            if failing { break }
            reached = index
        }
        return reached
    }
}
