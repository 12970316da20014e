import Foundation

/// Where a runtime cycle stands on a given day.
public enum EOLStatus: String, Sendable, Hashable, Codable, Comparable {
    /// Past its end-of-life date (or marked end-of-life without one).
    case endOfLife = "end-of-life"
    /// End of life falls within the warning window.
    case endingSoon = "ending-soon"
    /// Supported beyond the warning window, or with no end date set.
    case supported
    /// No data for this runtime or version.
    case unknown

    /// Worst first: end-of-life, ending soon, unknown, supported.
    public static func < (lhs: EOLStatus, rhs: EOLStatus) -> Bool { lhs.severity > rhs.severity }

    /// How bad the status is, higher is worse.
    public var severity: Int {
        switch self {
        case .endOfLife: 3
        case .endingSoon: 2
        case .unknown: 1
        case .supported: 0
        }
    }
}

/// The end-of-life answer for one runtime or OS version on one day, with what it was matched to.
public struct EOLAssessment: Sendable, Hashable, Codable {
    /// The endoflife.date product the version was matched to (`nodejs`, `debian`); nil when the
    /// runtime is not one the data covers.
    public var product: String?
    /// The version as given (after taking it out of an image tag).
    public var version: String
    /// The cycle it belongs to (`20`, `3.12`, `12`), when one matched.
    public var cycle: String?
    /// The status on the day asked about.
    public var status: EOLStatus
    /// The end-of-life day, when the data gives one.
    public var eolDate: CalendarDay?
    /// Days from the day asked about to `eolDate` (negative once past).
    public var daysLeft: Int?
    /// The newest release of the cycle, when the data gives one.
    public var latest: String?
    /// True when no cycle matched and the status was inferred (older than the oldest cycle in the
    /// data, which is itself past end of life).
    public var inferred: Bool
    /// Why the answer is what it is, for people (`no end-of-life data for "erlang"`).
    public var note: String?

    /// Creates an assessment.
    public init(
        product: String?, version: String, cycle: String? = nil, status: EOLStatus, eolDate: CalendarDay? = nil,
        daysLeft: Int? = nil, latest: String? = nil, inferred: Bool = false, note: String? = nil
    ) {
        self.product = product
        self.version = version
        self.cycle = cycle
        self.status = status
        self.eolDate = eolDate
        self.daysLeft = daysLeft
        self.latest = latest
        self.inferred = inferred
        self.note = note
    }
}
