import Foundation

/// Reads PEP 440 specifier sets (`>=2.31,<3`, `~=1.4.5`, `==1.2.*`, `===foo`), plus the Poetry
/// sugar Python projects also write (`^1.2`, `~1.2`, a bare version, `1.2.*`, `*`).
enum PEP440SpecifierParser {
    private static let operators = ["===", "~=", "==", "!=", "<=", ">=", "<", ">", "^", "~"]

    static func parse(_ text: String) -> [[VersionConstraint]]? {
        // Poetry writes `||` for alternatives; PEP 440 itself has none.
        var alternatives: [[VersionConstraint]] = []
        for alternative in text.components(separatedBy: "||") {
            var set: [VersionConstraint] = []
            let clauses = alternative.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            if clauses == [""] || clauses == ["*"] {
                alternatives.append([])
                continue
            }
            for clause in clauses {
                guard let constraints = self.clause(clause) else { return nil }
                set += constraints
            }
            alternatives.append(set)
        }
        return alternatives
    }

    private static func clause(_ clause: String) -> [VersionConstraint]? {
        guard !clause.isEmpty else { return nil }
        var op = ""
        var rest = Substring(clause)
        for candidate in operators where rest.hasPrefix(candidate) {
            op = candidate
            rest = rest.dropFirst(candidate.count)
            break
        }
        let operand = rest.trimmingCharacters(in: .whitespaces)
        if op == "===" {
            guard !operand.isEmpty else { return nil }
            return [VersionConstraint(op: .arbitraryEqual, version: ParsedVersion(text: operand, scheme: .pep440, value: .pep440(PEP440Version(epoch: 0, release: [0], pre: nil, post: nil, dev: nil, local: []))))]
        }
        if operand.hasSuffix(".*") {
            guard op == "==" || op == "!=" || op == "", let prefix = PEP440Version(String(operand.dropLast(2))),
                  prefix.pre == nil, prefix.post == nil, prefix.dev == nil, prefix.local.isEmpty else { return nil }
            return [VersionConstraint(op: .releasePrefix(excluded: op == "!="), version: wrap(prefix, operand))]
        }
        guard let version = PEP440Version(operand) else { return nil }
        let parsed = wrap(version, operand)
        switch op {
        case "==", "": return [VersionConstraint(op: .pep440(.equal), version: parsed)]
        case "!=": return [VersionConstraint(op: .pep440(.notEqual), version: parsed)]
        case "<=": return [VersionConstraint(op: .pep440(.lessOrEqual), version: parsed)]
        case ">=": return [VersionConstraint(op: .pep440(.greaterOrEqual), version: parsed)]
        case "<": return [VersionConstraint(op: .pep440Less, version: parsed)]
        case ">": return [VersionConstraint(op: .pep440Greater, version: parsed)]
        case "~=":
            // `~=2.2.post3` is `>=2.2.post3, ==2.*`; it needs at least two release numbers.
            guard version.release.count >= 2, version.local.isEmpty else { return nil }
            let prefix = PEP440Version(epoch: version.epoch, release: Array(version.release.dropLast()), pre: nil, post: nil, dev: nil, local: [])
            return [VersionConstraint(op: .pep440(.greaterOrEqual), version: parsed),
                    VersionConstraint(op: .releasePrefix(excluded: false), version: wrap(prefix, prefix.description))]
        case "^", "~":
            let upper = poetryUpper(op, version.release)
            let bound = PEP440Version(epoch: version.epoch, release: upper, pre: nil, post: nil, dev: nil, local: [])
            return [VersionConstraint(op: .pep440(.greaterOrEqual), version: parsed),
                    VersionConstraint(op: .pep440Less, version: wrap(bound, bound.description))]
        default: return nil
        }
    }

    /// Poetry's bounds: caret bumps the left-most non-zero number, tilde the minor (or the major
    /// when only a major is given).
    private static func poetryUpper(_ op: String, _ release: [UInt64]) -> [UInt64] {
        func bumped(_ index: Int) -> [UInt64] {
            var numbers = Array(release.prefix(index + 1))
            numbers[index] = numbers[index] == .max ? .max : numbers[index] + 1
            return numbers
        }
        if op == "~" { return bumped(min(1, release.count - 1)) }
        let index = release.firstIndex { $0 != 0 } ?? (release.count - 1)
        return bumped(index)
    }

    private static func wrap(_ version: PEP440Version, _ text: String) -> ParsedVersion {
        ParsedVersion(text: text, scheme: .pep440, value: .pep440(version))
    }
}

