import Foundation

/// Reads plain comparator ranges for schemes without a range syntax of their own (Go):
/// `>=v1.2.0, <v2.0.0`, `>=1.22 <1.24`, `=v1.4.0`, alternatives with `||`; `*` admits all.
enum ComparatorRangeParser {
    private static let operators = [">=", "<=", "!=", "==", "=", ">", "<"]

    static func parse(_ text: String, version: (String) -> ParsedVersion?) -> [[VersionConstraint]]? {
        var alternatives: [[VersionConstraint]] = []
        for alternative in text.components(separatedBy: "||") {
            let words = alternative.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }).map(String.init)
            if words.isEmpty || words == ["*"] {
                alternatives.append([])
                continue
            }
            var tokens: [String] = []
            var pending = ""
            for word in words {
                if operators.contains(word) { pending += word } else {
                    tokens.append(pending + word)
                    pending = ""
                }
            }
            guard pending.isEmpty else { return nil }
            var set: [VersionConstraint] = []
            for token in tokens {
                var rest = Substring(token)
                var op = "="
                for candidate in operators where rest.hasPrefix(candidate) {
                    op = candidate
                    rest = rest.dropFirst(candidate.count)
                    break
                }
                guard let parsed = version(String(rest)) else { return nil }
                let kind: VersionConstraint.Operator = switch op {
                case ">=": .greaterOrEqual
                case "<=": .lessOrEqual
                case "!=": .notEqual
                case ">": .greater
                case "<": .less
                default: .equal
                }
                set.append(VersionConstraint(op: kind, version: parsed))
            }
            alternatives.append(set)
        }
        return alternatives
    }
}
