import Foundation

/// A team's goalie rotation: who answers for the team, in turn, one shift at a time.
///
/// Shifts start at the hand-off's wall-clock time in the rotation's own time zone, so a Monday
/// 09:00 hand-off in `Europe/Stockholm` stays at 09:00 local when the clocks change; the shift
/// before a daylight-saving change is an hour shorter or longer, never the hand-off time.
public struct Rotation: Sendable, Hashable {
    /// The team's Group name (`playlists`) or ref (`group:default/playlists`), as written.
    public var team: String
    /// Catalog User names in rotation order.
    public var members: [String]
    /// When shifts change hands, on the rotation's wall clock.
    public var handoff: Handoff
    /// The zone the hand-off time is read in.
    public var timeZone: TimeZone
    /// How many calendar days one shift lasts (7 for a weekly rotation).
    public var shiftDays: Int
    /// A calendar day (in `timeZone`) on which `members[0]` starts a shift; it fixes the order.
    public var anchor: DateComponents
    /// The Slack user-group handle kept in step with the goalie (`playlists-goalie`).
    public var userGroupHandle: String
    /// When set, the pager is asked who is on call instead of computing it from `members`.
    public var pager: PagerTarget?
    /// The file the rotation was read from, for messages.
    public var sourcePath: String?

    /// Creates a rotation.
    public init(
        team: String, members: [String], handoff: Handoff, timeZone: TimeZone, shiftDays: Int = 7,
        anchor: DateComponents? = nil, userGroupHandle: String? = nil, pager: PagerTarget? = nil, sourcePath: String? = nil
    ) {
        self.team = team
        self.members = members
        self.handoff = handoff
        self.timeZone = timeZone
        self.shiftDays = max(1, shiftDays)
        self.anchor = anchor ?? Self.defaultAnchor(for: handoff.weekday)
        let teamName = team.split(separator: "/").last.map(String.init) ?? team
        self.userGroupHandle = userGroupHandle ?? "\(teamName)-goalie"
        self.pager = pager
        self.sourcePath = sourcePath
    }

    /// Without an explicit start, the first hand-off weekday of 2026 anchors the order, so every
    /// deployment reading the same file names the same goalie.
    static func defaultAnchor(for weekday: Int) -> DateComponents {
        // 2026-01-01 is a Thursday (weekday 5 in Foundation's Sunday-first numbering).
        let offset = (weekday - 5 + 7) % 7
        return DateComponents(year: 2026, month: 1, day: 1 + offset)
    }
}

/// A hand-off moment on a rotation's wall clock.
public struct Handoff: Sendable, Hashable {
    /// Foundation's weekday numbering: 1 is Sunday, 2 Monday, … 7 Saturday.
    public var weekday: Int
    /// Hour, 0–23.
    public var hour: Int
    /// Minute, 0–59.
    public var minute: Int

    /// Creates a hand-off.
    public init(weekday: Int, hour: Int, minute: Int) {
        self.weekday = weekday
        self.hour = hour
        self.minute = minute
    }
}

/// Where a pager keeps a team's on-call schedule.
public enum PagerTarget: Sendable, Hashable {
    /// A PagerDuty schedule id (`P123ABC`).
    case pagerDutySchedule(String)
    /// A PagerDuty escalation policy id; its first level is the goalie.
    case pagerDutyEscalationPolicy(String)
    /// A PagerDuty service id (`pagerduty.com/service-id`); its escalation policy's first level.
    case pagerDutyService(String)
    /// An Opsgenie schedule id or name.
    case opsgenieSchedule(String)

    /// A stable key for caches and the last-known table.
    public var key: String {
        switch self {
        case .pagerDutySchedule(let id): "pagerduty:schedule:\(id)"
        case .pagerDutyEscalationPolicy(let id): "pagerduty:escalation-policy:\(id)"
        case .pagerDutyService(let id): "pagerduty:service:\(id)"
        case .opsgenieSchedule(let id): "opsgenie:schedule:\(id)"
        }
    }

    /// The pager's name, for messages.
    public var pagerName: String {
        switch self {
        case .pagerDutySchedule, .pagerDutyEscalationPolicy, .pagerDutyService: "PagerDuty"
        case .opsgenieSchedule: "Opsgenie"
        }
    }
}
