import Foundation

/// Reads RubyGems requirements: `~> 2.2`, `>= 1.0, < 2`, `= 1.2.3`, a bare version (`=`),
/// optionally in parentheses as Gemfile.lock writes them.
enum GemRequirementParser {
    private static let operators = ["~>", ">=", "<=", "!=", "=", ">", "<"]

    static func parse(_ text: String) -> [[VersionConstraint]]? {
        var inner = Substring(text)
        if inner.first == "(" && inner.last == ")" { inner = inner.dropFirst().dropLast() }
        var set: [VersionConstraint] = []
        for piece in inner.split(separator: ",", omittingEmptySubsequences: false) {
            var rest = Substring(piece.trimmingCharacters(in: .whitespaces))
            var op = "="
            for candidate in operators where rest.hasPrefix(candidate) {
                op = candidate
                rest = rest.dropFirst(candidate.count)
                break
            }
            let operand = rest.trimmingCharacters(in: .whitespaces)
            guard !operand.isEmpty, let version = VersionScheme.rubygems.parse(operand) else { return nil }
            let kind: VersionConstraint.Operator = switch op {
            case "~>": .pessimistic
            case ">=": .greaterOrEqual
            case "<=": .lessOrEqual
            case "!=": .notEqual
            case ">": .greater
            case "<": .less
            default: .equal
            }
            set.append(VersionConstraint(op: kind, version: version))
        }
        return [set]
    }
}

