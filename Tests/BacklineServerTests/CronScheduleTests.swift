import BacklineServer
import Foundation
import Testing

/// Cron expressions as schedules and configuration files write them, read in a time zone.
@Suite("Cron schedules")
struct CronScheduleTests {
    static let stockholm = TimeZone(identifier: "Europe/Stockholm")!
    static let utc = TimeZone(identifier: "UTC")!

    /// An instant written in UTC, `2026-03-29T01:00`.
    static func utc(_ text: String) -> Date {
        let numbers = text.split(whereSeparator: { !$0.isNumber }).map { Int($0)! }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: numbers[0], month: numbers[1], day: numbers[2], hour: numbers[3], minute: numbers[4]))!
    }

    /// The next `count` occurrences after `start`.
    static func occurrences(_ expression: String, after start: Date, count: Int, in zone: TimeZone = utc) throws -> [Date] {
        let schedule = try CronSchedule(parsing: expression)
        var found: [Date] = []
        var cursor = start
        while found.count < count, let next = schedule.next(after: cursor, in: zone) {
            found.append(next)
            cursor = next
        }
        return found
    }

    @Test("the weekly default runs Mondays at 09:00 local, on both sides of the March and October changes")
    func weeklyAcrossDST() throws {
        // Europe/Stockholm: CET (UTC+1) until 2026-03-29 01:00 UTC, CEST (UTC+2) until 2026-10-25 01:00 UTC.
        #expect(try Self.occurrences("0 9 * * 1", after: Self.utc("2026-03-20T12:00"), count: 2, in: Self.stockholm)
            == [Self.utc("2026-03-23T08:00"), Self.utc("2026-03-30T07:00")])
        #expect(try Self.occurrences("0 9 * * mon", after: Self.utc("2026-10-16T12:00"), count: 2, in: Self.stockholm)
            == [Self.utc("2026-10-19T07:00"), Self.utc("2026-10-26T08:00")])
    }

    @Test("a time in the spring-forward gap runs at the first valid instant after it, once")
    func springGap() throws {
        // 02:30 does not exist in Stockholm on 2026-03-29: the clocks go from 02:00 to 03:00.
        let runs = try Self.occurrences("30 2 * * *", after: Self.utc("2026-03-28T12:00"), count: 3, in: Self.stockholm)
        #expect(runs == [Self.utc("2026-03-29T01:00"), Self.utc("2026-03-30T00:30"), Self.utc("2026-03-31T00:30")])
        // Two times inside the gap both become 03:00, which runs once.
        let gap = try Self.occurrences("0,30 2 29 3 *", after: Self.utc("2026-03-28T12:00"), count: 2, in: Self.stockholm)
        #expect(gap.first == Self.utc("2026-03-29T01:00"))
        #expect(gap.count < 2 || gap[1] > Self.utc("2027-01-01T00:00"))
    }

    @Test("a time that happens twice in autumn runs once that day")
    func autumnRepeat() throws {
        let runs = try Self.occurrences("30 2 * * *", after: Self.utc("2026-10-24T12:00"), count: 2, in: Self.stockholm)
        #expect(runs.count == 2)
        #expect(runs[0] >= Self.utc("2026-10-25T00:30") && runs[0] <= Self.utc("2026-10-25T01:30"))
        #expect(runs[1] == Self.utc("2026-10-26T01:30"), "the second 02:30 of 25 October does not run again")
    }

    @Test("lists, ranges, steps and names", arguments: [
        ("*/20 * * * *", "2026-01-01T00:05", ["2026-01-01T00:20", "2026-01-01T00:40", "2026-01-01T01:00"]),
        ("5/20 10 * * *", "2026-01-01T00:00", ["2026-01-01T10:05", "2026-01-01T10:25", "2026-01-01T10:45"]),
        ("0 9-17/4 * * mon-fri", "2026-01-02T10:00", ["2026-01-02T13:00", "2026-01-02T17:00", "2026-01-05T09:00"]),
        ("0 0 1,15 feb *", "2026-01-20T00:00", ["2026-02-01T00:00", "2026-02-15T00:00", "2027-02-01T00:00"]),
        ("0 12 * * 7", "2026-01-01T00:00", ["2026-01-04T12:00", "2026-01-11T12:00", "2026-01-18T12:00"]),
        // Both day fields restricted: either matches (the 13th, or any Friday).
        ("0 0 13 * fri", "2026-02-01T00:00", ["2026-02-06T00:00", "2026-02-13T00:00", "2026-02-20T00:00"]),
        ("@daily", "2026-01-01T10:00", ["2026-01-02T00:00", "2026-01-03T00:00", "2026-01-04T00:00"]),
        ("0 0 29 2 *", "2026-01-01T00:00", ["2028-02-29T00:00", "2032-02-29T00:00", "2036-02-29T00:00"]),
    ])
    func fields(expression: String, start: String, expected: [String]) throws {
        #expect(try Self.occurrences(expression, after: Self.utc(start), count: expected.count) == expected.map(Self.utc))
    }

    @Test("a schedule that can never match has no next occurrence")
    func never() throws {
        #expect(try CronSchedule(parsing: "0 0 31 2 *").next(after: Self.utc("2026-01-01T00:00"), in: Self.utc) == nil)
    }

    @Test("unreadable schedules name the field at fault", arguments: [
        ("0 9 * *", "expected 5 fields"), ("60 9 * * 1", "minute field"), ("0 24 * * 1", "hour field"), ("0 9 0 * *", "day-of-month"),
        ("0 9 * 13 *", "month field"), ("0 9 * * 8", "day-of-week"), ("0 9 * * funday", "not a number or a name"),
        ("*/0 * * * *", "step"), ("5-1 * * * *", "backwards"), ("1,,2 * * * *", "empty list item"), ("0 9 * * 1/2/3", "more than one"),
    ])
    func errors(expression: String, message: String) {
        #expect {
            _ = try CronSchedule(parsing: expression)
        } throws: { error in
            "\(error)".contains(message)
        }
    }

    @Test("a hostile schedule is refused quickly, not parsed")
    func tooLong() {
        #expect(throws: CronScheduleError.self) { try CronSchedule(parsing: String(repeating: "1,", count: 5000) + "1 * * * *") }
    }

    @Test("the latest occurrence missed in a window is the one a catch-up runs")
    func latestMissed() throws {
        let weekly = try CronSchedule(parsing: "0 9 * * 1")
        let missed = weekly.latest(after: Self.utc("2026-03-02T08:00"), upTo: Self.utc("2026-03-25T12:00"), in: Self.stockholm)
        #expect(missed == Self.utc("2026-03-23T08:00"))
        #expect(weekly.latest(after: Self.utc("2026-03-23T08:00"), upTo: Self.utc("2026-03-25T12:00"), in: Self.stockholm) == nil)
    }
}
