import Catalog
import Foundation
import OnCall

/// Where and when a team hears from Backline: its channel (or its owners by direct message), its
/// time zone, quiet hours and digest preferences, all read from its Group and its rotation.
public struct TeamDelivery: Sendable, Hashable {
    /// The annotation that turns a team's digest off (`"off"`).
    public static let digestAnnotation = "backline.io/digest"
    /// The annotation that moves a team's digest (a cron line, `"0 10 * * 2"`).
    public static let digestScheduleAnnotation = "backline.io/digest-schedule"

    /// The team's Group.
    public var team: EntityRef
    /// What people call it.
    public var name: String
    /// Its `slack.com/bot-notify` channel.
    public var channel: String?
    /// Its members' Slack user ids (`slack.com/user_id`), for direct messages when it has no channel.
    public var owners: [String]
    /// Its rotation's time zone, else the organisation's.
    public var timeZone: TimeZone
    /// Its quiet hours, when set and valid.
    public var quietHours: QuietHours?
    /// False when the team opted out of the digest.
    public var digestEnabled: Bool
    /// Its own digest schedule (a cron line), when set.
    public var digestSchedule: String?
    /// Annotations that could not be used, for the operators' log.
    public var problems: [String]

    /// Where its messages go: the channel, else each owner by direct message; empty when neither.
    public var destinations: [String] { channel.map { [$0] } ?? owners }

    /// When a message due at `date` may go out (quiet hours); nil for now.
    public func notBefore(_ date: Date) -> Date? { quietHours?.deferral(of: date, in: timeZone) }

    /// Reads every team's delivery settings.
    /// - Parameters:
    ///   - rotations: the goalie rotations by team, for time zones.
    ///   - defaultTimeZone: the organisation's zone (`digests.timeZone`).
    public static func load(
        teams: [EntityRef], catalog: CatalogStore, rotations: [EntityRef: Rotation], defaultTimeZone: TimeZone
    ) async throws -> [TeamDelivery] {
        let entities = Dictionary(try await catalog.entities(teams).map { ($0.ref, $0) }, uniquingKeysWith: { first, _ in first })
        let members = try await catalog.relations(from: teams, ofType: .hasMember)
        let people = Dictionary(try await catalog.headlines(Array(Set(members.map(\.target)))).map { ($0.ref, $0.chatUserID) }, uniquingKeysWith: { first, _ in first })
        return teams.compactMap { team in
            guard let stored = entities[team] else { return nil }
            let annotations = stored.entity.metadata.annotations
            var problems: [String] = []
            var quiet: QuietHours?
            if let text = annotations[QuietHours.annotation] {
                quiet = QuietHours(text)
                if quiet == nil { problems.append("\(team): \(QuietHours.annotation) \"\(text)\" is not HH:MM-HH:MM; ignored") }
            }
            let channel = annotations["slack.com/bot-notify"].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
            let owners = members.filter { $0.source == team }.compactMap { people[$0.target] ?? nil }
            let digest = annotations[digestAnnotation]?.lowercased().trimmingCharacters(in: .whitespaces)
            let title = stored.entity.metadata.title ?? stored.entity.spec["profile"]?["displayName"]?.stringValue ?? team.name
            return TeamDelivery(
                team: team, name: title, channel: channel, owners: Array(Set(owners)).sorted(),
                timeZone: rotations[team]?.timeZone ?? defaultTimeZone, quietHours: quiet,
                digestEnabled: !(digest == "off" || digest == "false" || digest == "no"),
                digestSchedule: annotations[digestScheduleAnnotation].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 },
                problems: problems)
        }
    }
}
