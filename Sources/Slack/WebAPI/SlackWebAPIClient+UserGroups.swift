#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A user group (`@playlists-goalie`): a handle people mention instead of a person.
public struct SlackUserGroup: Sendable, Hashable, Decodable {
    /// The group id (`S0614TZR7`); mention it as `<!subteam^S0614TZR7>`.
    public var id: String
    /// The handle without `@`.
    public var handle: String
    /// The display name.
    public var name: String
    /// Members' user ids, when the call included them.
    public var users: [String]?
    /// Set when the group is disabled (Slack keeps disabled groups and their handles).
    public var isDisabled: Bool

    /// Creates a group.
    public init(id: String, handle: String, name: String, users: [String]? = nil, isDisabled: Bool = false) {
        self.id = id
        self.handle = handle
        self.name = name
        self.users = users
        self.isDisabled = isDisabled
    }

    enum CodingKeys: String, CodingKey {
        case id, handle, name, users
        case dateDelete = "date_delete"
    }

    /// Decodes Slack's JSON shape; a non-zero `date_delete` means disabled.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        handle = try container.decodeIfPresent(String.self, forKey: .handle) ?? ""
        name = try container.decodeIfPresent(String.self, forKey: .name) ?? handle
        users = try container.decodeIfPresent([String].self, forKey: .users)
        isDisabled = (try container.decodeIfPresent(Int64.self, forKey: .dateDelete) ?? 0) != 0
    }
}

extension SlackWebAPIClient {
    /// `usergroups.list`, including disabled groups (their handles stay taken).
    public func userGroups(token: SlackToken? = nil) async throws -> [SlackUserGroup] {
        let fields = FormFields(["include_disabled": "true", "include_users": "true"])
        return try await call("usergroups.list", arguments: .form(fields), token: token, as: UserGroupsResult.self).usergroups
    }

    /// `usergroups.create`; needs `usergroups:write`.
    public func createUserGroup(name: String, handle: String, description: String? = nil, token: SlackToken? = nil) async throws -> SlackUserGroup {
        let body = CreateUserGroupArguments(name: name, handle: handle, description: description)
        return try await call("usergroups.create", arguments: .json(try SlackJSON.encode(body)), token: token, as: UserGroupResult.self).usergroup
    }

    /// `usergroups.users.update`: replaces the group's members (Slack requires at least one).
    public func updateUserGroupUsers(_ userGroup: String, users: [String], token: SlackToken? = nil) async throws -> SlackUserGroup {
        // Slack's own answer to an empty list, without the round trip; never a crash on caller input.
        guard !users.isEmpty else { throw SlackAPIError(method: "usergroups.users.update", code: "no_users_provided") }
        let body = UpdateUserGroupArguments(usergroup: userGroup, users: users.joined(separator: ","))
        return try await call("usergroups.users.update", arguments: .json(try SlackJSON.encode(body)), token: token, as: UserGroupResult.self).usergroup
    }

    /// `conversations.join`: the bot joins a public channel (needs `channels:join`), so it can
    /// invite people there and receive the channel's messages. Joining twice is not an error.
    public func joinConversation(channel: String, token: SlackToken? = nil) async throws -> SlackConversation {
        try await call("conversations.join", arguments: .json(try SlackJSON.encode(["channel": channel])), token: token, as: CreatedConversation.self).channel
    }

    /// `conversations.create`: a public channel (or a private one); needs `channels:manage`.
    public func createConversation(name: String, isPrivate: Bool = false, token: SlackToken? = nil) async throws -> SlackConversation {
        let body = CreateConversationArguments(name: name, isPrivate: isPrivate)
        return try await call("conversations.create", arguments: .json(try SlackJSON.encode(body)), token: token, as: CreatedConversation.self).channel
    }
}

private struct UserGroupsResult: Decodable { var usergroups: [SlackUserGroup] }
private struct UserGroupResult: Decodable { var usergroup: SlackUserGroup }
private struct CreatedConversation: Decodable { var channel: SlackConversation }

private struct CreateUserGroupArguments: Encodable {
    var name: String
    var handle: String
    var description: String?
}

private struct UpdateUserGroupArguments: Encodable {
    var usergroup: String
    var users: String
}

private struct CreateConversationArguments: Encodable {
    var name: String
    var isPrivate: Bool
    enum CodingKeys: String, CodingKey {
        case name
        case isPrivate = "is_private"
    }
}
