#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One page of `conversations.list`.
public struct SlackConversationPage: Sendable, Hashable, Decodable {
    /// The conversations on this page.
    public var channels: [SlackConversation]
    /// The cursor for the next page; nil on the last one (Slack sends an empty string there).
    public var nextCursor: String?

    private struct ResponseMetadata: Decodable {
        var nextCursor: String?
        enum CodingKeys: String, CodingKey { case nextCursor = "next_cursor" }
    }
    enum CodingKeys: String, CodingKey {
        case channels
        case responseMetadata = "response_metadata"
    }

    /// Creates a page.
    public init(channels: [SlackConversation], nextCursor: String? = nil) {
        self.channels = channels
        self.nextCursor = nextCursor
    }

    /// Decodes Slack's shape; an empty cursor means the last page.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        channels = try container.decodeIfPresent([SlackConversation].self, forKey: .channels) ?? []
        let cursor = try container.decodeIfPresent(ResponseMetadata.self, forKey: .responseMetadata)?.nextCursor
        nextCursor = cursor?.isEmpty == false ? cursor : nil
    }
}

extension SlackWebAPIClient {
    /// The conversation types `conversations.list` can return.
    public enum ConversationType: String, Sendable, Hashable, CaseIterable {
        /// Public channels (`channels:read`).
        case publicChannel = "public_channel"
        /// Private channels the bot is a member of (`groups:read`).
        case privateChannel = "private_channel"
        /// Multi-person direct messages (`mpim:read`).
        case multiPersonIM = "mpim"
        /// Direct messages (`im:read`).
        case directMessage = "im"
    }

    /// `conversations.list`: one page of the workspace's conversations (Tier 2).
    /// - Parameters:
    ///   - types: Which kinds to list; Slack's default is public channels only.
    ///   - excludeArchived: Leave archived channels out.
    ///   - limit: Page size; Slack allows up to 1,000 and may return fewer than asked, even none,
    ///     with a cursor, so callers follow ``SlackConversationPage/nextCursor`` to the end.
    ///   - cursor: The previous page's cursor.
    public func conversationList(
        types: [ConversationType] = [.publicChannel], excludeArchived: Bool = true, limit: Int = 1000, cursor: String? = nil,
        token: SlackToken? = nil
    ) async throws -> SlackConversationPage {
        var fields = [
            FormFields.Field(name: "types", value: types.map(\.rawValue).joined(separator: ",")),
            FormFields.Field(name: "exclude_archived", value: excludeArchived ? "true" : "false"),
            FormFields.Field(name: "limit", value: String(max(1, min(limit, 1000)))),
        ]
        if let cursor { fields.append(FormFields.Field(name: "cursor", value: cursor)) }
        return try await call("conversations.list", arguments: .form(FormFields(fields)), token: token, as: SlackConversationPage.self)
    }

    /// `conversations.open`: the direct-message conversation with one user (its `D…` id), opening
    /// it when needed. `chat.postMessage` accepts a user id, but `conversations.history` only the
    /// conversation id this returns.
    public func openDirectMessage(user: String, token: SlackToken? = nil) async throws -> String {
        return try await call("conversations.open", arguments: .json(try SlackJSON.encode(["users": user])), token: token, as: OpenedConversation.self).channel.id
    }
}

private struct OpenedConversation: Decodable {
    struct Channel: Decodable { var id: String }
    var channel: Channel
}
