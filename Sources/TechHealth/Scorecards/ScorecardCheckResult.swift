/// How one check came out for one component: the `checks` entries of a scorecard result, and
/// what the results table keeps per day.
public struct ScorecardCheckResult: Sendable, Hashable, Codable {
    /// Passed, failed or skipped.
    public enum Outcome: String, Sendable, Hashable, Codable {
        /// The fact met the condition (or was unknown with `whenUnknown: pass`).
        case passed
        /// It did not (or was unknown, by default).
        case failed
        /// The fact was unknown and the check says `whenUnknown: skip`.
        case skipped
    }

    /// The check's id.
    public var id: String
    /// The check's level.
    public var level: String
    /// The check's title.
    public var title: String
    /// The fact compared.
    public var fact: String
    /// The condition as people read it (`libyears.total < 10`).
    public var expected: String
    /// The outcome.
    public var outcome: Outcome
    /// The fact's value (`null` when unknown).
    public var actual: FactValue
    /// How to fix it; only on a failed check.
    public var fix: String?
    /// Why the outcome is not a plain comparison (`docs.fresh is unknown`).
    public var note: String?
    /// For a failed check: the level the component would reach if only this check passed
    /// (nil when that alone reaches no level). Shows which fixes raise the level most.
    public var levelIfFixed: String?

    /// Creates a result.
    public init(
        id: String, level: String, title: String, fact: String, expected: String, outcome: Outcome, actual: FactValue,
        fix: String? = nil, note: String? = nil, levelIfFixed: String? = nil
    ) {
        self.id = id
        self.level = level
        self.title = title
        self.fact = fact
        self.expected = expected
        self.outcome = outcome
        self.actual = actual
        self.fix = fix
        self.note = note
        self.levelIfFixed = levelIfFixed
    }

    enum CodingKeys: String, CodingKey {
        case id, level, title, fact, expected, outcome, actual, fix, note, levelIfFixed
    }

    /// Encodes every key, `null` for what is absent, so the JSON shape does not change with the data.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(level, forKey: .level)
        try container.encode(title, forKey: .title)
        try container.encode(fact, forKey: .fact)
        try container.encode(expected, forKey: .expected)
        try container.encode(outcome, forKey: .outcome)
        try container.encode(actual, forKey: .actual)
        try container.encode(fix, forKey: .fix)
        try container.encode(note, forKey: .note)
        try container.encode(levelIfFixed, forKey: .levelIfFixed)
    }

    /// Decodes; a missing `actual` is unknown.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        level = try container.decode(String.self, forKey: .level)
        title = try container.decode(String.self, forKey: .title)
        fact = try container.decode(String.self, forKey: .fact)
        expected = try container.decode(String.self, forKey: .expected)
        outcome = try container.decode(Outcome.self, forKey: .outcome)
        actual = try container.decodeIfPresent(FactValue.self, forKey: .actual) ?? .null
        fix = try container.decodeIfPresent(String.self, forKey: .fix)
        note = try container.decodeIfPresent(String.self, forKey: .note)
        levelIfFixed = try container.decodeIfPresent(String.self, forKey: .levelIfFixed)
    }
}
