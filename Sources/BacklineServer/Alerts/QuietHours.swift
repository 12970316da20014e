import Foundation

/// A team's quiet hours (`backline.io/quiet-hours: "19:00-08:00"` on its Group), read on its own
/// wall clock: an alert found inside them waits until they end. A window may cross midnight.
public struct QuietHours: Sendable, Hashable {
    /// The annotation that sets them.
    public static let annotation = "backline.io/quiet-hours"

    /// Minutes after local midnight the quiet starts.
    public var start: Int
    /// Minutes after local midnight it ends.
    public var end: Int

    /// Parses `HH:MM-HH:MM`; nil for anything else (a typo never silences a team forever).
    public init?(_ text: String) {
        let parts = text.split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let start = Self.minutes(parts[0]), let end = Self.minutes(parts[1]), start != end else { return nil }
        self.start = start
        self.end = end
    }

    private static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, parts[0].count <= 2, parts[1].count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]),
              (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
        return hour * 60 + minute
    }

    /// When a message due at `date` may go out: the end of the quiet hours when `date` falls
    /// inside them, else nil (it may go now).
    public func deferral(of date: Date, in zone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        let now = (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
        let inside = start < end ? (now >= start && now < end) : (now >= start || now < end)
        guard inside else { return nil }
        // The end falls today, or tomorrow when the window crosses midnight and we are before it.
        let day = start > end && now >= start ? calendar.date(byAdding: .day, value: 1, to: date) ?? date : date
        return calendar.date(bySettingHour: end / 60, minute: end % 60, second: 0, of: day)
    }
}
