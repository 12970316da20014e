import BacklineServer
import Foundation
import GRDB
import Logging
import Slack
import SlackTesting

/// An outbox, a fake Slack and a delivery worker on one clock, for the delivery tests.
struct OutboxRig<C: Clock & Sendable>: Sendable where C.Duration == Duration {
    let fake: FakeSlack
    let store: OutboxStore
    let writer: any DatabaseWriter
    let clock: C
    let now: @Sendable () -> Date
    let settings: OutboxSettings
    /// The Slack client the worker posts with (no pacing and no 429 retries of its own).
    let slack: SlackWebAPIClient

    static var logger: Logger { Logger(label: "outbox-test") }

    /// Settings for tests: quick retries, a short poll.
    static var testSettings: OutboxSettings {
        var settings = OutboxSettings()
        settings.workspaceRatePerMinute = 600
        settings.retryBaseSeconds = 2
        settings.pollSeconds = 2
        settings.instanceName = "test-host"
        return settings
    }

    /// Starts a fake Slack and an outbox on an in-memory database, and runs `body` with them.
    static func with<T>(
        clock: C, now: @escaping @Sendable () -> Date, settings: OutboxSettings = testSettings, _ body: (OutboxRig) async throws -> T
    ) async throws -> T {
        try await FakeSlack.withRunning { fake in
            fake.useWallClock { now().timeIntervalSince1970 }
            let writer = try DatabaseQueue()
            let rig = OutboxRig(
                fake: fake, store: try OutboxStore(writer: writer), writer: writer, clock: clock, now: now, settings: settings,
                slack: SlackWebAPIClient(
                    baseURL: fake.apiBaseURL, token: SlackToken(fake.botToken), rateLimits: .unlimited, clock: clock, maxRateLimitRetries: 0,
                    requestTimeout: .seconds(10)))
            return try await body(rig)
        }
    }

    /// A delivery worker over this rig.
    func worker(settings: OutboxSettings? = nil, idle: (@Sendable (C.Instant) -> Void)? = nil) -> OutboxDeliveryService<C> {
        OutboxDeliveryService(
            store: store, slack: slack, mattermost: nil, settings: settings ?? self.settings, clock: clock, now: now, random: { 0.5 },
            idle: idle, logger: Self.logger)
    }

    /// Runs the worker while `body` executes, then shuts it down gracefully (sends in flight finish).
    @discardableResult
    func delivering<T>(settings: OutboxSettings? = nil, idle: (@Sendable (C.Instant) -> Void)? = nil, _ body: () async throws -> T) async throws -> T {
        try await withRunningService(worker(settings: settings, idle: idle), logger: Self.logger, body)
    }

    /// Waits for `count` accepted posts in total.
    @discardableResult
    func accepted(_ count: Int, timeout: Duration = .seconds(20)) async throws -> [FakeSlack.WebAPICall] {
        try await fake.calls.matches(count: count, "accepted posts", timeout: timeout) { $0.method == "chat.postMessage" && $0.error == nil }
    }

    /// Plain text drafts: `count` messages to each channel.
    static func drafts(_ channels: [String], count: Int, kind: String = "digest") -> [OutboxDraft] {
        (0..<count).flatMap { index in channels.map { OutboxDraft(kind: kind, channel: $0, text: "\(kind) \(index) for \($0)") } }
    }

    /// Rewrites a queued message as a crashed process left it (raw SQL, as another process would).
    func leaveInFlight(_ id: Int64, holder: String, leaseExpiresAt: Date, firstAttemptAt: Date?, outcomeUnknown: Bool) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    UPDATE outboxMessage SET state = 'in-flight', leaseHolder = ?, leaseExpiresAt = ?, attempts = ?, firstAttemptAt = ?, outcomeUnknown = ?
                    WHERE id = ?
                    """,
                arguments: [holder, leaseExpiresAt.timeIntervalSince1970, firstAttemptAt == nil ? 0 : 1, firstAttemptAt?.timeIntervalSince1970, outcomeUnknown, id])
        }
    }
}

extension FastClock {
    /// Wall-clock time moving with this clock from `base`.
    func wallClock(from base: Date) -> @Sendable () -> Date {
        { base.addingTimeInterval(Double(self.now.offset.components.seconds) + Double(self.now.offset.components.attoseconds) / 1e18) }
    }
}

extension ManualClock {
    /// Wall-clock time moving with this clock from `base`.
    func wallClock(from base: Date) -> @Sendable () -> Date {
        { base.addingTimeInterval(Double(self.now.offset.components.seconds) + Double(self.now.offset.components.attoseconds) / 1e18) }
    }
}

extension Duration {
    /// Seconds as a floating-point number.
    var inSeconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
