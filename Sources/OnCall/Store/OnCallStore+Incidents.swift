import Catalog
import Foundation
import GRDB

/// An incident as Backline keeps it: its channel, the services found, and who was tagged.
public struct IncidentRecord: Sendable, Hashable, Codable {
    /// The row id, shown as `INC-<id>`.
    public var id: Int64
    /// The incident channel's id.
    public var channelID: String
    /// The channel's name when the incident started.
    public var channelName: String
    /// What was declared, when it was declared with `/incident declare`.
    public var summary: String?
    /// Who declared it or created the channel (chat user id).
    public var declaredBy: String?
    /// When it started.
    public var startedAt: Date
    /// When it was resolved.
    public var resolvedAt: Date?
    /// Who resolved it.
    public var resolvedBy: String?
    /// The services found, in the order found.
    public var services: [IncidentService]
    /// Who was tagged, team by team.
    public var tags: [IncidentTag]
}

/// A service an incident affects (or possibly affects, through a dependency).
public struct IncidentService: Sendable, Hashable, Codable {
    /// Canonical ref.
    public var ref: String
    /// The owning team's ref, when it has one.
    public var team: String?
    /// Why it is listed: "channel name mentions playlist-api", "depends on … ".
    public var reason: String
    /// True for owners of direct dependencies: listed, never paged.
    public var possiblyAffected: Bool
    /// When it was found.
    public var foundAt: Date

    /// Creates a service entry.
    public init(ref: String, team: String?, reason: String, possiblyAffected: Bool, foundAt: Date) {
        self.ref = ref
        self.team = team
        self.reason = reason
        self.possiblyAffected = possiblyAffected
        self.foundAt = foundAt
    }
}

/// One team's goalie tagged into an incident (at most once per team and incident).
public struct IncidentTag: Sendable, Hashable, Codable {
    /// The team's ref.
    public var team: String
    /// The goalie's chat user id, when they have one.
    public var chatUserID: String?
    /// The goalie's catalog ref, when known.
    public var userRef: String?
    /// The service that brought the team in.
    public var service: String
    /// `invited`, or what went wrong (`failed: user_not_found`, `no goalie`, …).
    public var outcome: String
    /// When.
    public var taggedAt: Date

    /// Creates a tag.
    public init(team: String, chatUserID: String?, userRef: String?, service: String, outcome: String, taggedAt: Date) {
        self.team = team
        self.chatUserID = chatUserID
        self.userRef = userRef
        self.service = service
        self.outcome = outcome
        self.taggedAt = taggedAt
    }
}

extension OnCallStore {
    /// Opens the incident for `channelID`, or returns the one already open there.
    /// - Returns: the incident and whether this call created it.
    public func startIncident(channelID: String, channelName: String, summary: String?, declaredBy: String?, at date: Date) async throws -> (IncidentRecord, created: Bool) {
        let created = try await writer.write { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO incident (channelID, channelName, summary, declaredBy, startedAt) VALUES (?, ?, ?, ?, ?)",
                arguments: [channelID, channelName, summary, declaredBy, date.timeIntervalSince1970])
            return db.changesCount > 0
        }
        guard let record = try await incident(channelID: channelID) else { throw DatabaseError(message: "incident row vanished") }
        return (record, created)
    }

    /// The incident kept for a channel, with its services and tags.
    public func incident(channelID: String) async throws -> IncidentRecord? {
        try await reader.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM incident WHERE channelID = ?", arguments: [channelID]) else { return nil }
            let id: Int64 = row["id"]
            let services = try Row.fetchAll(db, sql: "SELECT * FROM incidentService WHERE incidentID = ? ORDER BY foundAt, rowid", arguments: [id]).map { row in
                IncidentService(
                    ref: row["serviceRef"], team: row["teamRef"], reason: row["reason"], possiblyAffected: row["possiblyAffected"],
                    foundAt: Date(timeIntervalSince1970: row["foundAt"]))
            }
            let tags = try Row.fetchAll(db, sql: "SELECT * FROM incidentTag WHERE incidentID = ? ORDER BY taggedAt, teamRef", arguments: [id]).map { row in
                IncidentTag(
                    team: row["teamRef"], chatUserID: row["chatUserID"], userRef: row["userRef"], service: row["serviceRef"],
                    outcome: row["outcome"], taggedAt: Date(timeIntervalSince1970: row["taggedAt"]))
            }
            return IncidentRecord(
                id: id, channelID: row["channelID"], channelName: row["channelName"], summary: row["summary"], declaredBy: row["declaredBy"],
                startedAt: Date(timeIntervalSince1970: row["startedAt"]), resolvedAt: (row["resolvedAt"] as Double?).map(Date.init(timeIntervalSince1970:)),
                resolvedBy: row["resolvedBy"], services: services, tags: tags)
        }
    }

    /// Adds services to an incident; returns only those it did not list yet. A service listed as
    /// possibly affected that is now named outright counts as new, so its goalie is tagged.
    public func addServices(_ services: [IncidentService], to incidentID: Int64) async throws -> [IncidentService] {
        try await writer.write { db in
            var added: [IncidentService] = []
            for service in services {
                try db.execute(
                    sql: """
                        INSERT INTO incidentService (incidentID, serviceRef, teamRef, reason, possiblyAffected, foundAt)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (incidentID, serviceRef) DO UPDATE SET possiblyAffected = 0, reason = excluded.reason
                        WHERE incidentService.possiblyAffected AND NOT excluded.possiblyAffected
                        """,
                    arguments: [incidentID, service.ref, service.team, service.reason, service.possiblyAffected, service.foundAt.timeIntervalSince1970])
                if db.changesCount > 0 { added.append(service) }
            }
            return added
        }
    }

    /// Claims the right to tag each team's goalie into the incident; returns the claims that are
    /// new. Claiming before inviting means a crash or a redelivery can never tag anyone twice.
    public func claimTags(_ tags: [IncidentTag], incidentID: Int64) async throws -> [IncidentTag] {
        try await writer.write { db in
            var claimed: [IncidentTag] = []
            for tag in tags {
                try db.execute(
                    sql: """
                        INSERT OR IGNORE INTO incidentTag (incidentID, teamRef, chatUserID, userRef, serviceRef, outcome, taggedAt)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [incidentID, tag.team, tag.chatUserID, tag.userRef, tag.service, tag.outcome, tag.taggedAt.timeIntervalSince1970])
                if db.changesCount > 0 { claimed.append(tag) }
            }
            return claimed
        }
    }

    /// Records how tagging a team's goalie went.
    public func recordTagOutcome(_ outcome: String, team: String, incidentID: Int64) async throws {
        try await writer.write { db in
            try db.execute(sql: "UPDATE incidentTag SET outcome = ? WHERE incidentID = ? AND teamRef = ?", arguments: [outcome, incidentID, team])
        }
    }

    /// Marks the channel's incident resolved; false when there is none or it already was.
    public func resolveIncident(channelID: String, by user: String?, at date: Date) async throws -> Bool {
        try await writer.write { db in
            try db.execute(
                sql: "UPDATE incident SET resolvedAt = ?, resolvedBy = ? WHERE channelID = ? AND resolvedAt IS NULL",
                arguments: [date.timeIntervalSince1970, user, channelID])
            return db.changesCount > 0
        }
    }
}
