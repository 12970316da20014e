import Catalog
import Foundation
import OnCall

/// `/oncall TEAM|SERVICE`: the goalie now, the next hand-off, and how to reach the team (its
/// channel first, then the goalie user group).
struct OnCallLookup {
    let goalies: GoalieDirectory
    let spec: CommandSpec

    /// The `--format json` answer.
    struct Answer: Codable {
        var command = "oncall"
        var status = "found"
        var query: String
        var team: String
        var teamName: String
        var channel: String?
        var service: String?
        var rotation: Bool
        var goalie: GoalieStatus?
        var lastKnownAgeSeconds: Int?
    }

    func run(_ subject: EntityArgument, context: CommandContext) async throws -> Reply {
        let resolver = EntityResolver(catalog: context.catalog)
        let entity: StoredEntity
        switch try await resolver.resolve(subject, kinds: ["group", "component", "resource", "api", "system"], spec: spec) {
        case .reply(let reply): return reply
        case .found(let found): entity = found
        }
        let date = context.now()
        var service: StoredEntity?
        let teamRef: EntityRef
        if entity.ref.kind == "group" {
            teamRef = entity.ref
        } else {
            service = entity
            guard let owner = try await context.catalog.relations(from: entity.ref, ofType: .ownedBy).first?.target else {
                throw NoOwner(name: entity.ref.shortDescription)
            }
            teamRef = owner
        }
        let team = try await context.catalog.entity(teamRef)
        let status: GoalieStatus?
        if let service {
            status = try await goalies.status(service: service, owner: teamRef, at: date)
        } else {
            status = try await goalies.status(team: teamRef, at: date)
        }
        let answer = Answer(
            query: subject.display, team: teamRef.description, teamName: team?.entity.displayName ?? teamRef.name,
            channel: team?.entity.metadata.annotations[Annotation.chatChannel], service: service?.ref.description, rotation: status != nil,
            goalie: status, lastKnownAgeSeconds: status?.lastKnownAt.map { Int(date.timeIntervalSince($0)) })
        return OnCallReplies.lookup(answer, now: date, data: try JSONValue(encoding: answer))
    }
}

/// A service nobody owns has no goalie.
struct NoOwner: UserFacingError {
    var name: String
    var userMessage: String { "\(name) has no owner (spec.owner), so it has no goalie. /owner \(name) shows what the catalog knows." }
}
