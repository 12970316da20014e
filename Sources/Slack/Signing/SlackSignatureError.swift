/// Why a request failed Slack's signature check. Every case means "reject with 401 and ignore".
public enum SlackSignatureError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `X-Slack-Signature` was absent.
    case missingSignature
    /// `X-Slack-Request-Timestamp` was absent.
    case missingTimestamp
    /// The signature was not `v0=` followed by 64 hex digits.
    case malformedSignature
    /// The timestamp was not a decimal number of Unix seconds.
    case malformedTimestamp
    /// The timestamp lies outside the replay window around `now`.
    case staleTimestamp(timestamp: Int64, now: Int64)
    /// The HMAC did not match: wrong secret, altered body or forged request.
    case mismatch

    /// A one-line explanation, safe to log.
    public var description: String {
        switch self {
        case .missingSignature: "missing X-Slack-Signature header"
        case .missingTimestamp: "missing X-Slack-Request-Timestamp header"
        case .malformedSignature: "malformed X-Slack-Signature header"
        case .malformedTimestamp: "malformed X-Slack-Request-Timestamp header"
        case .staleTimestamp(let timestamp, let now): "request timestamp \(timestamp) is too far from now (\(now))"
        case .mismatch: "signature does not match"
        }
    }
}
