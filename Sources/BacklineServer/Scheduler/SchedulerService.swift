import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// Runs jobs on cron-style schedules in their time zones. After downtime it catches up once: the
/// most recent occurrence missed since the last recorded run runs, the ones before it do not. Last
/// runs live in SQLite (``ScheduleStore``), so a restart neither repeats nor forgets a run; a
/// database lease keeps two processes from running one job at a time.
///
/// `jobs` is asked again after every round and at least every ``rereadInterval``, so a team that
/// moves its digest day or opts out is seen without a restart.
public struct SchedulerService<C: Clock>: Service where C.Duration == Duration {
    let jobs: @Sendable () async throws -> [ScheduledJob]
    let store: ScheduleStore
    let clock: C
    let now: @Sendable () -> Date
    let holder: String
    let leaseDuration: TimeInterval
    let maxSleep: TimeInterval
    let maxConcurrentRuns: Int
    let logger: Logger
    let doorbell = Doorbell()

    /// The longest sleep: wall-clock time and the sleeping clock can drift apart (suspend, NTP), and
    /// jobs can change, so the scheduler looks again at least this often.
    public static var rereadInterval: TimeInterval { 300 }

    /// How many due jobs run at once unless told otherwise: enough to keep every core busy while
    /// some jobs wait on the network or the database, few enough that their working sets stay small.
    public static var defaultConcurrentRuns: Int { max(4, 2 * ProcessInfo.processInfo.activeProcessorCount) }

    /// Creates the scheduler.
    /// - Parameters:
    ///   - jobs: the jobs to run now (asked again every round).
    ///   - store: last runs and leases.
    ///   - clock: what it sleeps on; tests pass a manual clock.
    ///   - now: the wall-clock time schedules are read against (moves with `clock` in tests).
    ///   - holder: this process's lease holder name.
    ///   - leaseDuration: how long a run may hold its job before another process may take it over.
    ///   - maxSleep: the longest sleep between rounds (``rereadInterval`` by default).
    ///   - maxConcurrentRuns: how many due jobs run at once (``defaultConcurrentRuns`` by default).
    public init(
        jobs: @escaping @Sendable () async throws -> [ScheduledJob], store: ScheduleStore, clock: C, now: @escaping @Sendable () -> Date = { Date() },
        holder: String = LeaseHolder.make(), leaseDuration: TimeInterval = 3600, maxSleep: TimeInterval = 300,
        maxConcurrentRuns: Int = Self.defaultConcurrentRuns, logger: Logger
    ) {
        self.maxSleep = maxSleep
        self.maxConcurrentRuns = max(1, maxConcurrentRuns)
        self.jobs = jobs
        self.store = store
        self.clock = clock
        self.now = now
        self.holder = holder
        self.leaseDuration = leaseDuration
        self.logger = logger
    }

    public func run() async throws {
        let stopping = StopFlag()
        // A run in progress finishes (it may be enqueuing a digest); then the loop ends.
        await withGracefulShutdownHandler {
            while !stopping.isSet, !Task.isCancelled {
                let wake = await round()
                if stopping.isSet { break }
                let wait = max(0, wake.timeIntervalSince(now()))
                await doorbell.wait(until: clock.now.advanced(by: .milliseconds(Int64((wait * 1000).rounded(.up)))), clock: clock)
            }
        } onGracefulShutdown: {
            stopping.set()
            doorbell.ring()
        }
        logger.debug("scheduler stopped")
    }

    /// Runs every due job once and returns when to look again.
    func round() async -> Date {
        let start = now()
        var wake = start.addingTimeInterval(maxSleep)
        let current: [ScheduledJob]
        do {
            current = try await jobs()
        } catch {
            logger.error("scheduled jobs could not be listed; trying again in a minute", metadata: ["error": "\(error)"])
            return start.addingTimeInterval(60)
        }
        var seen = Set<String>()
        var due: [(job: ScheduledJob, scheduledFor: Date)] = []
        for job in current where seen.insert(job.id).inserted {
            do {
                let record = try await store.record(for: job.id, now: start)
                if let missed = job.schedule.latest(after: record.lastScheduledFor, upTo: start, in: job.timeZone) {
                    due.append((job, missed))
                } else if let next = job.schedule.next(after: max(record.lastScheduledFor, start), in: job.timeZone) {
                    wake = min(wake, next)
                }
            } catch {
                logger.error("scheduled job not read", metadata: ["job": "\(job.id)", "error": "\(error)"])
            }
        }
        guard !due.isEmpty else { return wake }
        // Jobs due together (every team's digest at Monday 09:00) run a few at a time: all at once,
        // hundreds of digests would each hold their working set while sharing the same cores and
        // finish no sooner. A waiting job is not claimed yet, so another process may take it.
        let claimedAll = await withTaskGroup(of: Bool.self) { group in
            var waiting = due[...]
            func startNext() {
                guard let (job, scheduledFor) = waiting.popFirst() else { return }
                group.addTask { await runOnce(job, scheduledFor: scheduledFor) }
            }
            for _ in 0..<maxConcurrentRuns { startNext() }
            var claimedAll = true
            for await claimed in group {
                claimedAll = claimedAll && claimed
                startNext()
            }
            return claimedAll
        }
        // Another process holds a due job: look again soon rather than spin. Otherwise look again
        // now, for the next occurrences.
        return claimedAll ? now() : min(wake, now().addingTimeInterval(30))
    }

    /// Runs one occurrence under the job's lease. Returns false when another holder has it.
    private func runOnce(_ job: ScheduledJob, scheduledFor: Date) async -> Bool {
        do {
            guard try await store.claim(job.id, scheduledFor: scheduledFor, holder: holder, now: now(), leaseDuration: leaseDuration) else {
                // Either another process runs it, or it already ran: re-reading tells which.
                let record = try await store.record(for: job.id, now: now())
                return record.lastScheduledFor >= scheduledFor
            }
        } catch {
            logger.error("scheduled job not claimed", metadata: ["job": "\(job.id)", "error": "\(error)"])
            return false
        }
        let lateBy = now().timeIntervalSince(scheduledFor)
        logger.info("scheduled job running", metadata: [
            "job": "\(job.id)", "scheduled_for": "\(scheduledFor)", "late_seconds": "\(Int(lateBy))",
        ])
        var failure: String?
        do {
            try await job.run(scheduledFor)
        } catch {
            // The occurrence counts as run either way: a failing job is retried at its next
            // occurrence, not in a tight loop.
            failure = "\(error)"
            logger.error("scheduled job failed", metadata: ["job": "\(job.id)", "error": "\(error)"])
        }
        do {
            try await store.finish(job.id, scheduledFor: scheduledFor, holder: holder, now: now(), error: failure)
        } catch {
            logger.error("scheduled job run not recorded", metadata: ["job": "\(job.id)", "error": "\(error)"])
        }
        return true
    }
}

/// A flag set once from any task.
final class StopFlag: Sendable {
    private let flag = Mutex(false)
    /// Whether ``set()`` was called.
    var isSet: Bool { flag.withLock { $0 } }
    /// Sets the flag.
    func set() { flag.withLock { $0 = true } }
}
