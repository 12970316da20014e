import Foundation

/// Which backticked tokens in the docs are taken for repository paths.
///
/// The aim is few false alarms: a token counts only when it is one word (no whitespace), contains
/// a `/`, and either ends in `/` (`cmd/api/`) or ends in a file name with an extension holding a
/// letter (`src/server/routes.ts`, `.github/workflows/ci.yml`). A trailing `:line` or `:line:col`
/// and a `#L12` anchor are taken off. Left alone: URLs and anything with a scheme, absolute (`/etc/…`)
/// and home (`~/…`) paths, which name the machine rather than the repository; options (`--foo`);
/// globs and templates (`*`, `?`, `[`, `{`, `$`, `<`, `%`); commands and assignments (`=`, `|`,
/// quotes, `(`); host-like first segments (`github.com/org/repo.go`); Windows paths.
enum CodePathMention {
    /// The path a code span's content names, or nil when it does not look like one.
    static func path(_ content: String) -> String? {
        guard !content.isEmpty, content.count <= 300 else { return nil }
        guard !content.contains(where: { $0.isWhitespace }) else { return nil }
        guard content.contains("/"), !content.contains("://"), !DocsLinkTarget.hasScheme(content) || isLineSuffixed(content) else { return nil }
        guard let first = content.first, first != "/", first != "~", first != "-", first != "@" else { return nil }
        let forbidden: Set<Character> = ["*", "?", "[", "]", "{", "}", "$", "<", ">", "%", "=", "|", "\"", "'", "(", ")", ",", ";", "\\", "&", "!", "^", "`"]
        guard !content.contains(where: { forbidden.contains($0) }) else { return nil }

        var path = Substring(content)
        if let hash = path.firstIndex(of: "#") { path = path[..<hash] }
        path = strippingLineSuffix(path)
        guard !path.contains(":"), !path.isEmpty else { return nil }
        // Only dots and slashes (`./`, `../`) name no particular file.
        guard path.contains(where: { $0 != "." && $0 != "/" }) else { return nil }

        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        if let head = segments.first, head.contains("."), !head.hasPrefix("."), segments.count > 1 {
            // `github.com/…`, `example.org/x.html`: a host, not a folder.
            return nil
        }
        if path.hasSuffix("/") { return String(path) }
        guard let name = segments.last, let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        let fileExtension = name[name.index(after: dot)...]
        guard (1...10).contains(fileExtension.count), fileExtension.contains(where: \.isLetter),
              fileExtension.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) else { return nil }
        return String(path)
    }

    /// Whether the only colons are a `:12` or `:12:3` line suffix.
    private static func isLineSuffixed(_ text: String) -> Bool {
        let stripped = strippingLineSuffix(Substring(text))
        return !stripped.contains(":")
    }

    /// `path` without a trailing `:12` or `:12:3`.
    private static func strippingLineSuffix(_ path: Substring) -> Substring {
        var result = path
        for _ in 0..<2 {
            guard let colon = result.lastIndex(of: ":") else { break }
            let tail = result[result.index(after: colon)...]
            guard !tail.isEmpty, tail.allSatisfy(\.isNumber) else { break }
            result = result[..<colon]
        }
        return result
    }
}
