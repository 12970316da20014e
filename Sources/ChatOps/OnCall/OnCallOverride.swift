import Catalog
import Foundation
import OnCall

/// `/oncall override @PERSON --until TIME [--team TEAM]` and `/oncall override clear [--team TEAM]`.
///
/// The team is the one given, else the stand-in's (or, for clear, the caller's) only team with a
/// rotation, else the team whose channel the command was run in.
struct OnCallOverride {
    let goalies: GoalieDirectory
    let spec: CommandSpec
    let goalieChanged: @Sendable (EntityRef) async -> Void

    /// The longest override accepted; longer absences belong in the rotation file.
    static let longest: TimeInterval = 90 * 86_400

    func run(_ arguments: Arguments, invocation: Invocation, context: CommandContext) async throws -> Reply {
        guard let person = arguments.entity("person") else {
            throw UsageError("Who stands in? Mention them, or say clear.", usage: spec.usage)
        }
        let date = context.now()
        if case .name(let word) = person, word.lowercased() == "clear" {
            let teamRef = try await team(arguments, person: invocation.caller.catalogUser, invocation: invocation, context: context)
            let cleared = try await goalies.store.clearOverrides(team: teamRef.description, at: date)
            await goalieChanged(teamRef)
            let status = try await goalies.status(team: teamRef, at: date)
            let text = "Cleared \(cleared) override(s) for \(teamRef.name); the goalie is \(status?.goalie?.name ?? "nobody") again."
            return Reply(summary: text, blocks: [.paragraph(.text(text))], data: .object(["command": "oncall", "status": "cleared", "team": .string(teamRef.description), "cleared": .number(Double(cleared))]))
        }
        let user = try await standIn(person, context: context)
        let teamRef = try await team(arguments, person: user.ref, invocation: invocation, context: context)
        guard let rotation = goalies.rotations[teamRef] else { throw UsageError("\(teamRef.name) has no goalie rotation.", usage: spec.usage) }
        guard let untilText = arguments.text("until") else {
            throw UsageError("Until when? Add --until 2026-12-01T09:00 (in \(rotation.timeZone.identifier)).", usage: spec.usage)
        }
        let until = try Self.parseUntil(untilText, zone: rotation.timeZone, usage: spec.usage)
        guard until > date else { throw UsageError("\(untilText) is already past.", usage: spec.usage) }
        guard until.timeIntervalSince(date) <= Self.longest else {
            throw UsageError("Overrides last at most 90 days; change the rotation file for longer.", usage: spec.usage)
        }
        try await goalies.store.addOverride(
            team: teamRef.description, member: user.ref.name, from: date, until: until, createdBy: invocation.caller.userID ?? invocation.caller.catalogUser?.description)
        await goalieChanged(teamRef)
        let name = GoalieDirectory.goalie(from: user).name
        let when = OnCallFormat.instant(until, zone: rotation.timeZone.identifier)
        let text = "\(name) is goalie for \(teamRef.name) until \(when)."
        return Reply(
            summary: text, blocks: [.paragraph("\(bold: name) is goalie for \(bold: teamRef.name) until \(when) (override).")],
            data: .object([
                "command": "oncall", "status": "overridden", "team": .string(teamRef.description), "goalie": .string(user.ref.description),
                "until": .string(OnCallFormat.iso(until)),
            ]))
    }

    private func standIn(_ person: EntityArgument, context: CommandContext) async throws -> StoredEntity {
        let found: StoredEntity?
        switch person {
        case .chatUser(let id, _): found = try await context.catalog.user(chatUserID: id)
        case .name(let name): found = try await context.catalog.entity((try? EntityRef(parsing: name.hasPrefix("@") ? String(name.dropFirst()) : name, defaultKind: "user")) ?? EntityRef(kind: "user", name: name))
        case .chatChannel: found = nil
        }
        guard let found, found.ref.kind == "user" else {
            throw UsageError("\(person.display) is not a person in the catalog (a User with slack.com/user_id).", usage: spec.usage)
        }
        return found
    }

    private func team(_ arguments: Arguments, person: EntityRef?, invocation: Invocation, context: CommandContext) async throws -> EntityRef {
        if let given = arguments.entity("team") {
            switch try await EntityResolver(catalog: context.catalog).resolve(given, kinds: ["group"], spec: spec) {
            case .found(let team): return team.ref
            case .reply(let reply): throw UsageError(reply.summary, usage: spec.usage)
            }
        }
        if let person {
            let teams = try await context.catalog.relations(from: person, ofType: .memberOf).map(\.target).filter { goalies.rotations[$0] != nil }
            if teams.count == 1 { return teams[0] }
            if teams.count > 1, let here = try await channelTeam(invocation, context: context), teams.contains(here) { return here }
            if teams.count > 1 {
                throw UsageError("\(person.name) is in several rotations (\(teams.map(\.name).joined(separator: ", "))); add --team.", usage: spec.usage)
            }
        }
        if let here = try await channelTeam(invocation, context: context) { return here }
        throw UsageError("Which team? Add --team TEAM.", usage: spec.usage)
    }

    private func channelTeam(_ invocation: Invocation, context: CommandContext) async throws -> EntityRef? {
        guard let channel = invocation.channelID else { return nil }
        return try await context.catalog.groups(announcingChannel: channel).map(\.ref).first { goalies.rotations[$0] != nil }
    }

    /// `2026-12-01T09:00` or `2026-12-01 09:00` in the rotation's zone, `2026-12-01` (09:00 is not
    /// assumed: midnight), or a full ISO 8601 instant with an offset.
    static func parseUntil(_ text: String, zone: TimeZone, usage: String) throws -> Date {
        if let instant = ISO8601DateFormatter().date(from: text) { return instant }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        for format in ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm", "yyyy-MM-dd"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        throw UsageError("\(text) is not a time like 2026-12-01T09:00.", usage: usage)
    }
}
