import Foundation

/// Which link targets are checked, and the file path each names.
///
/// Checked: relative paths, as mkdocs resolves them (relative to the Markdown file's folder),
/// with any `#anchor` or `?query` taken off and `%20`-style escapes decoded. Not checked: links with
/// a scheme (`https:`, `mailto:`, `data:` …), site-absolute links (`/…`, which depend on where the
/// site is served), in-page anchors (`#…`), and templated links (`{{ … }}`, `{% … %}`).
enum DocsLinkTarget {
    /// The relative file path `target` names, or nil when it is not a link to check.
    static func relativePath(_ target: String) -> String? {
        let trimmed = target.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, !trimmed.hasPrefix("#"), !trimmed.hasPrefix("/"), !trimmed.hasPrefix("\\") else { return nil }
        guard !hasScheme(trimmed), !trimmed.contains("{{"), !trimmed.contains("{%") else { return nil }
        var path = Substring(trimmed)
        if let cut = path.firstIndex(where: { $0 == "#" || $0 == "?" }) { path = path[..<cut] }
        guard !path.isEmpty else { return nil }
        return String(path).removingPercentEncoding ?? String(path)
    }

    /// Whether `text` starts with a URI scheme (`letter (letter | digit | + - .)* :`).
    static func hasScheme(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":"), colon != text.startIndex else { return false }
        let scheme = text[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter else { return false }
        return scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }
    }
}
