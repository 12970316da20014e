/// A pace: `permits` calls per `interval`, of which up to `burst` may go back to back.
public struct SlackRateLimit: Sendable, Hashable {
    /// Calls allowed per interval on average.
    public var permits: Int
    /// The averaging interval.
    public var interval: Duration
    /// Calls allowed at once before pacing starts (at least 1).
    public var burst: Int

    /// Creates a pace.
    public init(permits: Int, per interval: Duration, burst: Int = 1) {
        self.permits = max(1, permits)
        self.interval = interval
        self.burst = max(1, burst)
    }

    /// The spacing between calls once the burst is spent.
    var emissionInterval: Duration { interval / permits }
}

/// Client-side pacing that keeps the bot under Slack's published limits (docs.slack.dev, "Rate limits"),
/// so 429s stay the exception. Slack's own 429 + `Retry-After` is honoured on top of this.
public struct SlackRateLimits: Sendable {
    /// Slack's rate-limit tiers.
    public enum Tier: Sendable, Hashable {
        /// 1+ per minute.
        case tier1
        /// 20+ per minute.
        case tier2
        /// 50+ per minute.
        case tier3
        /// 100+ per minute.
        case tier4
    }

    /// The pace for each tier.
    public var tiers: [Tier: SlackRateLimit]
    /// Which tier each method is in; methods not listed are not paced by tier.
    public var methodTiers: [String: Tier]
    /// `chat.postMessage`'s special limit: about one message per second per channel, short bursts allowed.
    public var postingPerChannel: SlackRateLimit?

    /// Creates limits.
    public init(tiers: [Tier: SlackRateLimit], methodTiers: [String: Tier], postingPerChannel: SlackRateLimit?) {
        self.tiers = tiers
        self.methodTiers = methodTiers
        self.postingPerChannel = postingPerChannel
    }

    /// Slack's published tiers. Slack does not publish burst sizes, so a quarter of a minute's budget
    /// may go at once; posting allows a burst of three per channel.
    public static var slack: SlackRateLimits {
        SlackRateLimits(
            tiers: [
                .tier1: SlackRateLimit(permits: 1, per: .seconds(60), burst: 1),
                .tier2: SlackRateLimit(permits: 20, per: .seconds(60), burst: 5),
                .tier3: SlackRateLimit(permits: 50, per: .seconds(60), burst: 12),
                .tier4: SlackRateLimit(permits: 100, per: .seconds(60), burst: 25),
            ],
            methodTiers: [
                "chat.postEphemeral": .tier4,
                "chat.update": .tier3,
                "conversations.info": .tier3,
                "conversations.invite": .tier3,
                "conversations.create": .tier2,
                "conversations.join": .tier3,
                "conversations.history": .tier3,
                "usergroups.list": .tier2,
                "usergroups.create": .tier2,
                "usergroups.users.update": .tier2,
                "users.info": .tier4,
                "users.lookupByEmail": .tier3,
                "apps.connections.open": .tier3,
                "files.getUploadURLExternal": .tier4,
                "files.completeUploadExternal": .tier4,
            ],
            postingPerChannel: SlackRateLimit(permits: 1, per: .seconds(1), burst: 3)
        )
    }

    /// No client-side pacing; 429s are still honoured.
    public static var unlimited: SlackRateLimits {
        SlackRateLimits(tiers: [:], methodTiers: [:], postingPerChannel: nil)
    }

    func limit(forMethod method: String) -> SlackRateLimit? {
        methodTiers[method].flatMap { tiers[$0] }
    }
}
