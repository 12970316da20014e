import BacklineServer
import Foundation
import GRDB
import Logging
import SlackTesting
import Synchronization
import Testing

/// The scheduler on a manual clock: the right local time across DST changes, one catch-up after
/// downtime, nothing repeated after a restart, and one run at a time across processes.
@Suite("The scheduler", .timeLimit(.minutes(3)))
struct SchedulerTests {
    static let stockholm = TimeZone(identifier: "Europe/Stockholm")!
    static let logger = Logger(label: "scheduler-test")

    /// One run of a job: the occurrence and the wall-clock time it started.
    struct Run: Sendable, Hashable {
        var scheduledFor: Date
        var at: Date
    }

    /// A manual clock with the wall-clock time that moves with it, starting at `base`.
    final class Time: Sendable {
        let clock = ManualClock()
        let base: Date
        init(_ base: Date) { self.base = base }
        var now: Date { base.addingTimeInterval(Double(clock.now.offset.components.seconds) + Double(clock.now.offset.components.attoseconds) / 1e18) }

        /// Waits for the scheduler's next sleep (after the `seen` recorded so far) and returns it.
        func nextSleep(after seen: inout Int) async throws -> Duration {
            let known = seen
            let (count, last) = try await clock.sleeps.wait(for: "the scheduler to sleep") { $0.count > known ? ($0.count, $0[$0.count - 1]) : nil }
            seen = count
            return last
        }
    }

    static func weeklyDigest(_ runs: Recorder<Run>, time: Time, id: String = "digest:playlists", body: @escaping @Sendable () async -> Void = {}) throws -> ScheduledJob {
        ScheduledJob(id: id, schedule: try CronSchedule(parsing: "0 9 * * 1"), timeZone: stockholm) { scheduledFor in
            runs.record(Run(scheduledFor: scheduledFor, at: time.now))
            await body()
        }
    }

    static func scheduler(_ store: ScheduleStore, time: Time, jobs: [ScheduledJob], holder: String = LeaseHolder.make()) -> SchedulerService<ManualClock> {
        SchedulerService(jobs: { jobs }, store: store, clock: time.clock, now: { time.now }, holder: holder, maxSleep: 8 * 86_400, logger: logger)
    }

    @Test("a 09:00 Europe/Stockholm job fires at 09:00 local before and after the March and October changes", arguments: [
        ("2026-03-20T12:00", ["2026-03-23T08:00", "2026-03-30T07:00"]),
        ("2026-10-16T12:00", ["2026-10-19T07:00", "2026-10-26T08:00"]),
    ])
    func acrossDST(start: String, expected: [String]) async throws {
        let time = Time(CronScheduleTests.utc(start))
        let runs = Recorder<Run>()
        let store = try ScheduleStore(writer: try DatabaseQueue())
        let service = Self.scheduler(store, time: time, jobs: [try Self.weeklyDigest(runs, time: time)])
        try await withRunningService(service, logger: Self.logger) {
            var seen = 0
            while true {
                let sleep = try await time.nextSleep(after: &seen)
                if runs.elements.count >= expected.count { break }
                time.clock.advance(by: sleep)
            }
        }
        let want = expected.map(CronScheduleTests.utc)
        #expect(runs.elements.map(\.scheduledFor) == want)
        #expect(runs.elements.map(\.at) == want, "each run starts at its local 09:00, not an hour off")
    }

    @Test("after three missed Mondays it catches up once, with the latest, then waits for the next Monday")
    func catchUpOnce() async throws {
        let time = Time(CronScheduleTests.utc("2026-03-25T12:00"))
        let runs = Recorder<Run>()
        let store = try ScheduleStore(writer: try DatabaseQueue())
        // It last ran on 2 March; the service was down for the 9th, 16th and 23rd.
        _ = try await store.record(for: "digest:playlists", now: CronScheduleTests.utc("2026-03-02T08:00"))
        let service = Self.scheduler(store, time: time, jobs: [try Self.weeklyDigest(runs, time: time)])
        try await withRunningService(service, logger: Self.logger) {
            var seen = 0
            let sleep = try await time.nextSleep(after: &seen)
            #expect(sleep == .seconds(CronScheduleTests.utc("2026-03-30T07:00").timeIntervalSince(time.now)))
        }
        #expect(runs.elements == [Run(scheduledFor: CronScheduleTests.utc("2026-03-23T08:00"), at: time.base)])
        let record = try #require(try await store.records().first)
        #expect(record.lastScheduledFor == CronScheduleTests.utc("2026-03-23T08:00"))
        #expect(record.runCount == 1)
        #expect(record.leaseHolder == nil)
    }

    @Test("a fresh database starts from now: nothing to catch up")
    func freshDatabase() async throws {
        let time = Time(CronScheduleTests.utc("2026-03-24T10:00"))
        let runs = Recorder<Run>()
        let service = Self.scheduler(try ScheduleStore(writer: try DatabaseQueue()), time: time, jobs: [try Self.weeklyDigest(runs, time: time)])
        try await withRunningService(service, logger: Self.logger) {
            var seen = 0
            let sleep = try await time.nextSleep(after: &seen)
            #expect(sleep == .seconds(CronScheduleTests.utc("2026-03-30T07:00").timeIntervalSince(time.now)))
        }
        #expect(runs.elements.isEmpty)
    }

    @Test("a restart neither repeats the run it recorded nor forgets the next one")
    func restart() async throws {
        let time = Time(CronScheduleTests.utc("2026-03-23T08:30"))
        let runs = Recorder<Run>()
        let database = try DatabaseQueue()
        let store = try ScheduleStore(writer: database)
        _ = try await store.record(for: "digest:playlists", now: CronScheduleTests.utc("2026-03-16T08:00"))
        let job = try Self.weeklyDigest(runs, time: time)
        // Down at 09:00 local, up half an hour later: the missed run happens at start-up.
        try await withRunningService(Self.scheduler(store, time: time, jobs: [job]), logger: Self.logger) {
            var seen = 0
            _ = try await time.nextSleep(after: &seen)
        }
        #expect(runs.elements.count == 1)
        // Restarted at once, on the same database file.
        let reopened = try ScheduleStore(writer: database)
        let seenBefore = time.clock.sleeps.elements.count
        try await withRunningService(Self.scheduler(reopened, time: time, jobs: [job]), logger: Self.logger) {
            var seen = seenBefore
            let sleep = try await time.nextSleep(after: &seen)
            #expect(sleep == .seconds(CronScheduleTests.utc("2026-03-30T07:00").timeIntervalSince(time.now)))
        }
        #expect(runs.elements.count == 1)
    }

    @Test("two schedulers on one database never run one job at a time")
    func oneAtATime() async throws {
        let time = Time(CronScheduleTests.utc("2026-03-25T12:00"))
        let runs = Recorder<Run>()
        let database = try DatabaseQueue()
        let store = try ScheduleStore(writer: database)
        _ = try await store.record(for: "digest:playlists", now: CronScheduleTests.utc("2026-03-16T08:00"))
        let (release, releaser) = AsyncStream.makeStream(of: Void.self)
        let running = Mutex(0)
        let mostAtOnce = Mutex(0)
        let job = try Self.weeklyDigest(runs, time: time) {
            let now = running.withLock { $0 += 1; return $0 }
            mostAtOnce.withLock { $0 = max($0, now) }
            // Holds the job (and its lease) until the test lets go.
            for await _ in release { break }
            running.withLock { $0 -= 1 }
        }
        try await withRunningService(Self.scheduler(store, time: time, jobs: [job], holder: "replica-a#1#a"), logger: Self.logger) {
            try await withRunningService(Self.scheduler(try ScheduleStore(writer: database), time: time, jobs: [job], holder: "replica-b#2#b"), logger: Self.logger) {
                _ = try await runs.first("one replica runs the job")
                // The other one found the lease taken and waits half a minute before looking again.
                _ = try await time.clock.sleeps.first("the other replica to back off") { $0 == .seconds(30) }
                releaser.yield()
                releaser.finish()
                _ = try await time.clock.sleeps.first("the first replica to wait for next Monday") { $0 > .seconds(86_400) }
                time.clock.advance(by: .seconds(30))
                _ = try await time.clock.sleeps.matches(count: 2, "both replicas waiting for next Monday") { $0 > .seconds(86_000) }
            }
        }
        #expect(runs.elements.count == 1)
        #expect(mostAtOnce.withLock { $0 } == 1)
    }

    @Test("jobs due together run a few at a time, and every one of them runs")
    func boundedRuns() async throws {
        let time = Time(CronScheduleTests.utc("2026-03-25T12:00"))
        let runs = Recorder<Run>()
        let released = Recorder<Bool>()
        let store = try ScheduleStore(writer: try DatabaseQueue())
        let running = Mutex(0)
        let mostAtOnce = Mutex(0)
        var jobs: [ScheduledJob] = []
        for team in 0..<6 {
            let id = "digest:team-\(team)"
            // Each last ran on 16 March, so every one is due at start-up.
            _ = try await store.record(for: id, now: CronScheduleTests.utc("2026-03-16T08:00"))
            jobs.append(try Self.weeklyDigest(runs, time: time, id: id) {
                let now = running.withLock { $0 += 1; return $0 }
                mostAtOnce.withLock { $0 = max($0, now) }
                // Holds the job until the test lets go.
                _ = try? await released.first("the test to release the jobs")
                running.withLock { $0 -= 1 }
            })
        }
        let due = jobs
        let service = SchedulerService(
            jobs: { due }, store: store, clock: time.clock, now: { time.now }, maxSleep: 8 * 86_400, maxConcurrentRuns: 2, logger: Self.logger)
        try await withRunningService(service, logger: Self.logger) {
            _ = try await runs.wait(for: "two jobs to start") { $0.count >= 2 ? true : nil }
            released.record(true)
            _ = try await runs.wait(for: "all six jobs to run") { $0.count == 6 ? true : nil }
        }
        #expect(Set(runs.elements.map(\.scheduledFor)) == [CronScheduleTests.utc("2026-03-23T08:00")])
        #expect(mostAtOnce.withLock { $0 } == 2, "two at a time, as configured")
    }
}
