/// One rule of a scorecard: a fact, what it must be, the level it belongs to and how to fix it.
public struct ScorecardCheck: Sendable, Hashable {
    /// What a check does when its fact is unknown.
    public enum UnknownFact: String, Sendable, Hashable, Codable, CaseIterable {
        /// Counts as passed.
        case pass
        /// Counts as failed (the default: what cannot be shown is not credited).
        case fail
        /// Counts as neither; it does not hold a level back.
        case skip
    }

    /// Unique within its scorecard (`has-owner`).
    public var id: String
    /// The level it belongs to; one of the scorecard's levels.
    public var level: String
    /// What it requires, for people (`Has an owner that exists in the catalog`).
    public var title: String
    /// The fact it compares, one of ``ComponentFacts/definitions``.
    public var fact: String
    /// What the fact must be.
    public var condition: FactCondition
    /// What happens when the fact is unknown.
    public var whenUnknown: UnknownFact
    /// How to make it pass, for the owner.
    public var fix: String?
    /// Why the check exists, when the file says.
    public var description: String?

    /// Creates a check.
    public init(
        id: String, level: String, title: String, fact: String, condition: FactCondition, whenUnknown: UnknownFact = .fail,
        fix: String? = nil, description: String? = nil
    ) {
        self.id = id
        self.level = level
        self.title = title
        self.fact = fact
        self.condition = condition
        self.whenUnknown = whenUnknown
        self.fix = fix
        self.description = description
    }

    /// Runs the check against a component's facts.
    public func evaluate(_ facts: ComponentFacts) -> ScorecardCheckResult {
        let actual = facts[fact]
        let outcome: ScorecardCheckResult.Outcome
        var note: String?
        if let met = condition.evaluate(actual) {
            outcome = met ? .passed : .failed
        } else {
            switch whenUnknown {
            case .pass: outcome = .passed
            case .fail: outcome = .failed
            case .skip: outcome = .skipped
            }
            note = "\(fact) is unknown"
        }
        return ScorecardCheckResult(
            id: id, level: level, title: title, fact: fact, expected: "\(fact) \(condition.expectation)", outcome: outcome,
            actual: actual, fix: outcome == .failed ? fix : nil, note: note)
    }
}
