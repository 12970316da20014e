import Foundation

/// How far a version in use is behind the latest release, as major, minor and patch counts.
///
/// Backline counts distinct released lines, not numeric deltas (tech-health reference §3.2):
/// `major` is the number of distinct major lines released above the one in use up to the
/// latest; when that is 0, `minor` counts distinct minors above it in the same major; when that
/// is 0 too, `patch` counts distinct patches. Only one of the three is non-zero. A `0.x` line is
/// a major line of its own (caret semantics: `0.3 → 0.5` is two majors behind). Pre-releases and
/// yanked releases do not count. Without release data, the latest alone is counted.
public struct VersionsBehind: Sendable, Hashable, Codable {
    /// Distinct major lines behind.
    public var major: Int
    /// Distinct minor versions behind, within the same major.
    public var minor: Int
    /// Distinct patch versions behind, within the same minor.
    public var patch: Int

    /// Creates counts.
    public init(major: Int = 0, minor: Int = 0, patch: Int = 0) {
        self.major = major
        self.minor = minor
        self.patch = patch
    }

    /// Up to date.
    public static let current = VersionsBehind()

    /// True when nothing is behind.
    public var isCurrent: Bool { major == 0 && minor == 0 && patch == 0 }

    /// Counts how far `current` is behind `latest`, using every release of the package in between.
    public static func between(_ current: ParsedVersion, and latest: ParsedVersion, releases: PackageReleases?) -> VersionsBehind {
        guard current.compare(latest) == .orderedAscending else { return .current }
        var newer = releases?.releases(above: current, upTo: latest).map(\.version).filter { !$0.isPrerelease } ?? []
        newer.append(latest)
        let mine = Line(current)
        let lines = newer.map(Line.init)
        let majors = Set(lines.map(\.major)).subtracting([mine.major]).count
        if majors > 0 { return VersionsBehind(major: majors) }
        let sameMajor = lines.filter { $0.major == mine.major }
        let minors = Set(sameMajor.map(\.minor).filter { $0 > mine.minor }).count
        if minors > 0 { return VersionsBehind(minor: minors) }
        let patches = Set(sameMajor.filter { $0.minor == mine.minor }.map(\.patch).filter { $0 > mine.patch }).count
        // Newer but not by a number we split on (`1.0-rc1 → 1.0`, a fourth Maven number): one patch.
        return VersionsBehind(patch: max(1, patches))
    }

    /// A version's (major line, minor, patch), with `0.x` read as its own major line.
    private struct Line {
        let major: [UInt64]
        let minor: UInt64
        let patch: UInt64

        init(_ version: ParsedVersion) {
            let numbers = version.releaseNumbers + [0, 0, 0, 0]
            if numbers[0] == 0 {
                major = [0, numbers[1]]
                minor = numbers[2]
                patch = numbers[3]
            } else {
                major = [numbers[0]]
                minor = numbers[1]
                patch = numbers[2]
            }
        }
    }
}
