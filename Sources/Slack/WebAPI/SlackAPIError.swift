/// Slack answered `{"ok":false,"error":"…"}`, or kept answering 429 after the allowed retries.
public struct SlackAPIError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The Web API method, e.g. `chat.postMessage`.
    public var method: String
    /// Slack's error code, e.g. `channel_not_found`, `invalid_blocks`, `ratelimited`.
    public var code: String
    /// `response_metadata.messages`, which often says which argument was wrong.
    public var messages: [String]
    /// For `ratelimited`: the `Retry-After` Slack sent with its last 429, in seconds.
    public var retryAfterSeconds: Int?

    /// Creates an error.
    public init(method: String, code: String, messages: [String] = [], retryAfterSeconds: Int? = nil) {
        self.method = method
        self.code = code
        self.messages = messages
        self.retryAfterSeconds = retryAfterSeconds
    }

    /// Codes meaning the token itself is unusable; retrying cannot help.
    public static let invalidTokenCodes: Set<String> = [
        "invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired",
    ]

    /// Whether the token is unusable (revoked, wrong, deactivated).
    public var isInvalidToken: Bool { Self.invalidTokenCodes.contains(code) }

    /// A one-line explanation, safe to log.
    public var description: String {
        messages.isEmpty ? "\(method) failed: \(code)" : "\(method) failed: \(code) (\(messages.joined(separator: "; ")))"
    }
}

/// The Web API answered with something that is not a Slack API response at all.
public struct SlackHTTPError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The method or URL called (a `response_url` is shortened to its host, as it is a secret).
    public var target: String
    /// The HTTP status.
    public var status: Int
    /// A short explanation.
    public var reason: String

    /// Creates an error.
    public init(target: String, status: Int, reason: String) {
        self.target = target
        self.status = status
        self.reason = reason
    }

    /// A one-line explanation, safe to log.
    public var description: String { "\(target): HTTP \(status), \(reason)" }
}
