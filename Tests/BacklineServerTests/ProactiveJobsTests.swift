import BacklineServer
import Catalog
import Foundation
import Logging
import SlackTesting
import Testing

/// The digest and alert jobs on the scheduler with a manual clock: each team's digest at its local
/// time on both sides of a DST change, one catch-up after downtime, a repeated run or a
/// `digest send` in the same week enqueuing nothing new, and teams moving or stopping theirs.
@Suite("Digest and alert jobs", .timeLimit(.minutes(3)))
struct ProactiveJobsTests {
    static let logger = Logger(label: "jobs-test")
    static let squadA = "digest:group:default/squad-a"

    /// `2026-03-23T08:00` in UTC.
    static func utc(_ text: String) -> Date {
        guard let date = ISO8601DateFormatter().date(from: text + ":00Z") else { preconditionFailure("not a UTC minute: \(text)") }
        return date
    }

    static func provider(_ database: BacklineDatabase, time: SchedulerTests.Time, settings: DigestSettings = DigestSettings()) throws -> ProactiveJobs {
        try ProactiveJobs(
            planner: try ProactiveDeliveryTests.planner(database), outbox: database.outbox, settings: settings, now: { time.now }, logger: logger)
    }

    static func scheduler(_ database: BacklineDatabase, time: SchedulerTests.Time, jobs: ProactiveJobs) -> SchedulerService<ManualClock> {
        SchedulerService(
            jobs: { try await jobs.jobs().filter { $0.id == squadA } }, store: database.schedules, clock: time.clock, now: { time.now },
            maxSleep: 8 * 86_400, logger: logger)
    }

    /// The scheduler's next sleep after the `seen` recorded so far. Composing digests reads the
    /// database, which on a loaded machine can take seconds: the wait allows more than the
    /// recorder's default, still within the suite's time limit.
    static func nextSleep(_ time: SchedulerTests.Time, after seen: inout Int) async throws -> Duration {
        let known = seen
        let (count, last) = try await time.clock.sleeps.wait(for: "the scheduler to sleep", timeout: .seconds(40)) {
            $0.count > known ? ($0.count, $0[$0.count - 1]) : nil
        }
        seen = count
        return last
    }

    static func digests(_ database: BacklineDatabase) async throws -> [OutboxMessage] {
        try await database.outbox.messages(in: .queued).filter { $0.kind == "digest" && $0.channel == "#shared" && $0.text.contains("squad-a") }
    }

    @Test("one job per team with its own zone and schedule; opted-out teams have none; digests.enabled false leaves only the alert job")
    func jobs() async throws {
        let database = try await ProactiveDeliveryTests.database()
        let time = SchedulerTests.Time(Self.utc("2026-03-20T12:00"))
        let jobs = Dictionary(try await Self.provider(database, time: time).jobs().map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        #expect(Set(jobs.keys) == [Self.squadA, "digest:group:default/squad-b", "digest:group:default/lonely", "alerts"])
        #expect(jobs[Self.squadA]?.timeZone.identifier == "Europe/Stockholm")
        #expect(jobs[Self.squadA]?.schedule.expression == "0 9 * * 1")
        #expect(jobs["digest:group:default/squad-b"]?.schedule.expression == "0 10 * * 2", "moved by its annotation")
        #expect(jobs["digest:group:default/lonely"]?.timeZone == .gmt, "no rotation: the organisation's zone")
        var off = DigestSettings()
        off.enabled = false
        #expect(try await Self.provider(database, time: time, settings: off).jobs().map(\.id) == ["alerts"])
    }

    @Test("squad-a's digest is enqueued at 09:00 Stockholm time before and after the March change, keyed by ISO week")
    func acrossDST() async throws {
        let database = try await ProactiveDeliveryTests.database()
        let time = SchedulerTests.Time(Self.utc("2026-03-20T12:00"))
        let service = Self.scheduler(database, time: time, jobs: try Self.provider(database, time: time))
        try await withRunningService(service, logger: Self.logger) {
            var seen = 0
            while true {
                let sleep = try await Self.nextSleep(time, after: &seen)
                if try await Self.digests(database).count >= 2 { break }
                time.clock.advance(by: sleep)
            }
        }
        let messages = try await Self.digests(database)
        #expect(messages.map(\.enqueuedAt) == [Self.utc("2026-03-23T08:00"), Self.utc("2026-03-30T07:00")])
        #expect(messages.map(\.dedupeKey) == ["\(Self.squadA):2026-W13", "\(Self.squadA):2026-W14"])
    }

    @Test("after downtime one catch-up digest is enqueued, and a restart or a digest send in the same week adds nothing")
    func catchUpAndDedupe() async throws {
        let database = try await ProactiveDeliveryTests.database()
        let time = SchedulerTests.Time(Self.utc("2026-03-25T12:00"))
        _ = try await database.schedules.record(for: Self.squadA, now: Self.utc("2026-03-02T08:00"))
        let jobs = try Self.provider(database, time: time)
        try await withRunningService(Self.scheduler(database, time: time, jobs: jobs), logger: Self.logger) {
            var seen = 0
            _ = try await Self.nextSleep(time, after: &seen)
        }
        #expect(try await Self.digests(database).map(\.dedupeKey) == ["\(Self.squadA):2026-W13"], "three missed Mondays, one digest")

        let seenBefore = time.clock.sleeps.elements.count
        try await withRunningService(Self.scheduler(database, time: time, jobs: jobs), logger: Self.logger) {
            var seen = seenBefore
            _ = try await Self.nextSleep(time, after: &seen)
        }
        let planner = try ProactiveDeliveryTests.planner(database)
        let teams = try await planner.deliveries(teams: [EntityRef(kind: "group", name: "squad-a")])
        try await planner.sendDigests(to: teams, now: time.now) { messages in try database.outbox.enqueue(messages, at: time.now) }
        #expect(try await Self.digests(database).count == 1, "the restart and `digest send` found this week's digest already queued")
    }
}
