import Catalog
import ChatOps
import Foundation

/// `/alerts [TEAM]`, `/alerts ack ID`, `/alerts snooze ID 1w|1m`: lists a team's (or everyone's)
/// open alerts and acknowledges or snoozes one. The buttons on alert messages run these same
/// command lines, so they work from the message through the interactivity route.
public struct AlertsCommand: CommandHandler {
    let store: AlertStore

    /// Creates the handler.
    public init(store: AlertStore) { self.store = store }

    /// How long `1w` and `1m` snooze for.
    static let snoozes: [String: (label: String, days: Int)] = [
        "1w": ("1 week", 7), "1m": ("1 month", 30), "week": ("1 week", 7), "month": ("1 month", 30),
    ]

    public func run(_ invocation: Invocation, spec: CommandSpec, context: CommandContext) async throws -> Reply {
        let arguments = try spec.parseArguments(invocation.text)
        let words = (arguments.text("what") ?? "").split(whereSeparator: \.isWhitespace).map(String.init)
        let now = context.now()
        let user = invocation.caller.userID ?? invocation.caller.name
        switch words.first?.lowercased() {
        case nil:
            return try AlertMessages.list(try await store.openAlerts(team: nil, at: now), teamName: nil, now: now)
        case "ack":
            guard words.count == 2, let id = Self.id(words[1]) else { throw UsageError("Which alert? e.g. /alerts ack 12", usage: spec.usage) }
            guard let alert = try await store.acknowledge(id: id, by: user, at: now) else { throw NoSuchAlert(id: id) }
            return try AlertMessages.changed(alert, what: "acknowledged\(user.map { " by \($0)" } ?? ""): you will hear again only if it gets worse")
        case "snooze":
            guard words.count == 3, let id = Self.id(words[1]), let length = Self.snoozes[words[2].lowercased()] else {
                throw UsageError("Snooze which alert, for how long? e.g. /alerts snooze 12 1w (1w or 1m)", usage: spec.usage)
            }
            let until = now.addingTimeInterval(Double(length.days) * 86_400)
            guard let alert = try await store.snooze(id: id, until: until, by: user, at: now) else { throw NoSuchAlert(id: id) }
            return try AlertMessages.changed(alert, what: "snoozed for \(length.label), until \(until.formatted(.iso8601.year().month().day()))")
        default:
            let name = words.joined(separator: " ")
            let teams = try await context.catalog.entities(named: name).filter { $0.ref.kind == "group" }
            guard let team = teams.first else { throw NoSuchTeam(name: name) }
            let headline = try await context.catalog.headlines([team.ref]).first
            return try AlertMessages.list(try await store.openAlerts(team: team.ref, at: now), teamName: headline?.displayName ?? team.ref.name, now: now)
        }
    }

    /// `12` or `#12`.
    static func id(_ text: String) -> Int64? { Int64(text.hasPrefix("#") ? String(text.dropFirst()) : text) }
}

struct NoSuchAlert: UserFacingError {
    var id: Int64
    var userMessage: String { "There is no open alert #\(id) (it may have been resolved): `/alerts` lists the open ones." }
}

struct NoSuchTeam: UserFacingError {
    var name: String
    var userMessage: String { "No team named \(name) in the catalog." }
}
