import Foundation

/// A Go module version: `v` + SemVer, as `golang.org/x/mod/semver` reads it.
///
/// `v1` and `v1.2` are shorthands for `v1.0.0` and `v1.2.0`. Build metadata such as
/// `+incompatible` does not change precedence. A pseudo-version
/// (`v0.0.0-20191109021931-daa7c04131f5`) is a pre-release whose 14-digit UTC timestamp is the
/// commit time: ``pseudoVersionDate`` carries it as an offline release date.
public struct GoModuleVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The SemVer value (without the leading `v`).
    public let semver: SemanticVersion

    /// Parses `vMAJOR[.MINOR[.PATCH[-PRE][+BUILD]]]`; the `v` is required as the go command
    /// requires it, unless `requirePrefix` is false (for versions typed into a policy file).
    public init?(_ text: String, requirePrefix: Bool = true) {
        var trimmed = Substring(text.trimmingCharacters(in: .whitespaces))
        if trimmed.first == "v" {
            trimmed = trimmed.dropFirst()
        } else if requirePrefix {
            return nil
        }
        if let strict = SemanticVersion(String(trimmed)) {
            semver = strict
        } else {
            // Shorthands carry no pre-release or build (x/mod rejects `v1.2-pre`).
            let parts = trimmed.split(separator: ".", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count), parts.allSatisfy({ SemanticVersion.number($0) != nil }) else { return nil }
            let numbers = parts.compactMap { SemanticVersion.number($0) } + [0, 0]
            semver = SemanticVersion(numbers[0], numbers[1], numbers[2])
        }
    }

    /// The canonical form, `v1.2.3-pre+build`.
    public var description: String { "v\(semver)" }

    /// True for a pre-release, pseudo-versions included.
    public var isPrerelease: Bool { semver.isPrerelease }

    /// True when the build metadata is `+incompatible` (a v2+ tag of a repository without go.mod).
    public var isIncompatible: Bool { semver.build == ["incompatible"] }

    /// True for a pseudo-version (any of its three forms).
    public var isPseudoVersion: Bool { pseudoVersionDate != nil }

    /// The commit time a pseudo-version embeds (UTC), or nil for a tagged version.
    public var pseudoVersionDate: Date? {
        // The timestamp-hash identifier is last; it stands alone (`vX.0.0-ts-hash`) or follows a
        // `0` identifier (`vX.Y.Z-pre.0.ts-hash`, `vX.Y.(Z+1)-0.ts-hash`).
        guard case .alphanumeric(let last)? = semver.prerelease.last else { return nil }
        let count = semver.prerelease.count
        if count == 1 {
            guard semver.minor == 0, semver.patch == 0 else { return nil }
        } else {
            guard semver.prerelease[count - 2] == .numeric(0) else { return nil }
        }
        let parts = last.split(separator: "-")
        guard parts.count == 2, parts[0].count == 14, parts[0].allSatisfy(\.isVersionDigit), parts[1].count == 12,
              parts[1].allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else { return nil }
        return Self.timestamp(parts[0])
    }

    /// Orders by SemVer precedence; build metadata only breaks ties.
    public static func < (lhs: GoModuleVersion, rhs: GoModuleVersion) -> Bool { lhs.semver < rhs.semver }

    private static func timestamp(_ digits: Substring) -> Date? {
        let numbers = [0, 4, 6, 8, 10, 12].enumerated().map { index, offset -> Int in
            let length = index == 0 ? 4 : 2
            let start = digits.index(digits.startIndex, offsetBy: offset)
            return Int(digits[start..<digits.index(start, offsetBy: length)]) ?? -1
        }
        var components = DateComponents()
        components.calendar = Calendar(identifier: .gregorian)
        components.timeZone = TimeZone(identifier: "UTC")
        (components.year, components.month, components.day) = (numbers[0], numbers[1], numbers[2])
        (components.hour, components.minute, components.second) = (numbers[3], numbers[4], numbers[5])
        guard (1...12).contains(numbers[1]), (1...31).contains(numbers[2]), (0...23).contains(numbers[3]),
              (0...59).contains(numbers[4]), (0...60).contains(numbers[5]), components.isValidDate else { return nil }
        return components.date
    }
}

/// A Go toolchain version (`go 1.22` directive, `toolchain go1.24.2`), which is not SemVer.
///
/// From Go 1.21, `1.N` names the language version and sorts before its release candidates and
/// releases: `1.21 < 1.21rc1 < 1.21rc2 < 1.21.0 < 1.21.1`. Before 1.21 the first release was `1.N`
/// itself: `1.20rc1 < 1.20 < 1.20.1`. Betas precede release candidates.
public struct GoToolchainVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The major number (1).
    public let major: UInt64
    /// The minor number (the "Go 1.N" line).
    public let minor: UInt64
    /// The patch number, when the version names a release.
    public let patch: UInt64?
    /// `beta` or `rc` with its number, for a pre-release.
    public let prerelease: (kind: String, number: UInt64)?

    /// Parses `1.22`, `1.22.3`, `1.21rc1`, `1.18beta2`, with an optional `go` prefix.
    public init?(_ text: String) {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        if rest.hasPrefix("go") { rest = rest.dropFirst(2) }
        var prerelease: (String, UInt64)?
        for kind in ["beta", "rc"] {
            if let range = rest.range(of: kind) {
                guard let number = SemanticVersion.number(rest[range.upperBound...]) else { return nil }
                prerelease = (kind, number)
                rest = rest[..<range.lowerBound]
                break
            }
        }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), let major = SemanticVersion.number(parts[0]),
              let minor = SemanticVersion.number(parts[1]) else { return nil }
        if parts.count == 3 {
            guard prerelease == nil, let patch = SemanticVersion.number(parts[2]) else { return nil }
            self.patch = patch
        } else {
            self.patch = nil
        }
        self.major = major
        self.minor = minor
        self.prerelease = prerelease
    }

    /// True for a beta or release candidate.
    public var isPrerelease: Bool { prerelease != nil }

    /// The version as the go command prints it (without the `go` prefix).
    public var description: String {
        var text = "\(major).\(minor)"
        if let patch { text += ".\(patch)" }
        if let prerelease { text += "\(prerelease.kind)\(prerelease.number)" }
        return text
    }

    /// (stage, number) within a minor line: language version, beta, rc, release patch.
    private var stage: (Int, UInt64) {
        if let prerelease { return (prerelease.kind == "beta" ? 1 : 2, prerelease.number) }
        if let patch { return (3, patch) }
        // `1.N` with N ≥ 21 is the language version; earlier it was the first release.
        return major == 1 && minor < 21 ? (3, 0) : (0, 0)
    }

    /// Orders as `go/version.Compare` does.
    public static func < (lhs: GoToolchainVersion, rhs: GoToolchainVersion) -> Bool {
        if (lhs.major, lhs.minor) != (rhs.major, rhs.minor) { return (lhs.major, lhs.minor) < (rhs.major, rhs.minor) }
        return lhs.stage < rhs.stage
    }

    /// Equal when the order says so (`1.20 == 1.20.0`).
    public static func == (lhs: GoToolchainVersion, rhs: GoToolchainVersion) -> Bool {
        (lhs.major, lhs.minor) == (rhs.major, rhs.minor) && lhs.stage == rhs.stage
    }

    /// Hashes what the order compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(major)
        hasher.combine(minor)
        hasher.combine(stage.0)
        hasher.combine(stage.1)
    }
}
