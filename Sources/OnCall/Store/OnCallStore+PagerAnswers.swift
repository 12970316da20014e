import Catalog
import Foundation
import GRDB

extension OnCallStore {
    /// Remembers what a pager answered for `key`, as the last known answer.
    public func rememberPagerAnswer(_ answer: PagerOnCall, key: String, at date: Date) async throws {
        let text = String(decoding: try JSONEncoder().encode(answer), as: UTF8.self)
        try await writer.write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO pagerLastKnown (key, answer, fetchedAt) VALUES (?, ?, ?)",
                arguments: [key, text, date.timeIntervalSince1970])
        }
    }

    /// The last answer a pager gave for `key`, and when.
    public func lastPagerAnswer(key: String) async throws -> (answer: PagerOnCall, fetchedAt: Date)? {
        let stored: (text: String, fetchedAt: Double)? = try await reader.read { db in
            try Row.fetchOne(db, sql: "SELECT answer, fetchedAt FROM pagerLastKnown WHERE key = ?", arguments: [key])
                .map { ($0["answer"], $0["fetchedAt"]) }
        }
        guard let stored else { return nil }
        let answer = try JSONDecoder().decode(PagerOnCall.self, from: Data(stored.text.utf8))
        return (answer, Date(timeIntervalSince1970: stored.fetchedAt))
    }
}

/// The Slack user group Backline keeps for a team's goalie, as last synced.
public struct GoalieUserGroupState: Sendable, Hashable {
    /// The team's canonical ref.
    public var team: String
    /// Slack's user-group id (`S0123`).
    public var userGroupID: String
    /// The chat user ids it was last set to.
    public var members: [String]
    /// When.
    public var syncedAt: Date

    /// Creates a state.
    public init(team: String, userGroupID: String, members: [String], syncedAt: Date) {
        self.team = team
        self.userGroupID = userGroupID
        self.members = members
        self.syncedAt = syncedAt
    }
}

extension OnCallStore {
    /// What the team's goalie user group was last set to.
    public func userGroupState(team: String) async throws -> GoalieUserGroupState? {
        try await reader.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM goalieUserGroup WHERE team = ?", arguments: [team]).map { row in
                let members: String = row["members"]
                return GoalieUserGroupState(
                    team: row["team"], userGroupID: row["userGroupID"],
                    members: members.split(separator: ",").map(String.init), syncedAt: Date(timeIntervalSince1970: row["syncedAt"]))
            }
        }
    }

    /// Records a successful sync.
    public func recordUserGroup(_ state: GoalieUserGroupState) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO goalieUserGroup (team, userGroupID, members, syncedAt) VALUES (?, ?, ?, ?)",
                arguments: [state.team, state.userGroupID, state.members.joined(separator: ","), state.syncedAt.timeIntervalSince1970])
        }
    }
}
