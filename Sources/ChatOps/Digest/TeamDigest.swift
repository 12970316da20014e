import Catalog
import Foundation
import OnCall

/// One team's weekly digest as data: what the Slack, Mattermost, text and JSON forms all show.
/// ``DigestComposer`` builds it; ``DigestReply`` turns it into a ``Reply``.
///
/// Encoded, this is `backline digest preview --format json`'s `digest` object; its keys are stable.
public struct TeamDigest: Sendable, Hashable, Codable {
    /// The team's Group.
    public var team: EntityRef
    /// What people call the team.
    public var teamName: String
    /// The team's `slack.com/bot-notify` channel, when it has one.
    public var channel: String?
    /// The ISO week the digest is for, in the team's time zone (`2026-W49`).
    public var week: String
    /// The start of the week reported on (seven days before ``periodEnd``).
    public var periodStart: Date
    /// When the digest was composed.
    public var periodEnd: Date
    /// The time zone the week and the goalie times are read in.
    public var timeZone: String
    /// Components the team owns.
    public var components: Int
    /// Of those, the ones with a harvest.
    public var harvested: Int
    /// The team's standing on each scorecard and what changed since last week.
    public var scorecards: [ScorecardStanding]
    /// The (at most three) fixes that would raise the most components a level.
    public var actions: [DigestAction]
    /// Outdated dependencies and runtimes, end-of-life first.
    public var outdated: [DigestHealthItem]
    /// More of ``outdated`` than are listed.
    public var outdatedMore: Int
    /// Packages and runtimes out of the organisation's policy.
    public var outOfPolicy: [DigestHealthItem]
    /// Components whose docs are stale.
    public var staleDocs: [DigestStaleDocs]
    /// Broken catalog data the team should fix.
    public var hygiene: [DigestFinding]
    /// Incidents this week that touched the team's services.
    public var incidents: [DigestIncident]
    /// The goalie now.
    public var goalie: Goalie?
    /// The goalie after the next hand-off.
    public var nextGoalie: Goalie?
    /// When the next hand-off is.
    public var nextHandoff: Date?
    /// Services born from templates this week (empty until the scaffolder records them).
    public var newServices: [String]

    /// Creates a digest (the composer does; tests and other composers may too).
    public init(
        team: EntityRef, teamName: String, channel: String?, week: String, periodStart: Date, periodEnd: Date, timeZone: String, components: Int, harvested: Int, scorecards: [ScorecardStanding], actions: [DigestAction], outdated: [DigestHealthItem], outdatedMore: Int, outOfPolicy: [DigestHealthItem], staleDocs: [DigestStaleDocs], hygiene: [DigestFinding], incidents: [DigestIncident], goalie: Goalie?, nextGoalie: Goalie?, nextHandoff: Date?, newServices: [String]
    ) {
        self.team = team
        self.teamName = teamName
        self.channel = channel
        self.week = week
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.timeZone = timeZone
        self.components = components
        self.harvested = harvested
        self.scorecards = scorecards
        self.actions = actions
        self.outdated = outdated
        self.outdatedMore = outdatedMore
        self.outOfPolicy = outOfPolicy
        self.staleDocs = staleDocs
        self.hygiene = hygiene
        self.incidents = incidents
        self.goalie = goalie
        self.nextGoalie = nextGoalie
        self.nextHandoff = nextHandoff
        self.newServices = newServices
    }

    /// True when the digest has nothing a team needs to act on.
    public var isAllClear: Bool {
        actions.isEmpty && outdated.isEmpty && outOfPolicy.isEmpty && staleDocs.isEmpty && hygiene.isEmpty && incidents.isEmpty
    }
}

/// How a team's components stand on one scorecard, now and a week ago.
public struct ScorecardStanding: Sendable, Hashable, Codable {
    /// The scorecard's id.
    public var scorecard: String
    /// Its title, when the scorecard file is loaded.
    public var title: String
    /// Levels lowest first, with how many components hold each now.
    public var levels: [LevelCount]
    /// Components that hold no level now.
    public var noLevel: Int
    /// Components with a result now.
    public var components: Int
    /// The lowest level held by every component (the team's level); nil when some hold none.
    public var teamLevel: String?
    /// The team's level a week ago; nil when none, or no results then.
    public var teamLevelLastWeek: String?
    /// Whether any results from a week ago were found.
    public var hasLastWeek: Bool
    /// Components whose level went up since last week, as `name: silver → gold`.
    public var raised: [String]
    /// Components whose level went down since last week.
    public var lowered: [String]
}

/// How many components hold one level.
public struct LevelCount: Sendable, Hashable, Codable {
    /// The level.
    public var level: String
    /// Components holding exactly this level.
    public var components: Int
}

/// A fix that would raise components a level: a failing check that alone blocks their next level.
public struct DigestAction: Sendable, Hashable, Codable {
    /// The scorecard.
    public var scorecard: String
    /// The check's id.
    public var check: String
    /// The check's title.
    public var title: String
    /// How to fix it.
    public var fix: String?
    /// Components this fix alone would lift a level, by name.
    public var components: [String]
}

/// An outdated or out-of-policy package or runtime in one component.
public struct DigestHealthItem: Sendable, Hashable, Codable {
    /// The component's name.
    public var component: String
    /// The package or runtime.
    public var name: String
    /// The version in use.
    public var version: String?
    /// What is wrong, most serious first.
    public var reasons: [String]
    /// True when it is past or near its end of life.
    public var endOfLife: Bool
    /// Ranking key, higher is worse.
    public var severity: Double

    /// Creates an item.
    public init(component: String, name: String, version: String?, reasons: [String], endOfLife: Bool, severity: Double) {
        self.component = component
        self.name = name
        self.version = version
        self.reasons = reasons
        self.endOfLife = endOfLife
        self.severity = severity
    }
}

/// A component whose docs are stale.
public struct DigestStaleDocs: Sendable, Hashable, Codable {
    /// The component's name.
    public var component: String
    /// Why (the first reason the freshness check gives).
    public var reason: String?
    /// Days the code is ahead of the docs, when known.
    public var codeDaysAhead: Int?
}

/// Broken catalog data the team owns.
public struct DigestFinding: Sendable, Hashable, Codable {
    /// `missingOwner`, `teamWithoutChannel`, ...
    public var kind: String
    /// The entity whose data is broken.
    public var entity: String
    /// One line for people.
    public var message: String
}

/// An incident that touched the team's services.
public struct DigestIncident: Sendable, Hashable, Codable {
    /// The incident channel's name.
    public var channelName: String
    /// The channel's id.
    public var channelID: String
    /// What it was about, when declared with a summary.
    public var summary: String?
    /// When it started.
    public var startedAt: Date
    /// When it was resolved; nil while open.
    public var resolvedAt: Date?
    /// The team's services it touched, by name.
    public var services: [String]
}
