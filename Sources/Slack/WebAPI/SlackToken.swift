/// A Slack token (`xoxb-…` bot, `xapp-…` app-level). Its descriptions are redacted so a token can
/// never leak through string interpolation into logs or error messages.
public struct SlackToken: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The raw token, for the `Authorization` header only.
    public let rawValue: String

    /// Wraps a raw token.
    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    /// The token kind prefix (e.g. `xoxb`) followed by a redaction marker.
    public var description: String {
        let kind = rawValue.split(separator: "-", maxSplits: 1).first.map(String.init) ?? ""
        return kind.count <= 5 && rawValue.contains("-") ? "\(kind)-<redacted>" : "<redacted>"
    }

    /// The redacted description, for debugger output.
    public var debugDescription: String { "SlackToken(\(description))" }

    /// `dump` and `Mirror` see the redacted description only, not the raw token.
    public var customMirror: Mirror { Mirror(self, children: ["token": description], displayStyle: .struct) }
}
