import Foundation

/// How the outbox delivery worker paces and retries (`outbox:` in the configuration file).
public struct OutboxSettings: Sendable, Hashable {
    /// Posts per minute across the whole workspace. Slack publishes no number for
    /// `chat.postMessage` beyond "several hundred per minute", so stay well under it.
    public var workspaceRatePerMinute = 120
    /// The least time between the end of one post to a channel and the start of the next
    /// (Slack: about one message per second per channel).
    public var channelSpacingSeconds: Double = 1
    /// How often the database is polled for messages queued by another process (`digest send`).
    public var pollSeconds: Double = 2
    /// How long a claimed message stays leased to this process; longer than one send can take.
    public var leaseSeconds: Double = 120
    /// Sends in flight at once (to different channels).
    public var maxConcurrentSends = 4
    /// Transient failures before a message is parked.
    public var maxAttempts = 12
    /// The first retry's delay; it doubles per attempt, with jitter, up to ``retryMaxSeconds``.
    public var retryBaseSeconds: Double = 2
    /// The longest delay between retries.
    public var retryMaxSeconds: Double = 900
    /// Whether `not_in_channel` on a public channel is fixed by joining it (`channels:join` scope).
    public var joinPublicChannels = true
    /// Names this replica in lease holders; a restarted process takes over its predecessor's
    /// leases at once. Defaults to the host name.
    public var instanceName: String?
    /// Sent messages are kept this long (and their dedupe keys with them), then purged.
    public var keepSentDays: Double = 30

    /// The defaults.
    public init() {}
}

/// Weekly digests' schedule (`digests:` in the configuration file).
public struct DigestSettings: Sendable, Hashable {
    /// Whether the scheduler posts digests at all.
    public var enabled = true
    /// When, as a five-field cron expression in ``timeZone`` (Mondays at 09:00).
    public var schedule = "0 9 * * 1"
    /// The organisation's time zone: schedules of teams without a rotation zone are read in it.
    public var timeZone = "UTC"

    /// The defaults.
    public init() {}
}
