import Catalog
import Foundation
import Logging
import OnCall
import Slack

/// Keeps each team's goalie user group (`@playlists-goalie`) in Slack holding exactly the
/// team's goalie, so people mention the role and reach whoever holds it.
///
/// The group is found by handle (or created) once, then remembered in SQLite; it is only
/// updated when the goalie differs from what was last set.
public struct GoalieUserGroups: Sendable {
    let goalies: GoalieDirectory
    let catalog: CatalogStore
    let webAPI: SlackWebAPIClient
    let logger: Logger

    /// Creates the syncer.
    public init(goalies: GoalieDirectory, catalog: CatalogStore, webAPI: SlackWebAPIClient, logger: Logger) {
        self.goalies = goalies
        self.catalog = catalog
        self.webAPI = webAPI
        self.logger = logger
    }

    /// Brings every team's group in step.
    public func syncAll(at date: Date) async {
        for team in goalies.teams { await sync(team: team, at: date) }
    }

    /// Brings one team's group in step. Failures are logged; the next hand-off tries again.
    public func sync(team: EntityRef, at date: Date) async {
        do {
            guard let rotation = goalies.rotations[team], let status = try await goalies.status(team: team, at: date) else { return }
            guard let userID = status.goalie?.chatUserID else {
                logger.warning("goalie has no Slack user id; user group left as it was", metadata: [
                    "team": "\(team)", "goalie": "\(status.goalie?.name ?? "nobody")", "usergroup": "\(rotation.userGroupHandle)",
                ])
                return
            }
            let previous = try await goalies.store.userGroupState(team: team.description)
            if previous?.members == [userID] { return }
            let groupID: String
            if let known = previous?.userGroupID {
                groupID = known
            } else {
                groupID = try await findOrCreate(handle: rotation.userGroupHandle, team: team)
            }
            _ = try await webAPI.updateUserGroupUsers(groupID, users: [userID])
            try await goalies.store.recordUserGroup(GoalieUserGroupState(team: team.description, userGroupID: groupID, members: [userID], syncedAt: date))
            logger.info("goalie user group updated", metadata: ["team": "\(team)", "usergroup": "\(rotation.userGroupHandle)", "goalie": "\(userID)"])
        } catch is CancellationError {
            // Shutting down; the next start syncs again.
        } catch {
            logger.error("could not update the goalie user group", metadata: ["team": "\(team)", "error": "\(error)"])
        }
    }

    private func findOrCreate(handle: String, team: EntityRef) async throws -> String {
        if let existing = try await webAPI.userGroups().first(where: { $0.handle == handle }) { return existing.id }
        let teamName = try await catalog.entity(team)?.entity.displayName ?? team.name
        return try await webAPI.createUserGroup(
            name: "\(teamName) goalie", handle: handle, description: "Whoever is \(teamName)'s goalie now; kept in step by Backline").id
    }
}
