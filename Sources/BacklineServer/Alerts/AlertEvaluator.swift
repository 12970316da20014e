import Foundation
import Logging

/// Evaluates the alert rules for every team and hands what is to be told to the outbox, one
/// evaluation at a time in this process. Two callers share it in `serve`: the tech-health harvest,
/// right after each harvest is scored (so a team hears about a finding minutes after it appears,
/// not at the next hourly run), and the hourly `alerts` job, the backstop that tells a finding
/// whose snooze or quiet hours ended when no harvest ran.
///
/// A request that arrives while an evaluation runs is folded into one more evaluation right after
/// it. Telling twice is impossible either way: a finding is told once per fingerprint and severity
/// (``AlertStore``), and each telling's outbox dedupe key (`alert:<fingerprint>:<n>`) is queued once.
public actor AlertEvaluator {
    let planner: ProactivePlanner
    let outbox: OutboxStore
    let now: @Sendable () -> Date
    let logger: Logger
    private var running = false
    private var again = false

    /// Creates an evaluator.
    /// - Parameter now: the evaluation and enqueue time (tests pass their wall clock).
    public init(planner: ProactivePlanner, outbox: OutboxStore, now: @escaping @Sendable () -> Date = { Date() }, logger: Logger) {
        self.planner = planner
        self.outbox = outbox
        self.now = now
        self.logger = logger
    }

    /// Evaluates every team now, or, when an evaluation is running, makes it run once more after it.
    /// - Returns: the messages this call enqueued (0 when it was folded into the running evaluation).
    @discardableResult
    public func evaluate() async throws -> Int {
        guard !running else {
            again = true
            return 0
        }
        running = true
        defer { running = false }
        var enqueued = 0
        repeat {
            again = false
            let teams = try await planner.deliveries()
            let outbox = outbox
            let now = now
            enqueued += try await planner.evaluateAlerts(for: teams, now: now()) { messages in try outbox.enqueue(messages, at: now()) }
        } while again
        return enqueued
    }

    /// ``evaluate()`` for a caller that cannot act on a failure (a harvest): the failure is logged
    /// and the hourly job tries again.
    public func evaluateLoggingFailure(after reason: String) async {
        do {
            let enqueued = try await evaluate()
            logger.info("alert rules evaluated", metadata: ["after": "\(reason)", "enqueued": "\(enqueued)"])
        } catch {
            logger.error("alert rules not evaluated; the hourly run tries again", metadata: ["after": "\(reason)", "error": "\(error)"])
        }
    }
}
