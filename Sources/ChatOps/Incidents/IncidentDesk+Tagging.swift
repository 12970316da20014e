import Catalog
import Foundation
import Logging
import OnCall

/// One team brought into an incident by a message or the channel, with how it went.
struct TeamTagging: Sendable {
    var team: EntityRef
    var teamName: String
    var teamChannel: String?
    var service: EntityRef
    var reason: String
    var status: GoalieStatus?
    var tag: IncidentTag
}

/// A team listed because a service in the incident depends on something it owns.
struct PossiblyAffected: Sendable {
    var team: EntityRef
    var teamName: String
    var teamChannel: String?
    var dependency: EntityRef
    var dependent: EntityRef
}

extension IncidentDesk {
    /// Finds services in `sources`, records the new ones, tags each new team's goalie in one
    /// invite, and returns the one message to post (nil when nothing new was found).
    func scan(
        _ incident: IncidentRecord, channel: IncidentChannel, sources: [(String, String)], opening: Bool, alsoInvite: [String] = []
    ) async throws -> Reply? {
        let date = now()
        let finder = ServiceMentionFinder(entities: try await catalog.entities(ofKinds: ServiceMentionFinder.serviceKinds))
        var found: [(ref: EntityRef, reason: String)] = []
        for (label, text) in sources where !text.isEmpty {
            for mention in finder.mentions(in: text) where !found.contains(where: { $0.ref == mention.ref }) {
                found.append((mention.ref, "\(label) says “\(mention.matched)”"))
            }
        }
        var candidates: [IncidentService] = []
        var owners: [EntityRef: EntityRef] = [:]
        for (ref, reason) in found {
            let owner = try await catalog.relations(from: ref, ofType: .ownedBy).first?.target
            owners[ref] = owner
            candidates.append(IncidentService(ref: ref.description, team: owner?.description, reason: reason, possiblyAffected: false, foundAt: date))
        }
        let newServices = try await store.addServices(candidates, to: incident.id)

        var taggings: [TeamTagging] = []
        for service in newServices {
            let ref = try EntityRef(parsing: service.ref)
            guard let team = owners[ref] else {
                taggings.append(TeamTagging(
                    team: ref, teamName: ref.name, service: ref, reason: service.reason, status: nil,
                    tag: IncidentTag(team: "(no owner) \(ref)", chatUserID: nil, userRef: nil, service: service.ref, outcome: "no owner: \(ref.name) has no spec.owner", taggedAt: date)))
                continue
            }
            guard !taggings.contains(where: { $0.team == team }) else { continue }
            let teamEntity = try await catalog.entity(team)
            let stored = try await catalog.entity(ref)
            let status = try await stored.asyncFlatMap { try await goalies.status(service: $0, owner: team, at: date) }
            let goalie = status?.goalie
            let outcome: String =
                teamEntity == nil ? "no team: \(team) is not in the catalog"
                : status == nil ? "no rotation"
                : goalie == nil ? "no goalie\(status?.problem.map { ": \($0)" } ?? "")"
                : goalie?.chatUserID == nil ? "not in the workspace"
                : "pending"
            taggings.append(TeamTagging(
                team: team, teamName: teamEntity?.entity.displayName ?? team.name,
                teamChannel: teamEntity?.entity.metadata.annotations[Annotation.chatChannel], service: ref, reason: service.reason, status: status,
                tag: IncidentTag(team: team.description, chatUserID: goalie?.chatUserID, userRef: goalie?.userRef, service: service.ref, outcome: outcome, taggedAt: date)))
        }
        // Claim before inviting: a team another delivery already claimed is left alone.
        let claimed = Set(try await store.claimTags(taggings.map(\.tag), incidentID: incident.id).map(\.team))
        taggings = taggings.filter { claimed.contains($0.tag.team) }
        taggings = try await invite(taggings, alsoInvite: alsoInvite, channel: channel, incidentID: incident.id)

        let possibly = try await possiblyAffected(newServices.filter { !$0.possiblyAffected }, tagged: Set(owners.values).union(incident.tags.compactMap { try? EntityRef(parsing: $0.team) }), incidentID: incident.id, at: date)
        guard opening || !taggings.isEmpty || !possibly.isEmpty else { return nil }
        return IncidentMessages.tagged(incident, taggings: taggings, possiblyAffected: possibly, opening: opening, now: date)
    }

    /// One `conversations.invite` for every goalie ready to be tagged (plus whoever declared).
    private func invite(_ taggings: [TeamTagging], alsoInvite: [String], channel: IncidentChannel, incidentID: Int64) async throws -> [TeamTagging] {
        var taggings = taggings
        let ready = taggings.indices.filter { taggings[$0].tag.outcome == "pending" }
        var users: [String] = []
        for index in ready { if let id = taggings[index].tag.chatUserID, !users.contains(id) { users.append(id) } }
        for id in alsoInvite where !users.contains(id) { users.append(id) }
        var outcome = "invited"
        if channel.isArchived {
            outcome = "failed: the channel is archived"
        } else if !users.isEmpty {
            do {
                try await actions.invite(users, to: channel.id)
            } catch let error as IncidentActionError where error.code == "already_in_channel" {
                outcome = "invited"
            } catch {
                outcome = "failed: the invite was refused (\(error))"
                logger.error("incident invite failed", metadata: ["channel": "\(channel.id)", "users": "\(users)", "error": "\(error)"])
            }
        }
        for index in ready {
            taggings[index].tag.outcome = outcome
            try await store.recordTagOutcome(outcome, team: taggings[index].tag.team, incidentID: incidentID)
        }
        for tagging in taggings where tagging.tag.outcome != "invited" {
            logger.warning("incident goalie not tagged", metadata: ["team": "\(tagging.team)", "outcome": "\(tagging.tag.outcome)", "incident": "\(incidentID)"])
        }
        return taggings
    }

    /// Owners of what the new services directly depend on, listed once and never paged.
    private func possiblyAffected(_ services: [IncidentService], tagged: Set<EntityRef>, incidentID: Int64, at date: Date) async throws -> [PossiblyAffected] {
        var entries: [IncidentService] = []
        var details: [String: (team: EntityRef, dependent: EntityRef)] = [:]
        for service in services {
            let ref = try EntityRef(parsing: service.ref)
            for dependency in try await catalog.relations(from: ref, ofType: .dependsOn).map(\.target) {
                guard let owner = try await catalog.relations(from: dependency, ofType: .ownedBy).first?.target, !tagged.contains(owner) else { continue }
                guard details[dependency.description] == nil else { continue }
                details[dependency.description] = (owner, ref)
                entries.append(IncidentService(
                    ref: dependency.description, team: owner.description, reason: "\(ref.name) depends on it", possiblyAffected: true, foundAt: date))
            }
        }
        let added = try await store.addServices(entries, to: incidentID)
        var result: [PossiblyAffected] = []
        for entry in added {
            guard let detail = details[entry.ref] else { continue }
            let team = try await catalog.entity(detail.team)
            result.append(PossiblyAffected(
                team: detail.team, teamName: team?.entity.displayName ?? detail.team.name,
                teamChannel: team?.entity.metadata.annotations[Annotation.chatChannel], dependency: try EntityRef(parsing: entry.ref), dependent: detail.dependent))
        }
        return result
    }
}

extension Optional {
    func asyncFlatMap<U>(_ transform: (Wrapped) async throws -> U?) async rethrows -> U? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
