import AsyncHTTPClient
import NIOCore
import NIOHTTP1

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension SlackWebAPIClient {
    /// `chat.postMessage`: posts a message; paced to about one per second per channel.
    /// - Parameters:
    ///   - channel: A conversation ID (a user ID opens the app DM).
    ///   - message: Text fallback and blocks.
    ///   - threadTS: Replies in this thread.
    ///   - token: Overrides the client's token for this call.
    public func postMessage(channel: String, message: SlackMessage, threadTS: String? = nil, token: SlackToken? = nil) async throws -> SlackPostedMessage {
        let body = MessageArguments(message: message, channel: channel, threadTS: threadTS)
        return try await call("chat.postMessage", arguments: .json(try SlackJSON.encode(body)), token: token, channel: channel)
    }

    /// `chat.postEphemeral`: shows a message to one user in a conversation.
    /// - Returns: The ephemeral message's timestamp (it cannot be updated).
    public func postEphemeral(channel: String, user: String, message: SlackMessage, threadTS: String? = nil, token: SlackToken? = nil) async throws -> String {
        let body = MessageArguments(message: message, channel: channel, threadTS: threadTS, user: user)
        let result = try await call("chat.postEphemeral", arguments: .json(try SlackJSON.encode(body)), token: token, as: EphemeralResult.self)
        return result.messageTS
    }

    /// `chat.update`: replaces the text and blocks of a message the bot posted.
    public func updateMessage(channel: String, ts: String, message: SlackMessage, token: SlackToken? = nil) async throws -> SlackPostedMessage {
        let body = MessageArguments(message: message, channel: channel, ts: ts)
        return try await call("chat.update", arguments: .json(try SlackJSON.encode(body)), token: token)
    }

    /// `conversations.info`.
    public func conversationInfo(channel: String, token: SlackToken? = nil) async throws -> SlackConversation {
        try await call("conversations.info", arguments: .form(FormFields(["channel": channel])), token: token, as: ConversationResult.self).channel
    }

    /// `conversations.invite`: adds users to a conversation, 100 per call as Slack documents.
    /// - Returns: The conversation after the last batch.
    public func invite(users: [String], to channel: String, token: SlackToken? = nil) async throws -> SlackConversation {
        // Slack's own answer to an empty list, without the round trip; never a crash on caller input.
        guard !users.isEmpty else { throw SlackAPIError(method: "conversations.invite", code: "no_user") }
        var conversation: SlackConversation?
        for start in stride(from: 0, to: users.count, by: 100) {
            let batch = users[start..<min(start + 100, users.count)]
            let body = InviteArguments(channel: channel, users: batch.joined(separator: ","))
            conversation = try await call("conversations.invite", arguments: .json(try SlackJSON.encode(body)), token: token, as: ConversationResult.self).channel
        }
        return conversation!
    }

    /// `users.info`.
    public func userInfo(user: String, token: SlackToken? = nil) async throws -> SlackUser {
        try await call("users.info", arguments: .form(FormFields(["user": user])), token: token, as: UserResult.self).user
    }

    /// `users.lookupByEmail`; Slack answers `users_not_found` when nobody has the address.
    public func lookupUser(email: String, token: SlackToken? = nil) async throws -> SlackUser {
        try await call("users.lookupByEmail", arguments: .form(FormFields(["email": email])), token: token, as: UserResult.self).user
    }

    /// `apps.connections.open`: a fresh, single-use Socket Mode WebSocket URL.
    /// - Parameter appToken: The app-level `xapp-…` token with `connections:write`; never the bot token.
    public func openSocketModeConnection(appToken: SlackToken) async throws -> String {
        try await call("apps.connections.open", arguments: .form(FormFields()), token: appToken, as: ConnectionResult.self).url
    }

    /// Posts a message to a `response_url` (no token: the URL itself is the credential).
    ///
    /// Slack documents only the status, not the body, so any 2xx counts as delivered.
    public func postToResponseURL(_ responseURL: String, message: SlackMessage) async throws {
        var request = HTTPClientRequest(url: responseURL)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        request.body = .bytes(ByteBuffer(bytes: message.jsonBytes))
        let response = try await httpClient.execute(request, timeout: requestTimeout)
        _ = try await response.body.collect(upTo: 1 << 20)
        guard (200..<300).contains(response.status.code) else {
            // The URL is a bearer credential, so only its host may appear in errors and logs.
            let host = responseURL.split(separator: "/", maxSplits: 3).dropFirst(2).first.map(String.init) ?? "response_url"
            throw SlackHTTPError(target: "response_url at \(host)", status: Int(response.status.code), reason: "post was not accepted")
        }
    }
}

/// Message arguments for the `chat.*` methods: the message's own fields plus addressing.
private struct MessageArguments: Encodable {
    var message: SlackMessage
    var channel: String
    var threadTS: String?
    var user: String?
    var ts: String?

    enum CodingKeys: String, CodingKey {
        case channel, user, ts, text, blocks
        case threadTS = "thread_ts"
    }

    func encode(to encoder: any Encoder) throws {
        // Only text and blocks: response_type and replace_original mean nothing to chat.* methods.
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(channel, forKey: .channel)
        try container.encode(message.text, forKey: .text)
        if !message.blocks.isEmpty { try container.encode(message.blocks, forKey: .blocks) }
        try container.encodeIfPresent(threadTS, forKey: .threadTS)
        try container.encodeIfPresent(user, forKey: .user)
        try container.encodeIfPresent(ts, forKey: .ts)
    }
}

private struct InviteArguments: Encodable {
    var channel: String
    var users: String
}

private struct EphemeralResult: Decodable {
    var messageTS: String
    enum CodingKeys: String, CodingKey { case messageTS = "message_ts" }
}

private struct ConversationResult: Decodable { var channel: SlackConversation }
private struct UserResult: Decodable { var user: SlackUser }
private struct ConnectionResult: Decodable { var url: String }
