import Foundation

/// How on-call times read in chat: ages and durations in words, instants in the rotation's zone.
enum OnCallFormat {
    /// `12 min`, `3 h 5 min`, `2 d 4 h`.
    static func duration(_ seconds: TimeInterval) -> String {
        let minutes = max(0, Int(seconds / 60))
        if minutes < 1 { return "under a minute" }
        if minutes < 60 { return "\(minutes) min" }
        let hours = minutes / 60
        if hours < 24 { return minutes % 60 == 0 ? "\(hours) h" : "\(hours) h \(minutes % 60) min" }
        return hours % 24 == 0 ? "\(hours / 24) d" : "\(hours / 24) d \(hours % 24) h"
    }

    /// `Mon 30 Mar 09:00 CEST` in `zone`.
    static func instant(_ date: Date, zone: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = TimeZone(identifier: zone) ?? TimeZone(identifier: "UTC")!
        formatter.dateFormat = "EEE d MMM HH:mm zzz"
        return formatter.string(from: date)
    }

    /// ISO 8601 in UTC, for JSON answers.
    static func iso(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }
}
