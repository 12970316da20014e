import Foundation

/// An ecosystem's version grammar, ordering and range syntax: the one entry point for "parse",
/// "compare" and "satisfies".
///
/// ```swift
/// let npm = VersionScheme.for(.npm)
/// npm.compare("1.0.0-alpha", "1.0.0")          // .orderedAscending
/// npm.satisfies("1.4.2", range: "^1.2.3")       // true
/// ```
/// Nothing here traps on bad input: unparsable versions and ranges give nil.
public enum VersionScheme: String, Sendable, Hashable, Codable, CaseIterable {
    /// Strict SemVer 2.0.0, npm-style ranges.
    case semver
    /// SemVer with node-semver's leniency (`v`/`=` prefixes) and its range syntax.
    case npm
    /// SemVer with Cargo's requirement syntax (bare version = caret, comma = AND).
    case cargo
    /// SwiftPM: SemVer, a leading `v` and missing minor/patch tolerated (git tags); npm-style
    /// ranges plus `"1.0.0"..<"2.0.0"` and `...`.
    case swift
    /// PEP 440 versions and specifiers (plus Poetry's `^`/`~` sugar).
    case pep440
    /// Maven `ComparableVersion` and Maven version ranges.
    case maven
    /// Go module versions (`v` + SemVer, pseudo-versions); comparator ranges (`>=v1.2.0, <v2`).
    case goModule = "go"
    /// Go toolchain versions (`1.22`, `1.21rc1`, `1.22.3`); comparator ranges.
    case goToolchain = "go-toolchain"
    /// RubyGems `Gem::Version` and requirements (`~> 2.2`, `>= 1, < 2`).
    case rubygems
    /// Docker image tags and runtime pins: the leading dotted number (`3.11` of `3.11-slim`),
    /// compared as SemVer; npm-style ranges.
    case docker

    /// The scheme an ecosystem's registry versions follow.
    public static func `for`(_ ecosystem: Ecosystem) -> VersionScheme {
        switch ecosystem {
        case .npm: .npm
        case .cargo: .cargo
        case .swift: .swift
        case .pypi: .pep440
        case .maven: .maven
        case .go: .goModule
        case .rubygems: .rubygems
        case .docker: .docker
        }
    }

    /// The scheme a runtime's versions follow, by endoflife.date product name.
    public static func forRuntime(_ product: String) -> VersionScheme {
        switch product.lowercased() {
        case "python": .pep440
        case "go", "golang": .goToolchain
        case "ruby": .rubygems
        default: .docker
        }
    }

    /// Parses a version; nil when the text is not one in this scheme.
    public func parse(_ text: String) -> ParsedVersion? {
        // Bound the work on hostile input: no real version is this long.
        guard text.utf8.count <= 256 else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let value: ParsedVersion.Value?
        switch self {
        case .semver, .cargo: value = SemanticVersion(trimmed).map(ParsedVersion.Value.semver)
        case .npm:
            var rest = Substring(trimmed)
            while let first = rest.first, first == "v" || first == "=" { rest = rest.dropFirst() }
            value = SemanticVersion(String(rest)).map(ParsedVersion.Value.semver)
        case .swift: value = SemanticVersion.lenient(trimmed).map(ParsedVersion.Value.semver)
        case .docker: value = Self.numericPrefix(trimmed).map(ParsedVersion.Value.semver)
        case .pep440: value = PEP440Version(trimmed).map(ParsedVersion.Value.pep440)
        case .maven: value = MavenVersion(trimmed).map(ParsedVersion.Value.maven)
        case .goModule: value = GoModuleVersion(trimmed).map(ParsedVersion.Value.goModule)
        case .goToolchain: value = GoToolchainVersion(trimmed).map(ParsedVersion.Value.goToolchain)
        case .rubygems:
            // `3.3.5p100` is how Ruby prints itself; the patchlevel is not part of the version.
            value = GemVersion(Self.strippingRubyPatchlevel(trimmed)).map(ParsedVersion.Value.gem)
        }
        return value.map { ParsedVersion(text: trimmed, scheme: self, value: $0) }
    }

    /// Compares two versions; nil when either does not parse.
    public func compare(_ lhs: String, _ rhs: String) -> ComparisonResult? {
        guard let left = parse(lhs), let right = parse(rhs) else { return nil }
        return left.compare(right)
    }

    /// Parses a range in this scheme's syntax; nil when it is not one.
    public func range(_ text: String) -> VersionRange? {
        guard text.utf8.count <= 1024 else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let alternatives: [[VersionConstraint]]?
        var rule = VersionRange.PrereleaseRule.always
        switch self {
        case .npm, .semver, .docker, .swift:
            alternatives = SemverRangeParser.npm(trimmed, scheme: self, allowSwiftIntervals: self == .swift)
            rule = .sameRelease
        case .cargo:
            alternatives = SemverRangeParser.cargo(trimmed, scheme: self)
            rule = .sameRelease
        case .pep440: alternatives = PEP440SpecifierParser.parse(trimmed)
        case .maven: alternatives = MavenRangeParser.parse(trimmed)
        case .rubygems: alternatives = GemRequirementParser.parse(trimmed)
        case .goModule:
            alternatives = ComparatorRangeParser.parse(trimmed) { text in
                GoModuleVersion(text, requirePrefix: false).map { ParsedVersion(text: text, scheme: .goModule, value: .goModule($0)) }
            }
        case .goToolchain: alternatives = ComparatorRangeParser.parse(trimmed) { VersionScheme.goToolchain.parse($0) }
        }
        return alternatives.map { VersionRange(text: trimmed, scheme: self, alternatives: $0, prereleaseRule: rule) }
    }

    /// True when `version` lies in `range`; nil when either does not parse.
    public func satisfies(_ version: String, range: String) -> Bool? {
        guard let parsed = parse(version), let parsedRange = self.range(range) else { return nil }
        return parsedRange.contains(parsed)
    }

    /// Sorts versions ascending; texts that do not parse go last, in string order.
    public func sorted(_ versions: [String]) -> [String] {
        let parsed = versions.map { ($0, parse($0)) }
        return parsed.sorted { a, b in
            switch (a.1, b.1) {
            case (let x?, let y?): x < y || (x == y && a.0 < b.0)
            case (.some, nil): true
            case (nil, .some): false
            case (nil, nil): a.0 < b.0
            }
        }.map(\.0)
    }

    /// `3.11` of `3.11-slim-bookworm`, `v20` of `v20.11`, padded to SemVer's three numbers.
    static func numericPrefix(_ text: String) -> SemanticVersion? {
        var rest = Substring(text)
        if rest.first == "v" || rest.first == "V" { rest = rest.dropFirst() }
        var numbers: [UInt64] = []
        for part in rest.split(separator: ".", omittingEmptySubsequences: false) {
            let digits = part.prefix(while: \.isVersionDigit)
            guard !digits.isEmpty, let number = UInt64(digits) else { break }
            numbers.append(number)
            if digits.count != part.count { break }
        }
        guard !numbers.isEmpty else { return nil }
        numbers += [0, 0]
        return SemanticVersion(numbers[0], numbers[1], numbers[2])
    }

    static func strippingRubyPatchlevel(_ text: String) -> String {
        guard let p = text.lastIndex(of: "p"), p != text.startIndex,
              text[text.index(before: p)].isVersionDigit,
              text[text.index(after: p)...].allSatisfy(\.isVersionDigit), text.index(after: p) != text.endIndex else { return text }
        return String(text[..<p])
    }
}
