import Catalog

/// One component's result on one scorecard on one day, as kept in the database for trends.
public struct ScorecardRecord: Sendable, Hashable, Codable {
    /// The component.
    public var entity: EntityRef
    /// The scorecard's id.
    public var scorecard: String
    /// The UTC day the result is for.
    public var day: CalendarDay
    /// The level reached that day; nil for none.
    public var level: String?
    /// Checks passed.
    public var passed: Int
    /// Checks failed.
    public var failed: Int
    /// Every check's result that day.
    public var checks: [ScorecardCheckResult]

    /// Creates a record.
    public init(entity: EntityRef, scorecard: String, day: CalendarDay, level: String?, passed: Int, failed: Int, checks: [ScorecardCheckResult]) {
        self.entity = entity
        self.scorecard = scorecard
        self.day = day
        self.level = level
        self.passed = passed
        self.failed = failed
        self.checks = checks
    }

    /// Checks skipped that day.
    public var skipped: Int { checks.filter { $0.outcome == .skipped }.count }
}
