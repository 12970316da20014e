import Catalog
import Foundation

/// Something a team should hear about, as one evaluation of the alert rules finds it. The store
/// keeps candidates as findings and decides who hears what (new, worse, snoozed, acknowledged).
public struct AlertCandidate: Sendable, Hashable, Codable {
    /// Which rule found it.
    public enum Rule: String, Sendable, Hashable, Codable, CaseIterable {
        /// A component's docs became stale.
        case docsStale = "docs-stale"
        /// A package or runtime fell out of the organisation's policy.
        case outOfPolicy = "out-of-policy"
        /// A runtime or base image is within 90 days of its end of life, or past it.
        case endOfLife = "end-of-life"
        /// A scorecard check that used to pass now fails.
        case checkRegressed = "check-regressed"
        /// Broken catalog data the team owns.
        case catalogData = "catalog-data"
    }

    /// The team told.
    public var team: EntityRef
    /// Which rule found it.
    public var rule: Rule
    /// The entity concerned (a component, or the team itself).
    public var entity: EntityRef
    /// What in the entity (`npm:left-pad`, `docs`, `default/has-ci`); part of the fingerprint.
    public var subject: String
    /// The state that, when it changes, makes it a different finding (the version in use, the
    /// runtime cycle); part of the fingerprint.
    public var state: String
    /// How bad, higher is worse: a finding that gets worse is told again.
    public var severity: Int
    /// One line for the message's title.
    public var title: String
    /// The detail, for people.
    public var detail: String
    /// The command that shows the details (`/health playlist-api`).
    public var detailsCommand: String?
    /// Whether a first sighting is told. False for what was already true before (a check that was
    /// failing all along): it is kept and listed by `/alerts`, but not pushed.
    public var notifyIfNew: Bool

    /// Creates a candidate.
    public init(
        team: EntityRef, rule: Rule, entity: EntityRef, subject: String, state: String = "", severity: Int, title: String, detail: String,
        detailsCommand: String? = nil, notifyIfNew: Bool = true
    ) {
        self.team = team
        self.rule = rule
        self.entity = entity
        self.subject = subject
        self.state = state
        self.severity = severity
        self.title = title
        self.detail = detail
        self.detailsCommand = detailsCommand
        self.notifyIfNew = notifyIfNew
    }

    /// Stable across reharvests and restarts: the same rule, team, entity, subject and state give
    /// the same fingerprint, so a finding seen again is recognised; a new version or cycle is a
    /// new finding. 16 hex digits of FNV-1a over the parts.
    public var fingerprint: String {
        let text = [rule.rawValue, team.description, entity.description, subject, state].joined(separator: "\u{1F}")
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
