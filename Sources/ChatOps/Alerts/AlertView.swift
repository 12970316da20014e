import Catalog
import Foundation

/// A kept alert finding as people see it: in the pushed message and in `/alerts`.
public struct AlertView: Sendable, Hashable, Codable {
    /// Where it stands.
    public enum Status: String, Sendable, Hashable, Codable {
        /// Open; told when new, again when worse.
        case open
        /// Acknowledged: told again only when it gets worse.
        case acknowledged
        /// Snoozed: silent until ``AlertView/snoozedUntil``.
        case snoozed
        /// No longer found.
        case resolved
    }

    /// The short number people type (`/alerts ack 12`).
    public var id: Int64
    /// The stable fingerprint (see ``AlertCandidate/fingerprint``).
    public var fingerprint: String
    /// The team told.
    public var team: EntityRef
    /// Which rule found it.
    public var rule: AlertCandidate.Rule
    /// The entity concerned.
    public var entity: EntityRef
    /// One line.
    public var title: String
    /// The detail.
    public var detail: String
    /// The command that shows the details.
    public var detailsCommand: String?
    /// How bad, higher is worse.
    public var severity: Int
    /// Where it stands.
    public var status: Status
    /// Until when it is snoozed.
    public var snoozedUntil: Date?
    /// When first found.
    public var firstSeen: Date
    /// When last found.
    public var lastSeen: Date

    /// Creates a view.
    public init(
        id: Int64, fingerprint: String, team: EntityRef, rule: AlertCandidate.Rule, entity: EntityRef, title: String, detail: String,
        detailsCommand: String?, severity: Int, status: Status, snoozedUntil: Date?, firstSeen: Date, lastSeen: Date
    ) {
        self.id = id
        self.fingerprint = fingerprint
        self.team = team
        self.rule = rule
        self.entity = entity
        self.title = title
        self.detail = detail
        self.detailsCommand = detailsCommand
        self.severity = severity
        self.status = status
        self.snoozedUntil = snoozedUntil
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
    }
}
