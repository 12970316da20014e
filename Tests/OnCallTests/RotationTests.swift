import Foundation
import OnCall
import Testing

@Suite("Rotations")
struct RotationTests {
    /// Weekly, Monday 09:00 in Stockholm; `ana` starts on Monday 5 January 2026.
    static let stockholm = Rotation(
        team: "playlists", members: ["ana", "ben", "cai"], handoff: Handoff(weekday: 2, hour: 9, minute: 0),
        timeZone: TimeZone(identifier: "Europe/Stockholm")!, shiftDays: 7, anchor: DateComponents(year: 2026, month: 1, day: 5))

    static func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test("the first shift starts at the anchor's hand-off and members take turns")
    func turns() {
        let rotation = Self.stockholm
        #expect(rotation.shiftStart(0) == Self.utc("2026-01-05T08:00:00Z"))
        #expect(rotation.shift(at: Self.utc("2026-01-05T08:00:00Z")).member == "ana")
        #expect(rotation.shift(at: Self.utc("2026-01-12T07:59:59Z")).member == "ana")
        #expect(rotation.shift(at: Self.utc("2026-01-12T08:00:00Z")).member == "ben")
        #expect(rotation.shift(at: Self.utc("2026-01-19T08:00:00Z")).member == "cai")
        #expect(rotation.shift(at: Self.utc("2026-01-26T08:00:00Z")).member == "ana")
        // Before the anchor the order runs backwards.
        #expect(rotation.shift(at: Self.utc("2026-01-04T12:00:00Z")).member == "cai")
    }

    @Test("spring forward: the hand-off after the March change is at 09:00 CEST, 07:00 UTC")
    func springForward() {
        let rotation = Self.stockholm
        // Clocks go forward on Sunday 29 March 2026; shift 12 starts Monday 30 March.
        let handoff = Self.utc("2026-03-30T07:00:00Z")
        #expect(rotation.shiftStart(12) == handoff)
        #expect(rotation.shift(at: handoff.addingTimeInterval(-60)).member == "cai")  // 08:59 local
        #expect(rotation.shift(at: handoff).member == "ana")                          // 09:00 local
        // A fixed 7 × 24 h step would hand off at 08:00 UTC (10:00 local); at 07:30 it is ana's.
        #expect(rotation.shift(at: Self.utc("2026-03-30T07:30:00Z")).member == "ana")
        // The shift across the change is an hour short.
        let shift = rotation.shift(at: Self.utc("2026-03-25T12:00:00Z"))
        #expect(shift.end.timeIntervalSince(shift.start) == 7 * 86_400 - 3600)
    }

    @Test("fall back: the hand-off after the October change is at 09:00 CET, 08:00 UTC")
    func fallBack() {
        let rotation = Self.stockholm
        // Clocks go back on Sunday 25 October 2026; shift 42 starts Monday 26 October.
        let handoff = Self.utc("2026-10-26T08:00:00Z")
        #expect(rotation.shiftStart(42) == handoff)
        // 08:30 local, after a fixed-length step would already have handed over: still cai.
        #expect(rotation.shift(at: Self.utc("2026-10-26T07:30:00Z")).member == "cai")
        #expect(rotation.shift(at: handoff.addingTimeInterval(-1)).member == "cai")
        #expect(rotation.shift(at: handoff).member == "ana")
        let shift = rotation.shift(at: Self.utc("2026-10-22T12:00:00Z"))
        #expect(shift.end == handoff)
        #expect(shift.end.timeIntervalSince(shift.start) == 7 * 86_400 + 3600)
    }

    @Test("a rotation in another zone hands off at its own wall-clock time")
    func otherZone() {
        let rotation = Rotation(
            team: "search", members: ["x", "y"], handoff: Handoff(weekday: 3, hour: 10, minute: 30),
            timeZone: TimeZone(identifier: "America/New_York")!, shiftDays: 7, anchor: DateComponents(year: 2026, month: 3, day: 3))
        // US clocks change on 8 March 2026: 10:30 EST is 15:30 UTC, 10:30 EDT is 14:30 UTC.
        #expect(rotation.shiftStart(0) == Self.utc("2026-03-03T15:30:00Z"))
        #expect(rotation.shiftStart(1) == Self.utc("2026-03-10T14:30:00Z"))
        #expect(rotation.shift(at: Self.utc("2026-03-10T14:29:00Z")).member == "x")
        #expect(rotation.shift(at: Self.utc("2026-03-10T14:30:00Z")).member == "y")
    }

    @Test("rotation files are read, and mistakes are explained with the file and field")
    func files() throws {
        let rotation = try RotationFile.parse("""
            team: playlists
            members: [ana, ben]
            handoff: monday 09:00
            timeZone: Europe/Stockholm
            start: 2026-01-05
            pager: {pagerdutySchedule: PABC123}
            """, file: "playlists.yaml")
        #expect(rotation.handoff == Handoff(weekday: 2, hour: 9, minute: 0))
        #expect(rotation.shiftDays == 7)
        #expect(rotation.userGroupHandle == "playlists-goalie")
        #expect(rotation.pager == .pagerDutySchedule("PABC123"))
        #expect(rotation.shiftStart(0) == Self.utc("2026-01-05T08:00:00Z"))

        let problems: [(String, String)] = [
            ("team: a\nmembers: [x]\nhandoff: monday 09:00\ntimeZone: Mars/Olympus", "timeZone"),
            ("team: a\nmembers: [x]\nhandoff: someday 09:00\ntimeZone: UTC", "handoff"),
            ("team: a\nmembers: [x]\nhandoff: monday 25:00\ntimeZone: UTC", "handoff"),
            ("team: a\nmembers: [x]\nhandoff: monday 09:00\ntimeZone: UTC\nstart: 2026-01-06", "not a monday"),
            ("team: a\nmembers: []\nhandoff: monday 09:00\ntimeZone: UTC", "members"),
            ("team: a\nmembers: [x]\nhandoff: monday 09:00\ntimeZone: UTC\nshiftDays: 0", "shiftDays"),
        ]
        for (text, expected) in problems {
            let error = #expect(throws: RotationFileError.self) { try RotationFile.parse(text, file: "bad.yaml") }
            #expect(error?.description.contains(expected) == true, "\(error?.description ?? "no error")")
            #expect(error?.file == "bad.yaml")
        }
    }

    @Test("the demo rotations all load")
    func demoRotations() {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("config/catalog/rotations")
        let loaded = RotationFile.loadDirectory(folder)
        #expect(loaded.errors.isEmpty, "\(loaded.errors)")
        #expect(loaded.rotations.count >= 8)
    }
}
