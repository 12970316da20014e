import Foundation

/// A person answering for a team: who they are in the catalog and in chat.
public struct Goalie: Sendable, Hashable, Codable {
    /// Display name (catalog profile, else the pager's name).
    public var name: String
    /// The catalog User ref, when the person is in the catalog.
    public var userRef: String?
    /// The Slack user id (`slack.com/user_id`), when known; without it nobody can be tagged.
    public var chatUserID: String?
    /// E-mail, when known.
    public var email: String?

    /// Creates a goalie.
    public init(name: String, userRef: String? = nil, chatUserID: String? = nil, email: String? = nil) {
        self.name = name
        self.userRef = userRef
        self.chatUserID = chatUserID
        self.email = email
    }
}

/// Who is goalie for a team at a moment, where that came from, and what happens next.
public struct GoalieStatus: Sendable, Hashable, Codable {
    /// Where the answer came from.
    public enum Source: String, Sendable, Hashable, Codable {
        /// Computed from the rotation file.
        case rotation
        /// An override set with `/oncall override`.
        case override
        /// PagerDuty.
        case pagerDuty
        /// Opsgenie.
        case opsgenie
    }

    /// The team's canonical ref.
    public var team: String
    /// The goalie; nil when nobody could be named.
    public var goalie: Goalie?
    /// Where the answer came from.
    public var source: Source
    /// When an override is in force, when it ends.
    public var overrideUntil: Date?
    /// The next hand-off, when known.
    public var nextHandoff: Date?
    /// Who takes over then, when known.
    public var nextGoalie: Goalie?
    /// The rotation's time zone identifier, for showing times.
    public var timeZone: String
    /// Set when the answer is the pager's last known one: when the pager gave it.
    public var lastKnownAt: Date?
    /// Why the answer is incomplete or old (pager unreachable, member not in the catalog, …).
    public var problem: String?
    /// The Slack user-group handle for this team's goalie (`playlists-goalie`).
    public var userGroupHandle: String

    /// Creates a status.
    public init(
        team: String, goalie: Goalie?, source: Source, overrideUntil: Date? = nil, nextHandoff: Date? = nil, nextGoalie: Goalie? = nil,
        timeZone: String, lastKnownAt: Date? = nil, problem: String? = nil, userGroupHandle: String
    ) {
        self.team = team
        self.goalie = goalie
        self.source = source
        self.overrideUntil = overrideUntil
        self.nextHandoff = nextHandoff
        self.nextGoalie = nextGoalie
        self.timeZone = timeZone
        self.lastKnownAt = lastKnownAt
        self.problem = problem
        self.userGroupHandle = userGroupHandle
    }
}
