import Foundation

/// What a registry address in `backline.yaml` may be. Credentials in a URL would end up in the
/// cache key and in request logs, so they are refused (authenticated mirrors are not supported).
enum RegistryURLCheck {
    /// An `http://` or `https://` URL with a host and no user or password.
    static func isHTTP(_ text: String) -> Bool {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty,
              components.user == nil, components.password == nil, components.query == nil, components.fragment == nil
        else { return false }
        return true
    }

    /// A prefix a package location is appended to: `https://`, `http://`, `ssh://`, `git://` or a
    /// `file://` folder; no credentials, no spaces.
    static func isGitPrefix(_ text: String) -> Bool {
        let lower = text.lowercased()
        guard ["https://", "http://", "ssh://", "git://", "file://"].contains(where: lower.hasPrefix),
              !text.contains(where: { $0.isWhitespace }), !text.contains("?"), !text.contains("#") else { return false }
        let rest = text[text.range(of: "://")!.upperBound...]
        let authority = rest.prefix { $0 != "/" }
        guard let at = authority.lastIndex(of: "@") else { return true }
        // `ssh://git@host/` names a user (no password) and is how ssh mirrors are reached.
        return lower.hasPrefix("ssh://") && !authority[..<at].contains(":")
    }
}
