import Foundation

/// Who a pager says is on call for a schedule or policy right now.
public struct PagerOnCall: Sendable, Hashable, Codable {
    /// The person's name as the pager shows it.
    public var name: String
    /// Their e-mail (PagerDuty's user email, Opsgenie's username), matched to catalog Users.
    public var email: String?
    /// The pager's own user id.
    public var pagerUserID: String?
    /// When this on-call shift ends (the next hand-off), when the pager says.
    public var until: Date?
    /// The schedule or policy name, for messages.
    public var scheduleName: String?

    /// Creates an answer.
    public init(name: String, email: String?, pagerUserID: String? = nil, until: Date? = nil, scheduleName: String? = nil) {
        self.name = name
        self.email = email
        self.pagerUserID = pagerUserID
        self.until = until
        self.scheduleName = scheduleName
    }
}

/// A pager that can say who is on call. Implemented by ``PagerDutyClient`` and ``OpsgenieClient``.
public protocol PagerClient: Sendable {
    /// Whether this client answers for `target`.
    func handles(_ target: PagerTarget) -> Bool
    /// Who is on call for `target` now; nil when nobody is.
    func onCall(_ target: PagerTarget) async throws -> PagerOnCall?
}

/// A pager answered with something other than an on-call list.
public struct PagerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `PagerDuty` or `Opsgenie`.
    public var pager: String
    /// What happened (HTTP status, unreadable body, missing token).
    public var reason: String

    /// Creates an error.
    public init(pager: String, reason: String) {
        self.pager = pager
        self.reason = reason
    }

    public var description: String { "\(pager): \(reason)" }
}
