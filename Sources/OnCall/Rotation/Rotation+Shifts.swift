import Foundation

/// One shift of a rotation: who holds it and when it starts and ends.
public struct Shift: Sendable, Hashable {
    /// The shift's number counted from the anchor (negative before it).
    public var index: Int
    /// The catalog User name holding it.
    public var member: String
    /// When it starts.
    public var start: Date
    /// When the next shift starts.
    public var end: Date
}

extension Rotation {
    /// A Gregorian calendar in the rotation's zone: adding days to a date keeps its wall-clock
    /// time across daylight-saving changes, which is what a hand-off time means.
    var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// The instant shift `index` starts.
    public func shiftStart(_ index: Int) -> Date {
        let calendar = calendar
        var components = anchor
        components.day = (anchor.day ?? 1) + index * shiftDays
        components.hour = handoff.hour
        components.minute = handoff.minute
        components.second = 0
        // A hand-off inside a spring-forward gap (02:30 on the change day) moves to the first
        // valid instant after it, as Foundation's default matching policy does.
        return calendar.date(from: components) ?? Date(timeIntervalSince1970: 0)
    }

    /// The shift in progress at `date`.
    public func shift(at date: Date) -> Shift {
        // Start from an estimate in absolute seconds, then correct by at most a step either way:
        // DST moves hand-offs by an hour, never by a whole shift.
        let length = Double(shiftDays) * 86_400
        var index = Int((date.timeIntervalSince(shiftStart(0)) / length).rounded(.down))
        while shiftStart(index) > date { index -= 1 }
        while shiftStart(index + 1) <= date { index += 1 }
        return shift(index)
    }

    /// Shift number `index`.
    public func shift(_ index: Int) -> Shift {
        let count = members.count
        let member = count == 0 ? "" : members[((index % count) + count) % count]
        return Shift(index: index, member: member, start: shiftStart(index), end: shiftStart(index + 1))
    }
}
