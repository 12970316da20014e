import Foundation

/// A job the scheduler runs on a cron-style schedule in a time zone: the weekly digest of one team,
/// the alert rules, …
///
/// `id` names the job in the database (its last run and its lease), so it must stay the same across
/// restarts (`digest:team-a`); two jobs with the same id are one job.
public struct ScheduledJob: Sendable {
    /// A stable name, e.g. `digest:team-a`.
    public var id: String
    /// When it runs, in ``timeZone``'s wall-clock time.
    public var schedule: CronSchedule
    /// The zone the schedule is read in (the team's rotation zone, else the organisation's).
    public var timeZone: TimeZone
    /// The work; `scheduledFor` is the occurrence being run (earlier than now when catching up).
    public var run: @Sendable (_ scheduledFor: Date) async throws -> Void

    /// Creates a job.
    public init(id: String, schedule: CronSchedule, timeZone: TimeZone, run: @escaping @Sendable (_ scheduledFor: Date) async throws -> Void) {
        self.id = id
        self.schedule = schedule
        self.timeZone = timeZone
        self.run = run
    }
}
