import Foundation

/// A version parsed by one ecosystem's scheme, ordered by that scheme's rules.
///
/// Versions of different schemes never meet in practice; if they do, they order by scheme name so
/// sorting stays total. `==` means "equal under the scheme" (`1.0 == 1` in Maven and PEP 440).
public struct ParsedVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The text as given.
    public let text: String
    /// The scheme that parsed it.
    public let scheme: VersionScheme
    let value: Value

    /// The scheme-specific value.
    enum Value: Sendable, Hashable {
        case semver(SemanticVersion)
        case pep440(PEP440Version)
        case maven(MavenVersion)
        case goModule(GoModuleVersion)
        case goToolchain(GoToolchainVersion)
        case gem(GemVersion)
    }

    init(text: String, scheme: VersionScheme, value: Value) {
        self.text = text
        self.scheme = scheme
        self.value = value
    }

    /// The text as given.
    public var description: String { text }

    /// True for a pre-release in the scheme's own sense (SemVer identifiers, PEP 440 a/b/rc/dev,
    /// Maven alpha…snapshot qualifiers, a RubyGems letter, a Go pseudo-version, a Go rc/beta).
    public var isPrerelease: Bool {
        switch value {
        case .semver(let version): version.isPrerelease
        case .pep440(let version): version.isPrerelease
        case .maven(let version): version.isPrerelease
        case .goModule(let version): version.isPrerelease
        case .goToolchain(let version): version.isPrerelease
        case .gem(let version): version.isPrerelease
        }
    }

    /// The leading release numbers (`[3, 12, 4]`), the basis of major/minor/patch counts.
    public var releaseNumbers: [UInt64] {
        switch value {
        case .semver(let version): [version.major, version.minor, version.patch]
        case .pep440(let version): version.release
        case .maven(let version): version.numericPrefix
        case .goModule(let version): [version.semver.major, version.semver.minor, version.semver.patch]
        case .goToolchain(let version): [version.major, version.minor] + (version.patch.map { [$0] } ?? [])
        case .gem(let version): version.releaseNumbers
        }
    }

    /// The major number (0 when the version has no leading number).
    public var major: UInt64 { releaseNumbers.first ?? 0 }
    /// The minor number (0 when absent).
    public var minor: UInt64 { releaseNumbers.count > 1 ? releaseNumbers[1] : 0 }
    /// The patch number (0 when absent).
    public var patch: UInt64 { releaseNumbers.count > 2 ? releaseNumbers[2] : 0 }

    /// The commit date a Go pseudo-version embeds: an offline release date. Nil otherwise.
    public var embeddedDate: Date? {
        if case .goModule(let version) = value { return version.pseudoVersionDate }
        return nil
    }

    /// Compares under the scheme; SemVer build metadata is ignored here (it only breaks ties in
    /// `<`), which is what ranges and "is this the same release" need.
    public func compare(_ other: ParsedVersion) -> ComparisonResult {
        let order: Int
        switch (value, other.value) {
        case (.semver(let a), .semver(let b)): order = a.compareIgnoringBuild(b)
        case (.goModule(let a), .goModule(let b)): order = a.semver.compareIgnoringBuild(b.semver)
        case (.pep440(let a), .pep440(let b)): order = PEP440Version.compare(a, b)
        case (.maven(let a), .maven(let b)): order = MavenItem.compareLists(a.items, b.items)
        case (.gem(let a), .gem(let b)): order = GemVersion.compare(a, b)
        case (.goToolchain(let a), .goToolchain(let b)): order = a < b ? -1 : (a == b ? 0 : 1)
        default: order = scheme.rawValue < other.scheme.rawValue ? -1 : (scheme == other.scheme ? 0 : 1)
        }
        return order < 0 ? .orderedAscending : (order == 0 ? .orderedSame : .orderedDescending)
    }

    /// Total order: the scheme's order, SemVer build metadata as the last tie-breaker.
    public static func < (lhs: ParsedVersion, rhs: ParsedVersion) -> Bool {
        switch (lhs.value, rhs.value) {
        case (.semver(let a), .semver(let b)): return a < b
        case (.goModule(let a), .goModule(let b)): return a < b
        default: return lhs.compare(rhs) == .orderedAscending
        }
    }

    /// Equal under the scheme's order (build metadata included for SemVer, as in `<`).
    public static func == (lhs: ParsedVersion, rhs: ParsedVersion) -> Bool { lhs.value == rhs.value }

    /// Hashes the scheme value, consistent with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(value) }
}
