/// Shell-style glob matching for Location targets: `*` and `?` within one path segment, `**`
/// across segments, `[abc]` character classes. Public for the scaffolder's `copyWithoutTemplating`
/// and `fs:delete` globs.
public struct Glob: Sendable {
    private let segments: [Substring]

    /// A matcher for `pattern` (`/`-separated).
    public init(_ pattern: String) {
        segments = pattern.split(separator: "/", omittingEmptySubsequences: true)
    }

    /// Whether a pattern contains glob syntax at all.
    public static func isPattern(_ text: String) -> Bool {
        text.contains { $0 == "*" || $0 == "?" || $0 == "[" }
    }

    /// Whether `path` (relative, `/`-separated) matches the whole pattern.
    public func matches(_ path: String) -> Bool {
        Self.match(segments[...], path.split(separator: "/", omittingEmptySubsequences: true)[...])
    }

    private static func match(_ pattern: ArraySlice<Substring>, _ path: ArraySlice<Substring>) -> Bool {
        guard let head = pattern.first else { return path.isEmpty }
        if head == "**" {
            let rest = pattern.dropFirst()
            var remaining = path
            while true {
                if match(rest, remaining) { return true }
                guard !remaining.isEmpty else { return false }
                remaining = remaining.dropFirst()
            }
        }
        guard let segment = path.first, matchSegment(Array(head), Array(segment)) else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
    }

    /// Matches one segment, backtracking over `*`.
    private static func matchSegment(_ pattern: [Character], _ text: [Character]) -> Bool {
        var p = 0, t = 0
        var starP = -1, starT = 0
        while t < text.count {
            if p < pattern.count, pattern[p] == "*" {
                starP = p; starT = t; p += 1
            } else if p < pattern.count, let (matched, next) = matchOne(pattern, p, text[t]), matched {
                p = next; t += 1
            } else if starP >= 0 {
                p = starP + 1; starT += 1; t = starT
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }

    /// Matches one pattern element (`?`, a class or a literal) at `p`; returns the next index.
    private static func matchOne(_ pattern: [Character], _ p: Int, _ character: Character) -> (Bool, Int)? {
        switch pattern[p] {
        case "?": return (true, p + 1)
        case "[":
            guard let close = pattern[(p + 1)...].firstIndex(of: "]") else { return (pattern[p] == character, p + 1) }
            var members = Array(pattern[(p + 1)..<close])
            let negated = members.first == "!" || members.first == "^"
            if negated { members.removeFirst() }
            var found = false
            var index = 0
            while index < members.count {
                if index + 2 < members.count, members[index + 1] == "-" {
                    if members[index] <= character && character <= members[index + 2] { found = true }
                    index += 3
                } else {
                    if members[index] == character { found = true }
                    index += 1
                }
            }
            return (found != negated, close + 1)
        default:
            return (pattern[p] == character, p + 1)
        }
    }
}
