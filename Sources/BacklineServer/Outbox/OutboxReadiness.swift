import Logging
import Slack

/// What `/readyz` says about the outbox: parked messages are a finding operators must see.
enum OutboxReadiness {
    static func lines(_ outbox: OutboxStore) async throws -> [String] {
        let counts = try await outbox.counts()
        var lines = ["outbox: \(counts.queued) queued, \(counts.inFlight) in flight, \(counts.parked) parked"]
        for message in try await outbox.parked(limit: 10) {
            lines.append("outbox message \(message.id) (\(message.kind) to \(message.channel)) parked: \(message.lastError ?? "unknown error")")
        }
        return lines
    }
}

extension SlackWebAPIClient {
    /// The client the outbox worker posts with: Slack's tier pacing for lookups and joins, but no
    /// per-channel posting pace and no 429 retries inside the call, since the worker paces,
    /// honours `Retry-After` and reschedules on its own without holding a send slot.
    static func forOutbox(baseURL: String, token: SlackToken?, logger: Logger) -> SlackWebAPIClient {
        var limits = SlackRateLimits.slack
        limits.postingPerChannel = nil
        // Channel names are resolved from the list (Tier 2) and DMs opened (Tier 3), rarely.
        limits.methodTiers["conversations.list"] = .tier2
        limits.methodTiers["conversations.open"] = .tier3
        return SlackWebAPIClient(baseURL: baseURL, token: token, rateLimits: limits, maxRateLimitRetries: 0, logger: logger)
    }
}
