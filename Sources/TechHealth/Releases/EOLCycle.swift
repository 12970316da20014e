import Foundation

/// endoflife.date's union field: a date, or a plain yes/no when no date is published.
public enum EOLMark: Sendable, Hashable, Codable {
    /// The day it happens (or happened).
    case day(CalendarDay)
    /// `true` (already so, date unknown) or `false` (not so, no date set).
    case flag(Bool)

    /// Whether the mark holds on `day`: a date holds from that day on.
    public func holds(on day: CalendarDay) -> Bool {
        switch self {
        case .day(let date): date <= day
        case .flag(let value): value
        }
    }

    /// The date, when the mark is one.
    public var day: CalendarDay? {
        if case .day(let date) = self { return date }
        return nil
    }

    /// Decodes a `YYYY-MM-DD` string or a boolean.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) {
            self = .flag(flag)
        } else {
            self = .day(try container.decode(CalendarDay.self))
        }
    }

    /// Encodes as endoflife.date does: the date string or the boolean.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .day(let day): try container.encode(day)
        case .flag(let flag): try container.encode(flag)
        }
    }
}

/// One release cycle of a runtime or OS, with endoflife.date's field names.
public struct EOLCycle: Sendable, Hashable, Codable {
    /// The cycle (`"20"`, `"3.12"`, `"8.0"`, `"22.04"`).
    public var cycle: String
    /// The cycle's first release.
    public var releaseDate: CalendarDay?
    /// End of life: no more fixes of any kind.
    public var eol: EOLMark?
    /// The newest release in the cycle.
    public var latest: String?
    /// When `latest` was released.
    public var latestReleaseDate: CalendarDay?
    /// Long-term support: the date it became LTS, or a flag.
    public var lts: EOLMark?
    /// End of active support (bug fixes), before security-only maintenance.
    public var support: EOLMark?
    /// End of extended (often paid) support.
    public var extendedSupport: EOLMark?
    /// The cycle's codename (`Iron`, `bookworm`, `jammy`).
    public var codename: String?
    /// Discontinued (hardware or product lines).
    public var discontinued: EOLMark?

    /// Creates a cycle.
    public init(
        cycle: String, releaseDate: CalendarDay? = nil, eol: EOLMark? = nil, latest: String? = nil,
        latestReleaseDate: CalendarDay? = nil, lts: EOLMark? = nil, support: EOLMark? = nil,
        extendedSupport: EOLMark? = nil, codename: String? = nil, discontinued: EOLMark? = nil
    ) {
        self.cycle = cycle
        self.releaseDate = releaseDate
        self.eol = eol
        self.latest = latest
        self.latestReleaseDate = latestReleaseDate
        self.lts = lts
        self.support = support
        self.extendedSupport = extendedSupport
        self.codename = codename
        self.discontinued = discontinued
    }

    /// True when the cycle is (or has become) an LTS line by `day`.
    func isLTS(on day: CalendarDay) -> Bool { lts?.holds(on: day) ?? false }
}
