import Catalog
import Foundation
import Logging

/// The scheduler's jobs for proactive messages: one digest job per team (its own schedule and
/// zone, or the configured default) and one job that evaluates the alert rules.
///
/// The provider is asked again every scheduler round, so a team that moves or stops its digest
/// (Group annotations) or a new team is picked up without a restart.
public struct ProactiveJobs: Sendable {
    let planner: ProactivePlanner
    let outbox: OutboxStore
    /// Evaluates the alert rules: the hourly job and the harvests share it, one evaluation at a time.
    public let alerts: AlertEvaluator
    let settings: DigestSettings
    /// When the alert rules run (every hour by default; harvests run after catalog refreshes).
    let alertSchedule: CronSchedule
    let now: @Sendable () -> Date
    let logger: Logger

    /// Creates the provider.
    /// - Parameter now: the enqueue time (tests pass their wall clock).
    public init(
        planner: ProactivePlanner, outbox: OutboxStore, settings: DigestSettings, alertSchedule: CronSchedule? = nil,
        now: @escaping @Sendable () -> Date = { Date() }, logger: Logger
    ) throws {
        self.planner = planner
        self.outbox = outbox
        alerts = AlertEvaluator(planner: planner, outbox: outbox, now: now, logger: logger)
        self.settings = settings
        self.alertSchedule = try alertSchedule ?? CronSchedule(parsing: "7 * * * *")
        self.now = now
        self.logger = logger
    }

    /// The jobs now: none for digests when `digests.enabled` is false; the alert job always.
    public func jobs() async throws -> [ScheduledJob] {
        let teams = try await planner.deliveries()
        var jobs: [ScheduledJob] = []
        if settings.enabled {
            let standard = try CronSchedule(parsing: settings.schedule)
            for team in teams where team.digestEnabled {
                var schedule = standard
                if let own = team.digestSchedule {
                    do {
                        schedule = try CronSchedule(parsing: own)
                    } catch {
                        logger.warning("team digest schedule not usable; the default applies", metadata: ["team": "\(team.team)", "error": "\(error)"])
                    }
                }
                jobs.append(digestJob(for: team, schedule: schedule))
            }
        }
        let alerts = alerts
        jobs.append(ScheduledJob(id: "alerts", schedule: alertSchedule, timeZone: .gmt) { _ in _ = try await alerts.evaluate() })
        return jobs
    }

    /// `digest:<team ref>`: composes at the occurrence's moment, so a catch-up after downtime keeps
    /// the occurrence's week in its dedupe key and never posts a week twice.
    func digestJob(for team: TeamDelivery, schedule: CronSchedule) -> ScheduledJob {
        let planner = planner
        let outbox = outbox
        let now = now
        return ScheduledJob(id: "digest:\(team.team)", schedule: schedule, timeZone: team.timeZone) { scheduledFor in
            try await planner.sendDigests(to: [team], now: scheduledFor) { messages in try outbox.enqueue(messages, at: now()) }
        }
    }
}
