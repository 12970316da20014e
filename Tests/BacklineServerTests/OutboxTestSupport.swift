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
    func accepted(_ count: Int, timeout: Duration = .seconds(40)) async throws -> [FakeSlack.WebAPICall] {
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

/// Runs a delivery worker until `done` holds, moving the manual clock (and with it the wall clock,
/// the fake's posting limits and the backoff) to the instant the worker means to wake at whenever it
/// is idle with nothing in flight. Nothing sleeps for real: a retry after 2 s of backoff or a 3 s
/// `Retry-After` takes as long as the machine needs to run the code, not 3 s.
/// - Parameters:
///   - worker: makes the worker with the idle callback it must be given.
///   - done: checked each time the worker goes idle, so what it checks (the outbox's record of a
///     send) is complete.
func deliverOnManualClock(
    _ clock: ManualClock, worker: (@escaping @Sendable (ManualClock.Instant) -> Void) -> OutboxDeliveryService<ManualClock>,
    until done: @escaping @Sendable () async throws -> Bool
) async throws {
    let idle = Recorder<ManualClock.Instant>()
    try await withRunningService(worker { idle.record($0) }, logger: Logger(label: "outbox-test")) {
        var seen = 0
        while true {
            let known = seen
            let (count, wake) = try await idle.wait(for: "the worker to be idle", timeout: .seconds(30)) {
                $0.count > known ? ($0.count, $0[$0.count - 1]) : nil
            }
            seen = count
            if try await done() { return }
            // At least a millisecond: a wake computed from rounded wall-clock seconds can land a
            // hair before the due time, and the worker must not be left spinning at it.
            clock.advance(by: max(clock.now.duration(to: wake), .milliseconds(1)))
        }
    }
}

extension OutboxRig where C == ManualClock {
    /// Runs this rig's worker on its manual clock until `done` holds (see ``deliverOnManualClock(_:worker:until:)``).
    func deliver(settings: OutboxSettings? = nil, until done: @escaping @Sendable () async throws -> Bool) async throws {
        try await deliverOnManualClock(clock, worker: { worker(settings: settings, idle: $0) }, until: done)
    }

    /// Runs the worker until `count` posts were accepted in all and the outbox holds no message
    /// that is still to be sent or in flight.
    func deliver(accepted count: Int, settings: OutboxSettings? = nil) async throws {
        let fake = fake
        let store = store
        try await deliver(settings: settings) {
            let counts = try await store.counts()
            return fake.postedMessages.count >= count && counts.queued == 0 && counts.inFlight == 0
        }
    }
}
