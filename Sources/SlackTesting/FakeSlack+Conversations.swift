import Slack
import Synchronization

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension FakeSlack {
    /// Makes `conversations.list` return at most `size` conversations a page whatever the caller
    /// asks for, as Slack may: callers must follow the cursor (until the fake stops).
    public func limitConversationPages(to size: Int) {
        state.mutable.withLock { $0.conversationPageSize = max(1, size) }
    }

    /// The direct-message conversation id the fake gives the app's DM with `user` (`U0ALICE` →
    /// `D0ALICE`): what `chat.postMessage` to a user id answers and records, and what
    /// `conversations.open` returns.
    public static func directMessageID(for user: String) -> String { "D" + user.dropFirst() }

    /// The conversation a `chat.postMessage` `channel` argument names, as Slack reads it: an id as
    /// is, a user id as the app's DM with that user, a name (`#squad-a` or `squad-a`) as the
    /// conversation of that name. A name the fake was never told about gets a stable id of its own
    /// (the fake treats unknown channels as existing), which `conversations.list` does not list.
    static func postTarget(_ raw: String, state: FakeSlackState) -> String? {
        let text = String(raw.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
        if isConversationID(text) { return text }
        if isUserID(text) { return directMessageID(for: text) }
        let name = text.hasPrefix("#") ? String(text.dropFirst()) : text
        guard !name.isEmpty else { return nil }
        if let known = state.mutable.withLock({ $0.conversations.values.first { $0.name == name } }) { return known.id }
        // FNV-1a over the name: the same unknown name always lands in the same conversation.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return "C0N" + String(hash % 1_000_000_000_000, radix: 36).uppercased()
    }

    /// `C…`, `G…` or `D…` followed by upper-case letters and digits: a conversation id.
    static func isConversationID(_ text: String) -> Bool {
        guard let first = text.first, "CGD".contains(first), text.count >= 2 else { return false }
        return text.dropFirst().allSatisfy { ($0.isUppercase || $0.isNumber) && $0.isASCII }
    }

    /// `U…` or `W…` followed by upper-case letters and digits: a user id.
    static func isUserID(_ text: String) -> Bool {
        guard let first = text.first, "UW".contains(first), text.count >= 2 else { return false }
        return text.dropFirst().allSatisfy { ($0.isUppercase || $0.isNumber) && $0.isASCII }
    }

    /// `conversations.list`: the conversations the fake knows, ordered by id, filtered by `types`
    /// (public by default; private channels only when the bot is a member) and `exclude_archived`,
    /// `limit` a page (at most 1,000, fewer when ``limitConversationPages(to:)`` says so) with an
    /// opaque cursor, and an empty `next_cursor` on the last page, as Slack sends it.
    static func conversationListReply(arguments: [String: JSONValue], state: FakeSlackState) -> FakeReply {
        func string(_ name: String) -> String? {
            guard let value = arguments[name]?.stringValue, !value.isEmpty else { return nil }
            return value
        }
        let types = Set((string("types") ?? "public_channel").split(separator: ",").map { String($0.filter { $0 != " " }) })
        let known = ["public_channel", "private_channel", "mpim", "im"]
        guard types.allSatisfy(known.contains) else { return .failure("invalid_types") }
        let excludeArchived = string("exclude_archived") == "true" || string("exclude_archived") == "1"
        guard let limit = Int(string("limit") ?? "100"), limit >= 1 else { return .failure("invalid_limit") }
        var offset = 0
        if let cursor = string("cursor") {
            guard cursor.hasPrefix("page:"), let value = Int(cursor.dropFirst("page:".count)), value >= 0 else { return .failure("invalid_cursor") }
            offset = value
        }
        return state.mutable.withLock { state -> FakeReply in
            let pageSize = min(limit, 1000, state.conversationPageSize ?? 1000)
            let matching = state.conversations.values.sorted { $0.id < $1.id }.filter { conversation in
                if excludeArchived && conversation.isArchived { return false }
                if conversation.isPrivate { return types.contains("private_channel") && !state.notMemberOf.contains(conversation.id) }
                return types.contains("public_channel")
            }
            let page = Array(matching.dropFirst(offset).prefix(pageSize))
            let next = offset + page.count < matching.count ? "page:\(offset + page.count)" : ""
            return .ok([
                "channels": .array(page.map { json($0) }),
                "response_metadata": .object(["next_cursor": .string(next)]),
            ])
        }
    }

    /// `conversations.open` with one user: the app's DM with them.
    static func openReply(arguments: [String: JSONValue], state: FakeSlackState) -> FakeReply {
        guard let users = arguments["users"]?.stringValue, !users.isEmpty else { return .failure("users_list_not_supplied") }
        let list = users.split(separator: ",").map(String.init)
        guard list.count == 1, let user = list.first, isUserID(user) else { return .failure("user_not_found") }
        if state.mutable.withLock({ $0.usersNotInWorkspace.contains(user) }) { return .failure("user_not_found") }
        return .ok(["channel": .object(["id": .string(directMessageID(for: user))])])
    }
}
