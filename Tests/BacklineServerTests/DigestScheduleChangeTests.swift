import BacklineServer
import Catalog
import Foundation
import Logging
import SlackTesting
import Testing

/// A team moves or stops its digest with annotations on its Group, and the running scheduler
/// follows at the next occurrence, without a restart.
@Suite("Digest schedule changes while serve runs", .timeLimit(.minutes(3)))
struct DigestScheduleChangeTests {
    static let squadA = "group:default/squad-a"
    static let annotations = "{slack.com/bot-notify: '#shared', backline.io/quiet-hours: '19:00-08:00'}"

    static func ingest(_ database: BacklineDatabase, directory: URL, squadAAnnotations: String) async throws {
        let yaml = ProactiveDeliveryTests.yaml.replacingOccurrences(of: Self.annotations, with: squadAAnnotations)
        try yaml.write(to: directory.appendingPathComponent("catalog-info.yaml"), atomically: true, encoding: .utf8)
        _ = try await CatalogIngester(store: database.catalog).ingest([.path(directory.path)])
    }

    static func squadADigests(_ database: BacklineDatabase) async throws -> [OutboxMessage] {
        try await database.outbox.messages(in: .queued).filter { $0.kind == "digest" && $0.dedupeKey?.hasPrefix("digest:\(squadA):") == true }
    }

    @Test("squad-a moves its digest from Monday to Wednesday, then opts out: the next one comes on Wednesday at 09:00 its time, then none")
    func moveThenOptOut() async throws {
        #expect(ProactiveDeliveryTests.yaml.contains(Self.annotations))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("backline-schedule-change-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try BacklineDatabase.open(path: nil)
        try await Self.ingest(database, directory: directory, squadAAnnotations: Self.annotations)
        // Monday 16 March 2026, 13:00 in Stockholm: this week's Monday digest time has passed.
        let time = SchedulerTests.Time(ProactiveJobsTests.utc("2026-03-16T12:00"))
        let jobs = try ProactiveJobsTests.provider(database, time: time)
        let scheduler = SchedulerService(
            jobs: { try await jobs.jobs().filter { $0.id == "digest:\(Self.squadA)" } }, store: database.schedules, clock: time.clock,
            now: { time.now }, maxSleep: 3600, logger: ProactiveJobsTests.logger)
        try await withRunningService(scheduler, logger: ProactiveJobsTests.logger) {
            var seen = 0
            var sleep = try await ProactiveJobsTests.nextSleep(time, after: &seen)
            try await Self.ingest(
                database, directory: directory,
                squadAAnnotations: "{slack.com/bot-notify: '#shared', backline.io/digest-schedule: '0 9 * * 3'}")
            while try await Self.squadADigests(database).isEmpty {
                try #require(time.now < ProactiveJobsTests.utc("2026-03-24T00:00"), "no digest by the next Tuesday")
                time.clock.advance(by: sleep)
                sleep = try await ProactiveJobsTests.nextSleep(time, after: &seen)
            }
            #expect(try await Self.squadADigests(database).map(\.enqueuedAt) == [ProactiveJobsTests.utc("2026-03-18T08:00")], "Wednesday 09:00 CET")

            try await Self.ingest(database, directory: directory, squadAAnnotations: "{slack.com/bot-notify: '#shared', backline.io/digest: 'off'}")
            while time.now < ProactiveJobsTests.utc("2026-03-31T00:00") {
                time.clock.advance(by: sleep)
                sleep = try await ProactiveJobsTests.nextSleep(time, after: &seen)
            }
        }
        #expect(try await Self.squadADigests(database).count == 1, "opted out: neither Wednesday nor Monday brought another")
    }
}
