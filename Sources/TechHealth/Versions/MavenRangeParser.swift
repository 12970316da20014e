import Foundation

/// Reads Maven version ranges: `[1.0]`, `[1.0,2.0)`, `(,1.0]`, `[1.5,)`, unions
/// `[1.0,2.0),[3.0,)`; a bare version is Maven's "soft" requirement, which any version satisfies.
enum MavenRangeParser {
    static func parse(_ text: String) -> [[VersionConstraint]]? {
        guard let first = text.first else { return nil }
        guard first == "[" || first == "(" else {
            return MavenVersion(text) == nil ? nil : [[]]
        }
        var alternatives: [[VersionConstraint]] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            guard let open = rest.first, open == "[" || open == "(",
                  let closeIndex = rest.firstIndex(where: { $0 == "]" || $0 == ")" }) else { return nil }
            let close = rest[closeIndex]
            let body = rest[rest.index(after: rest.startIndex)..<closeIndex]
            let bounds = body.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            var set: [VersionConstraint] = []
            switch bounds.count {
            case 1:
                // `[1.0]` is the only one-bound form; `(1.0)` means nothing.
                guard open == "[", close == "]", let version = wrap(bounds[0]) else { return nil }
                set.append(VersionConstraint(op: .equal, version: version))
            case 2:
                if !bounds[0].isEmpty {
                    guard let low = wrap(bounds[0]) else { return nil }
                    set.append(VersionConstraint(op: open == "[" ? .greaterOrEqual : .greater, version: low))
                }
                if !bounds[1].isEmpty {
                    guard let high = wrap(bounds[1]) else { return nil }
                    set.append(VersionConstraint(op: close == "]" ? .lessOrEqual : .less, version: high))
                }
                if let low = set.first, let high = set.last, set.count == 2, high.version < low.version { return nil }
            default:
                return nil
            }
            alternatives.append(set)
            rest = rest[rest.index(after: closeIndex)...].drop(while: { $0 == " " })
            if rest.first == "," { rest = rest.dropFirst().drop(while: { $0 == " " }) } else if !rest.isEmpty { return nil }
        }
        return alternatives
    }

    private static func wrap(_ text: String) -> ParsedVersion? { VersionScheme.maven.parse(text) }
}

