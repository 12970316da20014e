import Foundation
import Yams

/// A rotation file that cannot be used; the message names the file and the field.
public struct RotationFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file.
    public var file: String
    /// What is wrong and how to fix it.
    public var message: String

    /// Creates an error.
    public init(file: String, message: String) {
        self.file = file
        self.message = message
    }

    public var description: String { "\(file): \(message)" }
}

/// Reads rotation files: one YAML mapping per file, documented in `docs/oncall.md`.
///
/// ```yaml
/// team: playlists
/// members: [priya.raman, sofia.lindqvist, liam.oconnor]
/// handoff: monday 09:00
/// timeZone: Europe/Stockholm
/// shiftDays: 7
/// start: 2026-01-05
/// ```
public enum RotationFile {
    private struct Document: Decodable {
        var team: String
        var members: [String]?
        var handoff: String
        var timeZone: String
        var shiftDays: Int?
        var start: String?
        var userGroup: String?
        var pager: [String: String]?
    }

    /// Every `*.yaml`/`*.yml` file in `directory`, sorted by name; a missing directory has none.
    /// A file that cannot be used is returned as an error and does not stop the others.
    public static func loadDirectory(_ directory: URL) -> (rotations: [Rotation], errors: [RotationFileError]) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        var rotations: [Rotation] = []
        var errors: [RotationFileError] = []
        for name in names.filter({ $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }).sorted() {
            let url = directory.appendingPathComponent(name)
            do {
                guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                    throw RotationFileError(file: url.path, message: "cannot read the file")
                }
                rotations.append(try parse(text, file: url.path))
            } catch let error as RotationFileError {
                errors.append(error)
            } catch {
                errors.append(RotationFileError(file: url.path, message: "\(error)"))
            }
        }
        return (rotations, errors)
    }

    /// Parses one file's text.
    public static func parse(_ text: String, file: String) throws -> Rotation {
        func fail(_ message: String) -> RotationFileError { RotationFileError(file: file, message: message) }
        let document: Document
        do {
            document = try YAMLDecoder().decode(Document.self, from: text)
        } catch {
            throw fail("not a rotation (team, members, handoff, timeZone): \(error)")
        }
        guard let zone = TimeZone(identifier: document.timeZone) else {
            throw fail("field \"timeZone\": \(document.timeZone) is not an IANA time zone such as Europe/Stockholm")
        }
        let handoff = try parseHandoff(document.handoff, fail: fail)
        let shiftDays = document.shiftDays ?? 7
        guard (1...28).contains(shiftDays) else { throw fail("field \"shiftDays\": must be between 1 and 28") }
        let pager = try document.pager.map { try parsePager($0, fail: fail) }
        let members = document.members ?? []
        guard !members.isEmpty || pager != nil else { throw fail("field \"members\": a rotation without a pager needs at least one member") }
        var anchor: DateComponents?
        if let start = document.start {
            let parts = start.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3 else { throw fail("field \"start\": \(start) is not a date like 2026-01-05") }
            anchor = DateComponents(year: parts[0], month: parts[1], day: parts[2])
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            guard let day = calendar.date(from: anchor!), calendar.component(.weekday, from: day) == handoff.weekday else {
                throw fail("field \"start\": \(start) is not a \(weekdayNames[handoff.weekday - 1]), the hand-off day")
            }
        }
        return Rotation(
            team: document.team, members: members, handoff: handoff, timeZone: zone, shiftDays: shiftDays, anchor: anchor,
            userGroupHandle: document.userGroup, pager: pager, sourcePath: file)
    }

    static let weekdayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]

    /// `monday 09:00`.
    private static func parseHandoff(_ text: String, fail: (String) -> RotationFileError) throws -> Handoff {
        let words = text.lowercased().split(separator: " ")
        let problem = fail("field \"handoff\": \(text) is not a weekday and a 24-hour time such as \"monday 09:00\"")
        guard words.count == 2, let day = weekdayNames.firstIndex(where: { $0.hasPrefix(words[0]) && words[0].count >= 3 }) else { throw problem }
        let time = words[1].split(separator: ":").compactMap { Int($0) }
        guard time.count == 2, (0...23).contains(time[0]), (0...59).contains(time[1]) else { throw problem }
        return Handoff(weekday: day + 1, hour: time[0], minute: time[1])
    }

    /// `{pagerdutySchedule: P123}`, `{pagerdutyEscalationPolicy: P456}` or `{opsgenieSchedule: id}`.
    private static func parsePager(_ fields: [String: String], fail: (String) -> RotationFileError) throws -> PagerTarget {
        guard fields.count == 1, let entry = fields.first else {
            throw fail("field \"pager\": give exactly one of pagerdutySchedule, pagerdutyEscalationPolicy, opsgenieSchedule")
        }
        let (key, value) = (entry.key, entry.value)
        switch key {
        case "pagerdutySchedule": return .pagerDutySchedule(value)
        case "pagerdutyEscalationPolicy": return .pagerDutyEscalationPolicy(value)
        case "opsgenieSchedule": return .opsgenieSchedule(value)
        default: throw fail("field \"pager\": unknown key \(key) (pagerdutySchedule, pagerdutyEscalationPolicy or opsgenieSchedule)")
        }
    }
}
