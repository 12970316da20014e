import HTTPTypes

extension HTTPField.Name {
    /// `X-Slack-Signature`: `v0=` and the HMAC-SHA256 of the request.
    static let slackSignature = Self("X-Slack-Signature")!
    /// `X-Slack-Request-Timestamp`: seconds since 1970, signed with the body.
    static let slackRequestTimestamp = Self("X-Slack-Request-Timestamp")!
    /// `X-Slack-Retry-Num`: how many times Slack has retried this event.
    static let slackRetryNum = Self("X-Slack-Retry-Num")!
    /// `X-Slack-Retry-Reason`: why Slack retried (`http_timeout`, ...).
    static let slackRetryReason = Self("X-Slack-Retry-Reason")!
}
