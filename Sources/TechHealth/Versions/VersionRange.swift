import Foundation

/// A parsed range (requirement, specifier) in one scheme: a union of constraint sets.
public struct VersionRange: Sendable, Hashable, CustomStringConvertible {
    /// How pre-release versions are admitted.
    enum PrereleaseRule: Sendable, Hashable {
        /// node-semver and Cargo: a pre-release matches only a set that names a pre-release of
        /// the same `major.minor.patch` (`>1.2.3-alpha.3` admits `1.2.3-alpha.7`, not `3.4.5-alpha.9`).
        case sameRelease
        /// PEP 440 (for a version already installed), Maven, RubyGems, Go: plain comparison.
        case always
    }

    /// The range as written.
    public let text: String
    /// The scheme whose syntax it is in.
    public let scheme: VersionScheme
    /// Alternatives (`||`, Maven's `],[`); each is a set of constraints that must all hold.
    let alternatives: [[VersionConstraint]]
    let prereleaseRule: PrereleaseRule

    /// The range as written.
    public var description: String { text }

    /// True when every version of the scheme satisfies it (`*`, `""`, a Maven soft requirement).
    public var admitsEverything: Bool { alternatives.contains { $0.isEmpty } }

    /// True when `version` satisfies the range.
    public func contains(_ version: ParsedVersion) -> Bool {
        for constraints in alternatives where constraints.allSatisfy({ $0.admits(version) }) {
            guard prereleaseRule == .sameRelease, version.isPrerelease else { return true }
            let release = version.releaseNumbers.prefix(3)
            if constraints.contains(where: { $0.version.isPrerelease && $0.version.releaseNumbers.prefix(3) == release }) {
                return true
            }
        }
        return false
    }

    /// True when the text parses in the range's scheme and satisfies it.
    public func contains(_ version: String) -> Bool {
        scheme.parse(version).map(contains) ?? false
    }

    /// The lowest version a constraint names as a lower bound (`>=`, `>`, `=`, `~>`, `~=`), the
    /// floor a range asks for; nil when no alternative has one.
    public var floor: ParsedVersion? {
        var best: ParsedVersion?
        for constraints in alternatives {
            for constraint in constraints where constraint.op.isLowerBound {
                if best.map({ constraint.version < $0 }) ?? true { best = constraint.version }
            }
        }
        return best
    }
}

/// One comparison inside a range.
struct VersionConstraint: Sendable, Hashable {
    enum Operator: Sendable, Hashable {
        case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual
        /// PEP 440 `==1.2.*` (or `!=1.2.*` when `excluded`): the release starts with the prefix.
        case releasePrefix(excluded: Bool)
        /// PEP 440 `===`: string equality.
        case arbitraryEqual
        /// PEP 440 `<V`: also refuses pre-releases of V itself unless V is one.
        case pep440Less
        /// PEP 440 `>V`: also refuses post-releases and local versions of V unless V is one.
        case pep440Greater
        /// PEP 440 `<=`, `>=`, `==`, `!=`: compared on the public version when V has no local label.
        case pep440(Comparison)
        /// RubyGems `~> V`: at least V and below V's bumped release.
        case pessimistic

        /// The plain comparisons PEP 440 applies to public versions.
        enum Comparison: Sendable, Hashable { case equal, notEqual, lessOrEqual, greaterOrEqual }

        var isLowerBound: Bool {
            switch self {
            case .equal, .greater, .greaterOrEqual, .pessimistic, .pep440Greater, .pep440(.equal), .pep440(.greaterOrEqual): true
            default: false
            }
        }
    }

    let op: Operator
    let version: ParsedVersion

    func admits(_ candidate: ParsedVersion) -> Bool {
        let order = candidate.compare(version)
        switch op {
        case .equal: return order == .orderedSame
        case .notEqual: return order != .orderedSame
        case .less: return order == .orderedAscending
        case .lessOrEqual: return order != .orderedDescending
        case .greater: return order == .orderedDescending
        case .greaterOrEqual: return order != .orderedAscending
        case .arbitraryEqual: return candidate.text.lowercased() == version.text.lowercased()
        case .releasePrefix(let excluded):
            guard case .pep440(let prefix) = version.value, case .pep440(let value) = candidate.value else { return false }
            let padded = value.release + Array(repeating: 0, count: max(0, prefix.release.count - value.release.count))
            let matches = value.epoch == prefix.epoch && Array(padded.prefix(prefix.release.count)) == prefix.release
            return matches != excluded
        case .pep440Less:
            guard case .pep440(let spec) = version.value, case .pep440(let value) = candidate.value else { return false }
            guard value < spec else { return false }
            if !spec.isPrerelease, value.isPrerelease, value.epoch == spec.epoch, value.trimmedRelease == spec.trimmedRelease { return false }
            return true
        case .pep440Greater:
            guard case .pep440(let spec) = version.value, case .pep440(let value) = candidate.value else { return false }
            guard value > spec else { return false }
            let sameBase = value.epoch == spec.epoch && value.trimmedRelease == spec.trimmedRelease
            if !spec.isPostRelease, value.isPostRelease, sameBase { return false }
            if !value.local.isEmpty, sameBase { return false }
            return true
        case .pep440(let comparison):
            guard case .pep440(let spec) = version.value, case .pep440(let value) = candidate.value else { return false }
            // A specifier without a local label ignores the candidate's (`==1.0` admits `1.0+ubuntu`).
            let left = spec.local.isEmpty ? value.publicVersion : value
            switch comparison {
            case .equal: return left == spec
            case .notEqual: return left != spec
            case .lessOrEqual: return left.publicVersion <= spec
            case .greaterOrEqual: return left.publicVersion >= spec
            }
        case .pessimistic:
            guard case .gem(let floor) = version.value, case .gem(let value) = candidate.value else { return false }
            return value >= floor && value.release < floor.bumped
        }
    }
}
