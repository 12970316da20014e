/// Why ``SocketModeClient`` stopped for good. Anything else it retries.
public enum SocketModeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Slack sent `disconnect` with reason `link_disabled`: Socket Mode was turned off for the app.
    case linkDisabled
    /// `apps.connections.open` rejected the app-level token (`invalid_auth`, `not_authed`,
    /// `account_inactive`, `token_revoked`, …).
    case invalidToken(code: String)

    /// A one-line explanation, safe to log.
    public var description: String {
        switch self {
        case .linkDisabled:
            "Slack disabled Socket Mode for this app (disconnect reason link_disabled); turn it back on in the app settings"
        case .invalidToken(let code):
            "apps.connections.open rejected the app-level token (\(code)); check SLACK_APP_TOKEN and its connections:write scope"
        }
    }
}
