import Foundation
import Slack
import Synchronization

/// Every series the service records, named in one place so `docs/operations.md` can list them.
extension BacklineMetrics {
    /// A command answered, by transport, command and outcome, with how long the pipeline took.
    public func commandAnswered(transport: String, command: String, outcome: String, duration: Duration) {
        count("backline_commands_total", [("transport", transport), ("command", command), ("outcome", outcome)])
        time("backline_command_duration_seconds", [("transport", transport), ("command", command)], duration)
    }

    /// Slack was acknowledged `latency` after its request arrived; `late` when the answer missed the
    /// reply budget and follows through `response_url`.
    public func slackAcknowledged(transport: String, latency: Duration, late: Bool) {
        time("backline_slack_ack_duration_seconds", [("transport", transport)], latency)
        if late { count("backline_slack_late_answers_total", [("transport", transport)]) }
    }

    /// One Slack Web API call ended: `result` is `ok`, Slack's error code, or `http_error`.
    public func slackCall(method: String, result: String, duration: Duration) {
        count("backline_slack_api_calls_total", [("method", method), ("result", result)])
        time("backline_slack_api_call_duration_seconds", [("method", method)], duration)
    }

    /// Slack answered 429 and the call waits `retryAfter` before trying again.
    public func slackRateLimited(method: String, retryAfter: Duration) {
        count("backline_slack_rate_limited_total", [("method", method)])
        time("backline_slack_rate_limit_wait_seconds", [("method", method)], retryAfter)
    }

    /// The client paced a call itself (client-side limits) for `wait`.
    public func slackPaced(method: String, wait: Duration) {
        time("backline_slack_pacing_wait_seconds", [("method", method)], wait)
    }

    /// A Socket Mode connection said hello; every one after the first is a reconnect.
    public func socketModeConnected() {
        count("backline_socket_mode_connections_total")
        if socketModeConnections.add(1, ordering: .relaxed).oldValue > 0 { count("backline_socket_mode_reconnects_total") }
    }

    /// A Socket Mode envelope arrived, by its type (`slash_commands`, `events_api`, `interactive`;
    /// any type Slack adds later is counted as `other`).
    /// Returns the type as counted, for the envelope's span name.
    @discardableResult
    public func socketModeEnvelope(type: String) -> String {
        let counted = ["slash_commands", "events_api", "interactive"].contains(type) ? type : "other"
        count("backline_socket_mode_envelopes_total", [("type", counted)])
        return counted
    }

    /// Feeds the Slack Web API client's calls, 429s and pacing waits into these series.
    public var slackCallObserver: SlackCallObserver {
        SlackCallObserver(
            finished: { [self] method, result, duration in slackCall(method: method, result: result, duration: duration) },
            rateLimited: { [self] method, wait in slackRateLimited(method: method, retryAfter: wait) },
            paced: { [self] method, wait in slackPaced(method: method, wait: wait) })
    }

    /// The catalog holds `counts[kind]` entities of each kind; a kind seen before and gone now
    /// drops to 0 rather than keeping its last value.
    public func catalogEntities(_ counts: [String: Int]) {
        for kind in Set(counts.keys).union(gaugeLabelValues("backline_catalog_entities")) {
            set("backline_catalog_entities", [("kind", kind)], to: Double(counts[kind] ?? 0))
        }
    }

    /// One catalog source refreshed, and whether it failed.
    public func catalogRefreshed(duration: Duration, failed: Bool) {
        time("backline_catalog_refresh_duration_seconds", [], duration)
        if failed { count("backline_catalog_refresh_errors_total") }
    }

    /// The outbox holds `counts` messages per state, the oldest unsent one enqueued `oldestAge` ago
    /// (zero when none waits): read at scrape time.
    public func outbox(_ counts: OutboxCounts, oldestUnsentAge: TimeInterval) {
        for (state, count) in [("queued", counts.queued), ("in-flight", counts.inFlight), ("sent", counts.sent), ("parked", counts.parked)] {
            set("backline_outbox_messages", [("state", state)], to: Double(count))
        }
        set("backline_outbox_oldest_unsent_age_seconds", to: oldestUnsentAge)
    }

    /// One tech-health harvest ran.
    public func healthHarvested(duration: Duration, failed: Bool) {
        time("backline_health_harvest_duration_seconds", [], duration)
        if failed { count("backline_health_harvest_errors_total") }
    }
}
