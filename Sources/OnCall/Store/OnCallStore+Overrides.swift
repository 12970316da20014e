import Catalog
import Foundation
import GRDB

/// Someone answering for a team instead of the rotation's goalie, until a time.
public struct GoalieOverride: Sendable, Hashable, Codable {
    /// The row id.
    public var id: Int64
    /// The team's canonical Group ref.
    public var team: String
    /// The catalog User name standing in.
    public var member: String
    /// From when.
    public var startsAt: Date
    /// Until when (exclusive).
    public var endsAt: Date
    /// Who set it (chat user id or catalog ref), when known.
    public var createdBy: String?
}

extension OnCallStore {
    /// Records an override from `start` until `end`; later overrides win over earlier ones.
    @discardableResult
    public func addOverride(team: String, member: String, from start: Date, until end: Date, createdBy: String?) async throws -> GoalieOverride {
        try await writer.write { db in
            try db.execute(
                sql: "INSERT INTO goalieOverride (team, member, startsAt, endsAt, createdBy, createdAt) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [team, member, start.timeIntervalSince1970, end.timeIntervalSince1970, createdBy, start.timeIntervalSince1970])
            return GoalieOverride(id: db.lastInsertedRowID, team: team, member: member, startsAt: start, endsAt: end, createdBy: createdBy)
        }
    }

    /// The override in force for `team` at `date`: the most recently created one covering it.
    public func activeOverride(team: String, at date: Date) async throws -> GoalieOverride? {
        try await reader.read { db in
            try Row.fetchOne(
                db.cachedStatement(sql: """
                    SELECT * FROM goalieOverride WHERE team = ? AND startsAt <= ? AND endsAt > ?
                    ORDER BY id DESC LIMIT 1
                    """),
                arguments: [team, date.timeIntervalSince1970, date.timeIntervalSince1970]
            ).map(GoalieOverride.init(row:))
        }
    }

    /// Ends every override of `team` still in force or pending at `date`; returns how many.
    @discardableResult
    public func clearOverrides(team: String, at date: Date) async throws -> Int {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM goalieOverride WHERE team = ? AND endsAt > ? AND startsAt > ?", arguments: [team, date.timeIntervalSince1970, date.timeIntervalSince1970])
            let pending = db.changesCount
            try db.execute(sql: "UPDATE goalieOverride SET endsAt = ? WHERE team = ? AND endsAt > ?", arguments: [date.timeIntervalSince1970, team, date.timeIntervalSince1970])
            return pending + db.changesCount
        }
    }

    /// The earliest moment after `date` at which some override starts or ends, so the user-group
    /// service knows when to wake besides rotation hand-offs.
    public func nextOverrideChange(after date: Date) async throws -> Date? {
        try await reader.read { db in
            let seconds = try Double.fetchOne(
                db, sql: """
                    SELECT min(t) FROM (SELECT startsAt AS t FROM goalieOverride WHERE startsAt > ?1
                                        UNION ALL SELECT endsAt FROM goalieOverride WHERE endsAt > ?1)
                    """,
                arguments: [date.timeIntervalSince1970])
            return seconds.map(Date.init(timeIntervalSince1970:))
        }
    }
}

extension GoalieOverride {
    init(row: Row) {
        id = row["id"]
        team = row["team"]
        member = row["member"]
        startsAt = Date(timeIntervalSince1970: row["startsAt"])
        endsAt = Date(timeIntervalSince1970: row["endsAt"])
        createdBy = row["createdBy"]
    }
}
