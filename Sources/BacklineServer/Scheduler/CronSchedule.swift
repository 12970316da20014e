import Foundation

/// A five-field cron schedule — `minute hour day-of-month month day-of-week` — read in a time zone.
///
/// Fields take `*`, numbers, ranges (`1-5`), steps (`*/15`, `10-50/20`, `5/10`), lists (`1,15`) and
/// names (`jan`…`dec`, `sun`…`sat`; day of week 0 and 7 are both Sunday). As in Vixie cron, when
/// both day fields are restricted a day matching either runs. `@hourly`, `@daily`, `@weekly`,
/// `@monthly` and `@yearly` are accepted too.
///
/// ```swift
/// let weekly = try CronSchedule(parsing: "0 9 * * 1")      // Mondays 09:00
/// let next = weekly.next(after: .now, in: TimeZone(identifier: "Europe/Stockholm")!)
/// ```
///
/// Times are wall-clock times in the zone, so a 09:00 job stays at 09:00 across DST changes. A time
/// that does not exist (the spring-forward gap, 02:30 in Stockholm on the last Sunday of March) runs
/// at the first valid instant after it (03:00); a time that happens twice (autumn) runs once, at the
/// first.
public struct CronSchedule: Sendable, Hashable, CustomStringConvertible {
    /// The text the schedule was read from.
    public let expression: String
    let minutes: [Int]
    let hours: [Int]
    let daysOfMonth: Set<Int>
    let months: Set<Int>
    /// 0 = Sunday … 6 = Saturday.
    let daysOfWeek: Set<Int>
    let dayOfMonthRestricted: Bool
    let dayOfWeekRestricted: Bool

    /// The longest expression accepted; schedules come from configuration and team files.
    static let maxLength = 200
    /// How far ahead ``next(after:in:)`` looks for a matching day (Feb 29 on a Monday is rare but real).
    static let searchDays = 366 * 30

    /// Reads a cron expression.
    /// - Throws: ``CronScheduleError`` naming the field that is wrong.
    public init(parsing text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.count <= Self.maxLength else { throw CronScheduleError(expression: String(text.prefix(40)) + "…", reason: "longer than \(Self.maxLength) characters") }
        let expanded: String
        switch trimmed.lowercased() {
        case "@hourly": expanded = "0 * * * *"
        case "@daily", "@midnight": expanded = "0 0 * * *"
        case "@weekly": expanded = "0 0 * * 0"
        case "@monthly": expanded = "0 0 1 * *"
        case "@yearly", "@annually": expanded = "0 0 1 1 *"
        default: expanded = trimmed
        }
        let fields = expanded.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard fields.count == 5 else {
            throw CronScheduleError(expression: text, reason: "expected 5 fields (minute hour day-of-month month day-of-week), found \(fields.count)")
        }
        func field(_ index: Int, _ name: String, _ range: ClosedRange<Int>, names: [String] = []) throws -> Set<Int> {
            do {
                return try CronField.parse(fields[index], range: range, names: names)
            } catch let reason as CronField.Problem {
                throw CronScheduleError(expression: text, reason: "\(name) field '\(fields[index])': \(reason.text)")
            }
        }
        expression = trimmed
        minutes = try field(0, "minute", 0...59).sorted()
        hours = try field(1, "hour", 0...23).sorted()
        daysOfMonth = try field(2, "day-of-month", 1...31)
        months = try field(3, "month", 1...12, names: ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])
        let weekdays = try field(4, "day-of-week", 0...7, names: ["sun", "mon", "tue", "wed", "thu", "fri", "sat"])
        daysOfWeek = Set(weekdays.map { $0 % 7 })
        dayOfMonthRestricted = !fields[2].hasPrefix("*")
        dayOfWeekRestricted = !fields[4].hasPrefix("*")
    }

    /// The expression as written.
    public var description: String { expression }

    /// The first occurrence strictly after `date`, in `timeZone`'s wall-clock time; nil when the
    /// schedule never matches (e.g. `0 0 31 2 *`).
    public func next(after date: Date, in timeZone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        var day = calendar.startOfDay(for: date)
        for _ in 0..<Self.searchDays {
            let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: day)
            if let year = parts.year, let month = parts.month, let dayOfMonth = parts.day, let weekday = parts.weekday,
                months.contains(month), matchesDay(dayOfMonth: dayOfMonth, weekday: weekday - 1)
            {
                for hour in hours {
                    for minute in minutes {
                        guard let candidate = instant(year: year, month: month, day: dayOfMonth, hour: hour, minute: minute, calendar: calendar) else { continue }
                        if candidate > date { return candidate }
                    }
                }
            }
            // Noon of the next day, then its start: never trips over a day that starts at 01:00.
            guard let noon = calendar.date(byAdding: .hour, value: 36, to: day) else { return nil }
            day = calendar.startOfDay(for: noon)
        }
        return nil
    }

    /// The most recent occurrence at or before `date` that is later than `after`, if any: what a
    /// scheduler that was down from `after` to `date` missed last.
    public func latest(after: Date, upTo date: Date, in timeZone: TimeZone) -> Date? {
        var found: Date?
        var cursor = after
        // Bounded: a minutely schedule over a month of downtime is ~43,000 steps.
        for _ in 0..<100_000 {
            guard let next = next(after: cursor, in: timeZone), next <= date else { return found }
            found = next
            cursor = next
        }
        return found
    }

    private func matchesDay(dayOfMonth: Int, weekday: Int) -> Bool {
        switch (dayOfMonthRestricted, dayOfWeekRestricted) {
        case (true, true): daysOfMonth.contains(dayOfMonth) || daysOfWeek.contains(weekday)
        case (true, false): daysOfMonth.contains(dayOfMonth)
        case (false, true): daysOfWeek.contains(weekday)
        case (false, false): true
        }
    }

    /// The instant of a local wall-clock time; a time in a spring-forward gap becomes the end of the gap.
    private func instant(year: Int, month: Int, day: Int, hour: Int, minute: Int, calendar: Calendar) -> Date? {
        let wanted = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute)
        guard let resolved = calendar.date(from: wanted) else { return nil }
        let back = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: resolved)
        if back.year == year, back.month == month, back.day == day, back.hour == hour, back.minute == minute { return resolved }
        // The local time does not exist: the clocks jumped over it. Run at the jump, the first valid
        // instant after the time asked for.
        let beforeGap = resolved.addingTimeInterval(-6 * 3600)
        guard let jump = calendar.timeZone.nextDaylightSavingTimeTransition(after: beforeGap), abs(jump.timeIntervalSince(resolved)) <= 6 * 3600 else {
            return resolved
        }
        return jump
    }
}

/// A cron expression that cannot be read.
public struct CronScheduleError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The expression (shortened when very long).
    public var expression: String
    /// What is wrong with it.
    public var reason: String

    /// A one-line explanation, safe to show to whoever wrote the schedule.
    public var description: String { "invalid schedule '\(expression)': \(reason)" }
}

/// One cron field: lists of values, ranges and steps.
enum CronField {
    struct Problem: Error {
        var text: String
    }

    static func parse(_ field: String, range: ClosedRange<Int>, names: [String]) throws -> Set<Int> {
        var values = Set<Int>()
        for part in field.lowercased().split(separator: ",", omittingEmptySubsequences: false) {
            guard !part.isEmpty else { throw Problem(text: "empty list item") }
            let pieces = part.split(separator: "/", omittingEmptySubsequences: false)
            guard pieces.count <= 2 else { throw Problem(text: "more than one '/'") }
            var step = 1
            if pieces.count == 2 {
                guard let value = Int(pieces[1]), value > 0, value <= range.upperBound + 1 else { throw Problem(text: "step must be a number from 1 to \(range.upperBound + 1)") }
                step = value
            }
            let base = pieces[0]
            let low: Int
            let high: Int
            if base == "*" {
                (low, high) = (range.lowerBound, range.upperBound)
            } else if let dash = base.firstIndex(of: "-") {
                low = try value(base[..<dash], range: range, names: names)
                high = try value(base[base.index(after: dash)...], range: range, names: names)
                guard low <= high else { throw Problem(text: "range \(low)-\(high) runs backwards") }
            } else {
                low = try value(base, range: range, names: names)
                // `5/10` means from 5 to the end in steps of 10, as in Vixie cron.
                high = pieces.count == 2 ? range.upperBound : low
            }
            values.formUnion(stride(from: low, through: high, by: step))
        }
        return values
    }

    private static func value(_ text: Substring, range: ClosedRange<Int>, names: [String]) throws -> Int {
        if let number = Int(text) {
            guard range.contains(number) else { throw Problem(text: "\(number) is outside \(range.lowerBound)-\(range.upperBound)") }
            return number
        }
        if let index = names.firstIndex(of: String(text)) { return range.lowerBound == 1 ? index + 1 : index }
        throw Problem(text: "'\(text)' is not a number\(names.isEmpty ? "" : " or a name (\(names.joined(separator: ", ")))")")
    }
}
