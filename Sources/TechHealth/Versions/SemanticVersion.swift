import Foundation

/// A SemVer 2.0.0 version (semver.org): `MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]`.
///
/// npm, Cargo and SwiftPM all use this grammar. Precedence follows semver.org §11; because two
/// versions differing only in build metadata have equal precedence, `<` breaks that tie on the
/// build identifiers (as Rust's `semver` crate does) so sorting is deterministic. Ranges use
/// ``compareIgnoringBuild(_:)``, which is the specification's precedence.
public struct SemanticVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// One dot-separated pre-release or build identifier.
    public enum Identifier: Sendable, Hashable, Comparable, CustomStringConvertible {
        /// An all-digit identifier, compared numerically.
        case numeric(UInt64)
        /// Any other identifier, compared by ASCII order.
        case alphanumeric(String)

        /// Numeric identifiers sort below alphanumeric ones (§11.4.3).
        public static func < (lhs: Identifier, rhs: Identifier) -> Bool {
            switch (lhs, rhs) {
            case (.numeric(let a), .numeric(let b)): a < b
            case (.numeric, .alphanumeric): true
            case (.alphanumeric, .numeric): false
            // Byte order, not Swift's Unicode-aware order: the spec says "ASCII sort order".
            case (.alphanumeric(let a), .alphanumeric(let b)): Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8))
            }
        }

        /// The identifier as written.
        public var description: String {
            switch self {
            case .numeric(let value): String(value)
            case .alphanumeric(let value): value
            }
        }
    }

    /// The major version.
    public var major: UInt64
    /// The minor version.
    public var minor: UInt64
    /// The patch version.
    public var patch: UInt64
    /// Pre-release identifiers; empty for a release.
    public var prerelease: [Identifier]
    /// Build metadata identifiers (ignored by precedence).
    public var build: [String]

    /// Creates a version from its parts.
    public init(_ major: UInt64, _ minor: UInt64, _ patch: UInt64, prerelease: [Identifier] = [], build: [String] = []) {
        self.major = major
        self.minor = minor
        self.patch = patch
        self.prerelease = prerelease
        self.build = build
    }

    /// Parses a strict SemVer 2.0.0 string; nil when it is not one (leading zeros, missing parts,
    /// empty identifiers, characters outside `[0-9A-Za-z-]`).
    public init?(_ text: String) {
        var rest = Substring(text)
        var build: [String] = []
        if let plus = rest.firstIndex(of: "+") {
            let parts = rest[rest.index(after: plus)...].split(separator: ".", omittingEmptySubsequences: false)
            guard parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(Self.isIdentifierCharacter) }) else { return nil }
            build = parts.map(String.init)
            rest = rest[..<plus]
        }
        var prerelease: [Identifier] = []
        if let dash = rest.firstIndex(of: "-") {
            let parts = rest[rest.index(after: dash)...].split(separator: ".", omittingEmptySubsequences: false)
            for part in parts {
                guard let identifier = Self.prereleaseIdentifier(part) else { return nil }
                prerelease.append(identifier)
            }
            rest = rest[..<dash]
        }
        let core = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard core.count == 3, let major = Self.number(core[0]), let minor = Self.number(core[1]),
              let patch = Self.number(core[2]) else { return nil }
        self.init(major, minor, patch, prerelease: prerelease, build: build)
    }

    /// Parses leniently, the way tools accept what people type: surrounding whitespace, a leading
    /// `v` or `=`, and a missing minor or patch (`1`, `1.2`, which become `1.0.0`, `1.2.0`).
    public static func lenient(_ text: String) -> SemanticVersion? {
        var trimmed = Substring(text.trimmingCharacters(in: .whitespaces))
        while let first = trimmed.first, first == "v" || first == "V" || first == "=" { trimmed = trimmed.dropFirst() }
        if let strict = SemanticVersion(String(trimmed)) { return strict }
        // Pad the numeric core only; a suffix keeps its meaning.
        let coreEnd = trimmed.firstIndex(where: { $0 == "-" || $0 == "+" }) ?? trimmed.endIndex
        let core = trimmed[..<coreEnd].split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(core.count) else { return nil }
        let padded = core.map(String.init) + Array(repeating: "0", count: 3 - core.count)
        return SemanticVersion(padded.joined(separator: ".") + trimmed[coreEnd...])
    }

    /// True when the version has pre-release identifiers.
    public var isPrerelease: Bool { !prerelease.isEmpty }

    /// The canonical string.
    public var description: String {
        var text = "\(major).\(minor).\(patch)"
        if !prerelease.isEmpty { text += "-" + prerelease.map(\.description).joined(separator: ".") }
        if !build.isEmpty { text += "+" + build.joined(separator: ".") }
        return text
    }

    /// The same version without pre-release or build.
    public var release: SemanticVersion { SemanticVersion(major, minor, patch) }

    /// Precedence as semver.org §11 defines it: build metadata does not count.
    public func compareIgnoringBuild(_ other: SemanticVersion) -> Int {
        if (major, minor, patch) != (other.major, other.minor, other.patch) {
            return (major, minor, patch) < (other.major, other.minor, other.patch) ? -1 : 1
        }
        switch (prerelease.isEmpty, other.prerelease.isEmpty) {
        case (true, true): return 0
        case (true, false): return 1   // a release outranks its pre-releases
        case (false, true): return -1
        case (false, false): break
        }
        // Element-wise, then the longer list wins when one is a prefix of the other.
        for (a, b) in zip(prerelease, other.prerelease) where a != b { return a < b ? -1 : 1 }
        return prerelease.count == other.prerelease.count ? 0 : (prerelease.count < other.prerelease.count ? -1 : 1)
    }

    /// Precedence, then build metadata as a tie-breaker (none before some, then identifier-wise).
    public static func < (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool {
        let order = lhs.compareIgnoringBuild(rhs)
        if order != 0 { return order < 0 }
        let left = lhs.build.map(Self.buildIdentifier), right = rhs.build.map(Self.buildIdentifier)
        if left != right { return left.lexicographicallyPrecedes(right) }
        // `01` and `1` read as the same number; the text still tells them apart.
        return lhs.build.joined(separator: ".") < rhs.build.joined(separator: ".")
    }

    static func isIdentifierCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "-")
    }

    private static func buildIdentifier(_ text: String) -> Identifier {
        if text.allSatisfy(\.isVersionDigit), let value = UInt64(text) { return .numeric(value) }
        return .alphanumeric(text)
    }

    /// A numeric core part: digits, no leading zero, fits 64 bits.
    static func number(_ text: Substring) -> UInt64? {
        guard !text.isEmpty, text.allSatisfy(\.isVersionDigit), text == "0" || text.first != "0" else { return nil }
        return UInt64(text)
    }

    static func prereleaseIdentifier(_ text: Substring) -> Identifier? {
        guard !text.isEmpty, text.allSatisfy(isIdentifierCharacter) else { return nil }
        if text.allSatisfy(\.isVersionDigit) {
            guard text == "0" || text.first != "0", let value = UInt64(text) else { return nil }
            return .numeric(value)
        }
        return .alphanumeric(String(text))
    }
}

extension Character {
    /// `0`…`9` only: `isNumber` also accepts other scripts' digits, which no version grammar does.
    var isVersionDigit: Bool { isASCII && isWholeNumber }
}
