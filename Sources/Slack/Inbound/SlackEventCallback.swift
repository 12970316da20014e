/// An Events API `event_callback`: the envelope around one event, identical over HTTP and Socket Mode.
public struct SlackEventCallback: Sendable, Hashable {
    /// Globally unique; deduplicate retries on it.
    public var eventID: String
    /// When the event happened, in Unix seconds.
    public var eventTime: Int64
    /// The workspace the event belongs to.
    public var teamID: String
    /// The receiving app.
    public var apiAppID: String?
    /// The event itself.
    public var event: SlackEvent
    /// Set when Slack is redelivering (HTTP retry headers or Socket Mode `retry_attempt`).
    public var retry: SlackRetry?

    /// Creates a callback.
    public init(eventID: String, eventTime: Int64, teamID: String, apiAppID: String? = nil, event: SlackEvent, retry: SlackRetry? = nil) {
        self.eventID = eventID
        self.eventTime = eventTime
        self.teamID = teamID
        self.apiAppID = apiAppID
        self.event = event
        self.retry = retry
    }
}

/// Slack is delivering something again because an earlier attempt was not acknowledged in time.
/// One shape for both transports, so handlers need not know which one carried the event.
public struct SlackRetry: Sendable, Hashable {
    /// 1 for the first retry, up to 3 over HTTP.
    public var attempt: Int
    /// Why Slack retried, e.g. `http_timeout`; may be empty.
    public var reason: String

    /// Creates retry metadata.
    public init(attempt: Int, reason: String) {
        self.attempt = attempt
        self.reason = reason
    }

    /// Reads the HTTP headers `x-slack-retry-num` and `x-slack-retry-reason`; nil on a first delivery.
    public init?(retryNumHeader: String?, retryReasonHeader: String?) {
        guard let retryNumHeader, let attempt = Int(retryNumHeader), attempt > 0 else { return nil }
        self.init(attempt: attempt, reason: retryReasonHeader ?? "")
    }

    /// Reads Socket Mode's `retry_attempt` and `retry_reason`; nil when the attempt is absent or 0.
    public init?(retryAttempt: Int?, retryReason: String?) {
        guard let retryAttempt, retryAttempt > 0 else { return nil }
        self.init(attempt: retryAttempt, reason: retryReason ?? "")
    }
}

/// The wire shape of an Events API body, decoded before it is mapped to ``SlackInbound``.
struct EventsAPIBody: Decodable {
    var type: String
    var challenge: String?
    var teamID: String?
    var apiAppID: String?
    var eventID: String?
    var eventTime: LenientInt64?
    var event: SlackEvent?

    enum CodingKeys: String, CodingKey {
        case type, challenge, event
        case teamID = "team_id"
        case apiAppID = "api_app_id"
        case eventID = "event_id"
        case eventTime = "event_time"
    }

    func inbound(retry: SlackRetry?) throws(SlackPayloadError) -> SlackInbound {
        switch type {
        case "url_verification":
            guard let challenge else { throw .missingField("challenge") }
            return .urlVerification(challenge: challenge)
        case "event_callback":
            guard let event else { throw .missingField("event") }
            guard let eventID else { throw .missingField("event_id") }
            guard let teamID else { throw .missingField("team_id") }
            guard let eventTime else { throw .missingField("event_time") }
            return .event(
                SlackEventCallback(
                    eventID: eventID, eventTime: eventTime.value, teamID: teamID, apiAppID: apiAppID,
                    event: event, retry: retry))
        default:
            return .unsupported(type: type)
        }
    }
}
