import Foundation

/// What a policy rule is about: a package of an ecosystem, or a runtime.
public enum PolicySubject: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A package (the name may hold `*` wildcards: `@acme/*`, `org.springframework:*`).
    case package(ecosystem: Ecosystem, name: String)
    /// A runtime by endoflife.date product name (`nodejs`, `python`, `java`).
    case runtime(String)

    /// `npm react`, `runtime nodejs`.
    public var description: String {
        switch self {
        case .package(let ecosystem, let name): "\(ecosystem.rawValue) \(name)"
        case .runtime(let name): "runtime \(name)"
        }
    }
}

/// A version requirement in a policy: a plain version means "this version or newer"; anything
/// else is a range in the subject's own syntax (npm `^18`, PEP 440 `>=3.11`, Maven `[2.0,)`).
public struct PolicyBound: Sendable, Hashable {
    /// As written in the policy file.
    public let text: String
    /// Why the bound exists, for the people who read the verdict.
    public let reason: String?
    let requirement: Requirement

    enum Requirement: Sendable, Hashable {
        case atLeast(ParsedVersion)
        case range(VersionRange)
    }

    init(text: String, reason: String?, requirement: Requirement) {
        self.text = text
        self.reason = reason
        self.requirement = requirement
    }

    /// Reads `text` in `scheme`: a version first, then a range; nil when it is neither.
    init?(text: String, reason: String?, scheme: VersionScheme) {
        if let version = scheme.parse(text) {
            self.init(text: text, reason: reason, requirement: .atLeast(version))
        } else if let range = scheme.range(text) {
            self.init(text: text, reason: reason, requirement: .range(range))
        } else {
            return nil
        }
    }

    /// True when `version` meets the bound.
    public func isMet(by version: ParsedVersion) -> Bool {
        switch requirement {
        case .atLeast(let floor): version.compare(floor) != .orderedAscending
        case .range(let range): range.contains(version)
        }
    }
}

/// A banned range and why.
public struct PolicyBan: Sendable, Hashable {
    /// The range as written.
    public let text: String
    /// Why it is banned (a CVE, a licence change, a known data-loss bug).
    public let reason: String?
    let range: VersionRange

    /// True when `version` is in the banned range.
    public func bans(_ version: ParsedVersion) -> Bool { range.contains(version) }
}

/// The organisation's rule for one package or runtime.
public struct PolicyRule: Sendable, Hashable {
    /// What the rule is about.
    public let subject: PolicySubject
    /// The scheme its versions and ranges are read in.
    public let scheme: VersionScheme
    /// Below this, the version is out of policy.
    public let minimum: PolicyBound?
    /// Below this, the version is allowed but should move.
    public let recommended: PolicyBound?
    /// Ranges nobody may run.
    public let banned: [PolicyBan]
    /// The line of the rule in its file, for people fixing it.
    public let line: Int?
}
