import Foundation

/// Compares repository addresses the way people mean them: `https://github.com/Acme/Catalog.git`,
/// `git@github.com:acme/catalog`, `ssh://git@github.com/acme/catalog` and the web address are one
/// repository, so a push webhook finds the configured source whichever form each side uses.
enum RepositoryAddress {
    /// `host/owner/name` in lower case, without scheme, user, port, `.git` or trailing slash; a
    /// local path (or `file://` URL) stays a standardised absolute path.
    static func key(_ address: String) -> String {
        var text = address.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.hasPrefix("file://") {
            text = URL(string: text)?.path ?? String(text.dropFirst("file://".count))
        }
        let isLocal = text.hasPrefix("/") || text.hasPrefix(".")
        if isLocal {
            var path = URL(fileURLWithPath: text).standardizedFileURL.path
            while path.count > 1, path.hasSuffix("/") { path.removeLast() }
            return path.hasSuffix(".git") ? String(path.dropLast(4)) : path
        }
        if let scheme = text.range(of: "://") {
            text = String(text[scheme.upperBound...])
        } else if let colon = text.firstIndex(of: ":"), text[..<colon].contains("@") || !text[..<colon].contains("/") {
            // scp-like `git@host:owner/name`
            text = String(text[..<colon]) + "/" + String(text[text.index(after: colon)...])
        }
        if let at = text.firstIndex(of: "@"), !text[..<at].contains("/") { text = String(text[text.index(after: at)...]) }
        var parts = text.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard !parts.isEmpty else { return text.lowercased() }
        if let colon = parts[0].firstIndex(of: ":") { parts[0] = String(parts[0][..<colon]) }  // a port
        var key = parts.joined(separator: "/").lowercased()
        if key.hasSuffix(".git") { key.removeLast(4) }
        return key
    }
}
