import Foundation

/// Where a version stands against the organisation's policy.
public enum PolicyStatus: String, Sendable, Hashable, Codable, Comparable {
    /// In a banned range.
    case banned
    /// Below the minimum.
    case belowMinimum = "below-minimum"
    /// At or above the minimum, below the recommended version.
    case belowRecommended = "below-recommended"
    /// Meets every rule.
    case inPolicy = "in-policy"
    /// A rule exists but the version in use is unknown or does not parse.
    case unknownVersion = "unknown-version"
    /// No rule names this package or runtime.
    case noPolicy = "no-policy"

    /// How bad the status is, higher is worse.
    public var severity: Int {
        switch self {
        case .banned: 4
        case .belowMinimum: 3
        case .belowRecommended: 2
        case .unknownVersion: 1
        case .inPolicy, .noPolicy: 0
        }
    }

    /// Worst first.
    public static func < (lhs: PolicyStatus, rhs: PolicyStatus) -> Bool { lhs.severity > rhs.severity }

    /// True for the statuses that put a version out of policy.
    public var isOutOfPolicy: Bool { self == .banned || self == .belowMinimum }
}

/// The outcome of checking one version, with the rule that decided it.
public struct PolicyVerdict: Sendable, Hashable, Codable {
    /// The outcome.
    public var status: PolicyStatus
    /// The rule that decided it, as people read it (`banned >=16.0.0 <16.4.2`, `minimum 20`).
    public var rule: String?
    /// Why that rule exists, from the policy file.
    public var reason: String?

    /// Creates a verdict.
    public init(status: PolicyStatus, rule: String? = nil, reason: String? = nil) {
        self.status = status
        self.rule = rule
        self.reason = reason
    }

    /// The verdict when no rule applies.
    public static let noPolicy = PolicyVerdict(status: .noPolicy)
}
