import Foundation
import Logging
import ServiceLifecycle
import Slack
import Synchronization

/// Delivers the outbox: claims due messages by database lease, paces them (one channel at a
/// time and at least ``OutboxSettings/channelSpacingSeconds`` apart, a workspace-wide rate,
/// Slack's `Retry-After`), retries transient failures with exponential backoff and jitter, joins
/// public channels it is not in, and parks a message at the first permanent failure. A parked or
/// slow channel holds up no other: every channel is claimed on its own.
///
/// A message whose send may have reached Slack without Backline learning so (a crash, a timeout,
/// a 5xx) is first looked up in the channel's history by the outbox id in its metadata, and only
/// sent again when it is not there.
public struct OutboxDeliveryService<C: Clock>: Service where C.Duration == Duration {
    let store: OutboxStore
    let sender: OutboxSender
    let settings: OutboxSettings
    let clock: C
    let now: @Sendable () -> Date
    let holder: String
    let instance: String
    let logger: Logger
    let pacing: DeliveryPacing<C>
    let random: @Sendable () -> Double
    let idle: (@Sendable (C.Instant) -> Void)?

    /// Creates the worker.
    /// - Parameters:
    ///   - store: the outbox.
    ///   - slack: posts to Slack; nil when no bot token is configured (Slack messages then park).
    ///   - mattermost: posts to Mattermost; nil when it is not configured.
    ///   - settings: pacing, retries and leases.
    ///   - clock: what it sleeps and paces on; tests pass a manual clock.
    ///   - now: wall-clock time for the database (moves with `clock` in tests).
    ///   - random: jitter in 0..<1; tests pass a fixed value.
    ///   - idle: told, with the instant it will wake at the latest, whenever the worker goes to
    ///     sleep with no send in flight: nothing it does depends on time until then (tests drive a
    ///     manual clock with it).
    public init(
        store: OutboxStore, slack: SlackWebAPIClient?, mattermost: MattermostClient?, settings: OutboxSettings, clock: C,
        now: @escaping @Sendable () -> Date = { Date() }, random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        idle: (@Sendable (C.Instant) -> Void)? = nil, logger: Logger
    ) {
        self.store = store
        self.sender = OutboxSender(
            slack: slack, directory: slack.map { SlackConversationDirectory(slack: $0, now: now) }, mattermost: mattermost,
            joinPublicChannels: settings.joinPublicChannels, lookupMargin: 60)
        self.settings = settings
        self.clock = clock
        self.now = now
        self.random = random
        self.idle = idle
        let instance = settings.instanceName ?? LeaseHolder.defaultInstance
        self.instance = instance
        self.holder = LeaseHolder.make(instance: instance)
        self.logger = logger
        self.pacing = DeliveryPacing(
            clock: clock, postsPerMinute: settings.workspaceRatePerMinute,
            channelSpacing: .milliseconds(Int64(max(0, settings.channelSpacingSeconds) * 1000)))
    }

    public func run() async throws {
        do {
            let taken = try await store.releaseLeases(ofInstance: instance, except: holder)
            if taken > 0 { logger.notice("outbox: took over messages a previous process of this instance was sending", metadata: ["count": "\(taken)"]) }
        } catch {
            logger.error("outbox: leases of a previous process not released; they are taken over when they expire", metadata: ["error": "\(error)"])
        }
        await reportParked()
        let stopping = StopFlag()
        let sending = SendCounter()
        await withGracefulShutdownHandler {
            // Sends in progress finish before the group returns: cutting one off would leave its
            // outcome unknown and cost a history lookup after the restart.
            await withDiscardingTaskGroup { group in
                var lastPurge = now()
                while !stopping.isSet, !Task.isCancelled {
                    while sending.count < max(1, settings.maxConcurrentSends), !stopping.isSet, let (message, key) = await claimNext() {
                        sending.increment()
                        group.addTask {
                            await deliver(message, channelKey: key)
                            sending.decrement()
                            store.doorbell.ring()
                        }
                    }
                    if now().timeIntervalSince(lastPurge) > 3600 {
                        lastPurge = now()
                        await purge()
                    }
                    // Checked before the wake time is computed: with nothing in flight, nothing can
                    // change what it depends on.
                    let quiet = sending.count == 0
                    let wake = await nextWake()
                    if quiet { idle?(wake) }
                    await store.doorbell.wait(until: wake, clock: clock)
                }
            }
        } onGracefulShutdown: {
            stopping.set()
            store.doorbell.ring()
        }
        logger.debug("outbox delivery stopped")
    }

    /// Claims the first message whose channel and the workspace may be sent to now.
    private func claimNext() async -> (OutboxMessage, String)? {
        guard pacing.workspaceReady().ready else { return nil }
        let candidates: [OutboxMessage]
        do {
            candidates = try await store.claimable(now: now(), limit: 64)
        } catch {
            logger.error("outbox: due messages not read", metadata: ["error": "\(error)"])
            return nil
        }
        for candidate in candidates {
            let key = "\(candidate.platform.rawValue):\(candidate.channel)"
            guard pacing.channelReady(key).ready, pacing.reserve(key) else { continue }
            do {
                if let claimed = try await store.claim(
                    id: candidate.id, holder: holder, now: now(), leaseDuration: settings.leaseSeconds)
                {
                    return (claimed, key)
                }
            } catch {
                logger.error("outbox: claim failed", metadata: ["outbox_id": "\(candidate.id)", "error": "\(error)"])
            }
            pacing.unreserve(key, slotUnused: true)
        }
        return nil
    }

    /// When to look again: the next workspace slot if something is due, else the next due time,
    /// and never later than the poll interval (other processes enqueue too).
    private func nextWake() async -> C.Instant {
        let poll = clock.now.advanced(by: .milliseconds(Int64(max(0.05, settings.pollSeconds) * 1000)))
        let (ready, slot) = pacing.workspaceReady()
        guard let due = try? await store.nextDue() else { return poll }
        let untilDue = due.timeIntervalSince(now())
        if untilDue <= 0 {
            // Something is due but was not claimed: the workspace slot is not open, or its channel
            // is spaced or busy. A finishing send rings the doorbell; the rest needs a timer.
            if !ready { return min(max(slot, clock.now), poll) }
            return pacing.nextChannelOpening().map { min($0, poll) } ?? poll
        }
        return min(poll, max(slot, clock.now.advanced(by: .milliseconds(Int64(untilDue * 1000)))))
    }

    /// One message, start to finish: look it up if an earlier send may have landed, send it,
    /// record the outcome.
    private func deliver(_ message: OutboxMessage, channelKey: String) async {
        var slotUsed = false
        defer {
            if slotUsed { pacing.finished(channelKey) } else { pacing.unreserve(channelKey, slotUnused: true) }
        }
        let fields: Logger.Metadata = ["outbox_id": "\(message.id)", "kind": "\(message.kind)", "channel": "\(message.channel)"]
        do {
            if message.outcomeUnknown {
                switch await sender.lookUp(message) {
                case .found(let ts):
                    logger.notice("outbox: message was already delivered; not sending it again", metadata: fields)
                    try await store.markSent(id: message.id, holder: holder, slackTS: ts, now: now())
                    return
                case .notFound:
                    break
                case .unverifiable(let reason):
                    logger.warning("outbox: earlier delivery cannot be checked; sending again may double the message", metadata: fields.merging(["reason": "\(reason)"]) { $1 })
                case .rateLimited(let retryAfter):
                    try await store.reschedule(
                        id: message.id, holder: holder, at: now().addingTimeInterval(seconds(retryAfter)), error: "ratelimited (history)", outcomeUnknown: true)
                    return
                case .transient(let reason):
                    try await store.reschedule(
                        id: message.id, holder: holder, at: now().addingTimeInterval(backoff(afterAttempt: max(1, message.attempts))),
                        error: "history lookup: \(reason)", outcomeUnknown: true)
                    return
                }
            }
            // Resolved and kept before the send, so that a crash during it leaves the id the
            // lookup needs (a name like `#squad-playlists` cannot be looked up).
            let conversation = await sender.conversation(for: message)
            guard try await store.beginAttempt(
                id: message.id, holder: holder, now: now(), leaseDuration: settings.leaseSeconds, conversationID: conversation)
            else {
                logger.warning("outbox: lease lost before sending; another worker has the message", metadata: fields)
                return
            }
            slotUsed = true
            let result = await sender.send(message, conversation: conversation)
            try await record(result, for: message, fields: fields, channelKey: channelKey)
        } catch {
            // The database failed: the lease expires and the message is tried again (looked up
            // first when the send may have happened).
            logger.error("outbox: delivery not recorded", metadata: fields.merging(["error": "\(error)"]) { $1 })
        }
    }

    private func record(_ result: OutboxSendResult, for message: OutboxMessage, fields: Logger.Metadata, channelKey: String) async throws {
        let attempt = message.attempts + 1
        switch result {
        case .sent(let ts, let conversation):
            try await store.markSent(id: message.id, holder: holder, slackTS: ts, now: now(), conversationID: conversation)
            logger.debug("outbox: delivered", metadata: fields)
        case .rateLimited(let retryAfter):
            pacing.rateLimited(channelKey, retryAfter: retryAfter)
            logger.notice("outbox: Slack asked to slow down", metadata: fields.merging(["retry_after": "\(retryAfter)"]) { $1 })
            try await store.reschedule(
                id: message.id, holder: holder, at: now().addingTimeInterval(seconds(retryAfter)), error: "ratelimited", outcomeUnknown: false)
        case .transient(let error, let maybeDelivered):
            if attempt >= settings.maxAttempts {
                try await store.park(id: message.id, holder: holder, error: "gave up after \(attempt) attempts: \(error)", now: now())
                logger.error("outbox: message parked after repeated failures", metadata: fields.merging(["error": "\(error)"]) { $1 })
            } else {
                let delay = backoff(afterAttempt: attempt)
                logger.warning("outbox: send failed; retrying", metadata: fields.merging(["error": "\(error)", "retry_in_seconds": "\(Int(delay))"]) { $1 })
                try await store.reschedule(
                    id: message.id, holder: holder, at: now().addingTimeInterval(delay), error: error, outcomeUnknown: maybeDelivered)
            }
        case .permanent(let error):
            try await store.park(id: message.id, holder: holder, error: error, now: now())
            logger.error("outbox: message parked; an operator must fix the channel and requeue it", metadata: fields.merging(["error": "\(error)"]) { $1 })
        }
    }

    /// Exponential backoff with jitter: base × 2^(attempt−1), capped, then a random 50–100 % of it
    /// so that many messages failing together do not retry together.
    func backoff(afterAttempt attempt: Int) -> TimeInterval {
        let exponential = settings.retryBaseSeconds * pow(2, Double(min(max(0, attempt - 1), 30)))
        let capped = min(settings.retryMaxSeconds, exponential)
        return capped * (0.5 + 0.5 * min(max(random(), 0), 1))
    }

    private func seconds(_ duration: Duration) -> TimeInterval {
        let (whole, fraction) = duration.components
        return Double(whole) + Double(fraction) / 1e18
    }

    private func reportParked() async {
        do {
            let parked = try await store.parked(limit: 20)
            guard !parked.isEmpty else { return }
            let counts = try await store.counts()
            logger.warning("outbox: parked messages need an operator", metadata: [
                "parked": "\(counts.parked)",
                "examples": "\(parked.prefix(5).map { "#\($0.id) \($0.kind) to \($0.channel): \($0.lastError ?? "?")" }.joined(separator: "; "))",
            ])
        } catch {
            logger.error("outbox: parked messages not read", metadata: ["error": "\(error)"])
        }
    }

    private func purge() async {
        do {
            let purged = try await store.purgeSent(before: now().addingTimeInterval(-settings.keepSentDays * 86_400))
            if purged > 0 { logger.debug("outbox: purged sent messages", metadata: ["count": "\(purged)"]) }
        } catch {
            logger.warning("outbox: sent messages not purged", metadata: ["error": "\(error)"])
        }
    }
}

/// Sends in flight in this process.
final class SendCounter: Sendable {
    private let value = Mutex(0)
    var count: Int { value.withLock { $0 } }
    func increment() { value.withLock { $0 += 1 } }
    func decrement() { value.withLock { $0 -= 1 } }
}
