import Slack
import Synchronization

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension FakeSlack {
    /// Answers one Web API call the way Slack would: auth, scripted failures, validation, result.
    static func reply(method: String, token: String?, arguments: [String: JSONValue], state: FakeSlackState, host: String?) -> FakeReply {
        guard let token else { return .failure("not_authed") }
        let expected = method == "apps.connections.open" ? state.appToken : state.botToken
        guard token == expected else { return .failure("invalid_auth") }

        switch state.popFailure(for: method) {
        case .rateLimited(let seconds)?:
            var reply = FakeReply.failure("ratelimited")
            reply.status = 429
            reply.retryAfter = seconds
            return reply
        case .error(let code)?:
            return .failure(code)
        case .httpStatus(let status)?:
            return FakeReply(status: status, contentType: "text/html", body: "<html>upstream error</html>", error: "http_\(status)")
        case nil:
            break
        }

        func string(_ name: String) -> String? {
            guard let value = arguments[name]?.stringValue, !value.isEmpty else { return nil }
            return value
        }
        let knownConversation = string("channel").flatMap { id in state.mutable.withLock { $0.conversations[id] } }

        switch method {
        case "chat.postMessage", "chat.postEphemeral", "chat.update":
            // Slack posts to a name (`#general`) or a user id (the app DM) too, and answers with
            // the conversation id; everything else (history, pacing) sees only that id.
            guard let channel = string("channel").flatMap({ postTarget($0, state: state) }) else { return .failure("channel_not_found") }
            let knownConversation = state.mutable.withLock { $0.conversations[channel] }
            if method == "chat.postEphemeral", string("user") == nil { return .failure("user_not_found") }
            if method == "chat.update", string("ts") == nil { return .failure("message_not_found") }
            if knownConversation?.isArchived == true { return .failure("is_archived") }
            if let (code, messages) = validateMessage(.object(arguments)) { return .failure(code, messages: messages) }
            if method == "chat.postMessage", let refusal = postingRefusal(channel: channel, state: state) { return refusal }
            let ts = method == "chat.update" ? string("ts")!
                : method == "chat.postMessage" ? recordPost(channel: channel, arguments: arguments, state: state) : state.nextTimestamp()
            if method == "chat.postEphemeral" { return .ok(["message_ts": .string(ts)]) }
            return .ok([
                "channel": .string(channel), "ts": .string(ts),
                "message": .object(["type": .string("message"), "ts": .string(ts), "bot_id": .string("B0FAKE"), "text": arguments["text"] ?? .string("")]),
            ])
        case "conversations.info":
            guard let conversation = knownConversation else { return .failure("channel_not_found") }
            return .ok(["channel": json(conversation)])
        case "conversations.invite":
            guard let channel = string("channel") else { return .failure("channel_not_found") }
            guard let users = string("users") else { return .failure("no_user") }
            if users.split(separator: ",").count > 100 { return .failure("too_many_users") }
            if knownConversation?.isArchived == true { return .failure("is_archived") }
            let missing = state.mutable.withLock { state in users.split(separator: ",").map(String.init).filter(state.usersNotInWorkspace.contains) }
            if !missing.isEmpty { return .failure("user_not_found") }
            return .ok(["channel": json(knownConversation ?? SlackConversation(id: channel))])
        case "conversations.create":
            guard let name = string("name") else { return .failure("invalid_name_required") }
            guard name.count <= 80 else { return .failure("invalid_name_maxlength") }
            guard name.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" || $0 == "_" }) else { return .failure("invalid_name_specials") }
            if state.mutable.withLock({ $0.conversations.values.contains { $0.name == name } }) { return .failure("name_taken") }
            let conversation = SlackConversation(id: state.nextID("C"), name: name, isPrivate: arguments["is_private"] == .bool(true) || arguments["is_private"] == .string("true"))
            state.mutable.withLock { $0.conversations[conversation.id] = conversation }
            return .ok(["channel": json(conversation)])
        case "conversations.join":
            guard let channel = string("channel") else { return .failure("channel_not_found") }
            if knownConversation?.isArchived == true { return .failure("is_archived") }
            if knownConversation?.isPrivate == true { return .failure("method_not_supported_for_channel_type") }
            recordJoin(channel: channel, state: state)
            return .ok(["channel": json(knownConversation ?? SlackConversation(id: channel))])
        case "conversations.history":
            return historyReply(arguments: arguments, state: state)
        case "conversations.list":
            return conversationListReply(arguments: arguments, state: state)
        case "conversations.open":
            return openReply(arguments: arguments, state: state)
        case "usergroups.list":
            let groups = state.mutable.withLock { $0.userGroups }
            return .ok(["usergroups": .array(groups.map { json($0) })])
        case "usergroups.create":
            guard let name = string("name") else { return .failure("invalid_arguments") }
            let handle = string("handle") ?? name
            let taken = state.mutable.withLock { $0.userGroups.contains { $0.handle == handle || $0.name == name } }
            if taken { return .failure("name_already_exists") }
            let group = SlackUserGroup(id: state.nextID("S"), handle: handle, name: name, users: [])
            state.mutable.withLock { $0.userGroups.append(group) }
            return .ok(["usergroup": json(group)])
        case "usergroups.users.update":
            guard let id = string("usergroup") else { return .failure("no_such_subteam") }
            guard let users = string("users") else { return .failure("invalid_users") }
            let updated: SlackUserGroup? = state.mutable.withLock { state in
                guard let index = state.userGroups.firstIndex(where: { $0.id == id }) else { return nil }
                state.userGroups[index].users = users.split(separator: ",").map(String.init)
                return state.userGroups[index]
            }
            return updated.map { .ok(["usergroup": json($0)]) } ?? .failure("no_such_subteam")
        case "users.info":
            let user = string("user").flatMap { id in state.mutable.withLock { $0.users.first { $0.id == id } } }
            return user.map { .ok(["user": json($0)]) } ?? .failure("user_not_found")
        case "users.lookupByEmail":
            let user = string("email").flatMap { email in state.mutable.withLock { $0.users.first { $0.email == email } } }
            return user.map { .ok(["user": json($0)]) } ?? .failure("users_not_found")
        case "apps.connections.open":
            let ticket = state.nextTimestamp()
            return .ok(["url": .string("ws://\(host ?? "127.0.0.1")/link?ticket=\(ticket)&app_id=A0FAKE")])
        case "views.open", "views.push", "views.update":
            return viewReply(method: method, arguments: arguments, state: state)
        case "files.getUploadURLExternal", "files.completeUploadExternal":
            return fileReply(method: method, arguments: arguments, state: state, host: host)
        default:
            return .failure("unknown_method")
        }
    }

    /// Checks a message body as Slack would: needs text or blocks; blocks must parse and respect
    /// Block Kit limits. Returns Slack's error code and explanations, or nil when valid.
    static func validateMessage(_ body: JSONValue) -> (String, [String])? {
        let text = body["text"]?.stringValue ?? ""
        guard let blocks = body["blocks"] else {
            if text.isEmpty { return ("no_text", []) }
            return text.count > 40_000 ? ("msg_too_long", []) : nil
        }
        // Form-encoded calls carry blocks as a JSON string; JSON calls as an array.
        let data: Data
        if case .string(let encoded) = blocks {
            data = Data(encoded.utf8)
        } else {
            guard let encoded = try? JSONEncoder().encode(blocks) else { return ("invalid_blocks_format", []) }
            data = encoded
        }
        let decoded: [Block]
        do {
            decoded = try JSONDecoder().decode([Block].self, from: data)
        } catch {
            return ("invalid_blocks_format", ["[ERROR] blocks could not be parsed: \(error)"])
        }
        let violations = decoded.blockKitViolations()
        if !violations.isEmpty { return ("invalid_blocks", violations.map { "[ERROR] \($0)" }) }
        return nil
    }

    static func json(_ conversation: SlackConversation) -> JSONValue {
        var members: [String: JSONValue] = [
            "id": .string(conversation.id), "is_archived": .bool(conversation.isArchived),
            "is_private": .bool(conversation.isPrivate), "is_channel": .bool(true),
            "topic": .object(["value": .string(conversation.topic), "creator": .string(""), "last_set": .number(0)]),
            "purpose": .object(["value": .string(conversation.purpose), "creator": .string(""), "last_set": .number(0)]),
        ]
        if let name = conversation.name { members["name"] = .string(name) }
        return .object(members)
    }

    private static func json(_ group: SlackUserGroup) -> JSONValue {
        .object([
            "id": .string(group.id), "handle": .string(group.handle), "name": .string(group.name), "is_usergroup": .bool(true),
            "date_delete": .number(group.isDisabled ? 1_700_000_000 : 0), "users": .array((group.users ?? []).map(JSONValue.string)),
        ])
    }

    private static func json(_ user: SlackUser) -> JSONValue {
        var profile: [String: JSONValue] = [:]
        if let email = user.email { profile["email"] = .string(email) }
        if let realName = user.realName { profile["real_name"] = .string(realName) }
        var members: [String: JSONValue] = [
            "id": .string(user.id), "is_bot": .bool(user.isBot), "deleted": .bool(user.deleted), "profile": .object(profile),
        ]
        if let name = user.name { members["name"] = .string(name) }
        if let realName = user.realName { members["real_name"] = .string(realName) }
        return .object(members)
    }
}
