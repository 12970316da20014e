import Foundation

/// Reads node-semver ranges and Cargo requirements into constraint sets over SemVer.
///
/// Both desugar partial versions the same way (`~1.2` = `>=1.2.0 <1.3.0-0`, `^0.2.3` =
/// `>=0.2.3 <0.3.0-0`); they differ in the default operator (npm: exact, Cargo: caret) and in
/// the separators (npm: spaces and `||`, hyphen ranges; Cargo: commas).
enum SemverRangeParser {
    /// A version with missing or wildcard parts (`1`, `1.x`, `1.2.*`, `*`).
    struct Partial {
        var major: UInt64?
        var minor: UInt64?
        var patch: UInt64?
        var prerelease: [SemanticVersion.Identifier] = []

        /// The missing parts filled with zeros, keeping the pre-release only when complete.
        var floor: SemanticVersion {
            SemanticVersion(major ?? 0, minor ?? 0, patch ?? 0, prerelease: patch == nil ? [] : prerelease)
        }
    }

    /// Operators longest first, so `>=` is not read as `>`.
    private static let operators = ["~>", ">=", "<=", ">", "<", "=", "~", "^"]

    static func npm(_ text: String, scheme: VersionScheme, allowSwiftIntervals: Bool) -> [[VersionConstraint]]? {
        if allowSwiftIntervals, let interval = swiftInterval(text, scheme: scheme) { return [interval] }
        var alternatives: [[VersionConstraint]] = []
        for alternative in text.components(separatedBy: "||") {
            let trimmed = alternative.trimmingCharacters(in: .whitespaces)
            guard let set = npmSet(trimmed, scheme: scheme) else { return nil }
            alternatives.append(set)
        }
        return alternatives
    }

    static func cargo(_ text: String, scheme: VersionScheme) -> [[VersionConstraint]]? {
        var set: [VersionConstraint] = []
        for piece in text.split(separator: ",", omittingEmptySubsequences: false) {
            let token = piece.trimmingCharacters(in: .whitespaces)
            guard !token.isEmpty else { return nil }
            let (op, rest) = splitOperator(Substring(token))
            guard op != "~>" else { return nil }
            // Cargo has no `v` prefix and needs the operator-less form to be a version.
            guard let partial = parsePartial(rest.trimmingCharacters(in: .whitespaces), allowPrefix: false) else { return nil }
            // `1.2.*` is a wildcard requirement, `1.2` a caret one: only the written wildcard says which.
            let hasWildcard = rest.contains { $0 == "*" || $0 == "x" || $0 == "X" }
            guard let constraints = desugar(op.isEmpty ? (hasWildcard ? "=" : "^") : op, partial, scheme: scheme) else { return nil }
            set += constraints
        }
        return [set]
    }

    private static func npmSet(_ text: String, scheme: VersionScheme) -> [VersionConstraint]? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        // Hyphen range: `A - B` (whitespace around the hyphen is required).
        if words.count == 3, words[1] == "-" {
            guard let low = parsePartial(words[0], allowPrefix: true), let high = parsePartial(words[2], allowPrefix: true) else { return nil }
            var set: [VersionConstraint] = []
            if low.major != nil { set.append(constraint(.greaterOrEqual, low.floor, scheme)) }
            if let major = high.major {
                if let minor = high.minor {
                    if high.patch != nil {
                        set.append(constraint(.lessOrEqual, high.floor, scheme))
                    } else {
                        set.append(constraint(.less, SemanticVersion(major, bump(minor), 0, prerelease: [.numeric(0)]) , scheme))
                    }
                } else {
                    set.append(constraint(.less, SemanticVersion(bump(major), 0, 0, prerelease: [.numeric(0)]), scheme))
                }
            }
            return set
        }
        // Join a bare operator with the version after it (`>= 1.2.3`).
        var tokens: [String] = []
        var pending = ""
        for word in words {
            if operators.contains(word) {
                pending += word
            } else {
                tokens.append(pending + word)
                pending = ""
            }
        }
        guard pending.isEmpty else { return nil }
        var set: [VersionConstraint] = []
        for token in tokens {
            let (op, rest) = splitOperator(Substring(token))
            guard let partial = parsePartial(String(rest), allowPrefix: true),
                  let constraints = desugar(op == "~>" ? "~" : op, partial, scheme: scheme) else { return nil }
            set += constraints
        }
        return set
    }

    /// SwiftPM's `"1.0.0"..<"2.0.0"` and `"1.0.0"..."1.5.0"`.
    private static func swiftInterval(_ text: String, scheme: VersionScheme) -> [VersionConstraint]? {
        let unquoted = text.replacingOccurrences(of: "\"", with: "")
        for (separator, upper) in [("..<", VersionConstraint.Operator.less), ("...", .lessOrEqual)] {
            let parts = unquoted.components(separatedBy: separator)
            guard parts.count == 2 else { continue }
            guard let low = scheme.parse(parts[0]), let high = scheme.parse(parts[1]) else { return nil }
            return [VersionConstraint(op: .greaterOrEqual, version: low), VersionConstraint(op: upper, version: high)]
        }
        return nil
    }

    private static func splitOperator(_ token: Substring) -> (String, Substring) {
        for op in operators where token.hasPrefix(op) {
            return (op, token.dropFirst(op.count))
        }
        return ("", token)
    }

    /// Reads `1`, `1.2`, `1.x`, `1.2.3-beta.1+build`, `*`, `x`, and the empty string (any).
    static func parsePartial(_ text: String, allowPrefix: Bool) -> Partial? {
        var rest = Substring(text)
        if allowPrefix { while let first = rest.first, first == "v" || first == "=" { rest = rest.dropFirst() } }
        if let plus = rest.firstIndex(of: "+") {
            let build = rest[rest.index(after: plus)...]
            guard build.split(separator: ".", omittingEmptySubsequences: false)
                .allSatisfy({ !$0.isEmpty && $0.allSatisfy(SemanticVersion.isIdentifierCharacter) }) else { return nil }
            rest = rest[..<plus]
        }
        var partial = Partial()
        if rest.isEmpty { return partial }
        var prerelease: [SemanticVersion.Identifier] = []
        if let dash = rest.firstIndex(of: "-") {
            for part in rest[rest.index(after: dash)...].split(separator: ".", omittingEmptySubsequences: false) {
                guard let identifier = SemanticVersion.prereleaseIdentifier(part) else { return nil }
                prerelease.append(identifier)
            }
            rest = rest[..<dash]
        }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count) else { return nil }
        var numbers: [UInt64?] = []
        var sawWildcard = false
        for part in parts {
            if part == "x" || part == "X" || part == "*" {
                sawWildcard = true
                numbers.append(nil)
            } else {
                // After a wildcard, later parts are ignored as node-semver ignores them.
                guard let number = SemanticVersion.number(part) ?? (part.allSatisfy(\.isVersionDigit) ? UInt64(part) : nil) else {
                    return nil
                }
                numbers.append(sawWildcard ? nil : number)
            }
        }
        numbers += [nil, nil]
        partial.major = numbers[0]
        partial.minor = partial.major == nil ? nil : numbers[1]
        partial.patch = partial.minor == nil ? nil : numbers[2]
        partial.prerelease = partial.patch == nil ? [] : prerelease
        return partial
    }

    /// node-semver's desugaring of one comparator; an empty result admits everything.
    static func desugar(_ op: String, _ p: Partial, scheme: VersionScheme) -> [VersionConstraint]? {
        let zero: [SemanticVersion.Identifier] = [.numeric(0)]
        func make(_ op: VersionConstraint.Operator, _ version: SemanticVersion) -> VersionConstraint { constraint(op, version, scheme) }
        let nothing = [make(.less, SemanticVersion(0, 0, 0, prerelease: zero))]
        switch op {
        case "", "=":
            guard let major = p.major else { return [] }
            guard let minor = p.minor else {
                return [make(.greaterOrEqual, SemanticVersion(major, 0, 0)), make(.less, SemanticVersion(bump(major), 0, 0, prerelease: zero))]
            }
            guard p.patch != nil else {
                return [make(.greaterOrEqual, SemanticVersion(major, minor, 0)), make(.less, SemanticVersion(major, bump(minor), 0, prerelease: zero))]
            }
            return [make(.equal, p.floor)]
        case "~":
            guard let major = p.major else { return [] }
            guard let minor = p.minor else {
                return [make(.greaterOrEqual, SemanticVersion(major, 0, 0)), make(.less, SemanticVersion(bump(major), 0, 0, prerelease: zero))]
            }
            return [make(.greaterOrEqual, p.floor), make(.less, SemanticVersion(major, bump(minor), 0, prerelease: zero))]
        case "^":
            guard let major = p.major else { return [] }
            let upper: SemanticVersion
            if major > 0 {
                upper = SemanticVersion(bump(major), 0, 0, prerelease: zero)
            } else if let minor = p.minor, minor > 0 {
                upper = SemanticVersion(0, bump(minor), 0, prerelease: zero)
            } else if p.minor == nil {
                upper = SemanticVersion(1, 0, 0, prerelease: zero)
            } else if let patch = p.patch {
                upper = SemanticVersion(0, 0, bump(patch), prerelease: zero)
            } else {
                upper = SemanticVersion(0, 1, 0, prerelease: zero)
            }
            return [make(.greaterOrEqual, p.floor), make(.less, upper)]
        case ">":
            guard let major = p.major else { return nothing }
            guard let minor = p.minor else { return [make(.greaterOrEqual, SemanticVersion(bump(major), 0, 0))] }
            guard p.patch != nil else { return [make(.greaterOrEqual, SemanticVersion(major, bump(minor), 0))] }
            return [make(.greater, p.floor)]
        case ">=":
            guard p.major != nil else { return [] }
            return [make(.greaterOrEqual, p.floor)]
        case "<":
            guard p.major != nil else { return nothing }
            return [make(.less, p.patch == nil ? SemanticVersion(p.major ?? 0, p.minor ?? 0, 0, prerelease: zero) : p.floor)]
        case "<=":
            guard let major = p.major else { return [] }
            guard let minor = p.minor else { return [make(.less, SemanticVersion(bump(major), 0, 0, prerelease: zero))] }
            guard p.patch != nil else { return [make(.less, SemanticVersion(major, bump(minor), 0, prerelease: zero))] }
            return [make(.lessOrEqual, p.floor)]
        default:
            return nil
        }
    }

    private static func constraint(_ op: VersionConstraint.Operator, _ version: SemanticVersion, _ scheme: VersionScheme) -> VersionConstraint {
        VersionConstraint(op: op, version: ParsedVersion(text: version.description, scheme: scheme, value: .semver(version)))
    }

    /// +1 without trapping on a hostile 20-digit number.
    private static func bump(_ value: UInt64) -> UInt64 { value == .max ? .max : value + 1 }
}
