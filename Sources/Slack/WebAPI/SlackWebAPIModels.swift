/// What `chat.postMessage` and `chat.update` return: enough to thread, update or link the message.
public struct SlackPostedMessage: Sendable, Hashable, Decodable {
    /// The conversation ID the message landed in.
    public var channel: String
    /// The message timestamp, which is its ID.
    public var ts: String

    /// Creates a result.
    public init(channel: String, ts: String) {
        self.channel = channel
        self.ts = ts
    }
}

/// A conversation as `conversations.info` describes it, reduced to what a bot needs.
public struct SlackConversation: Sendable, Hashable, Decodable {
    /// The conversation ID.
    public var id: String
    /// The name, absent for DMs.
    public var name: String?
    /// Whether it is archived (posting fails with `is_archived`).
    public var isArchived: Bool
    /// Whether it is private.
    public var isPrivate: Bool
    /// The topic text; empty when unset.
    public var topic: String
    /// The purpose text; empty when unset.
    public var purpose: String

    /// Creates a conversation.
    public init(id: String, name: String? = nil, isArchived: Bool = false, isPrivate: Bool = false, topic: String = "", purpose: String = "") {
        self.id = id
        self.name = name
        self.isArchived = isArchived
        self.isPrivate = isPrivate
        self.topic = topic
        self.purpose = purpose
    }

    private struct Text: Decodable { var value: String? }
    enum CodingKeys: String, CodingKey {
        case id, name, topic, purpose
        case isArchived = "is_archived"
        case isPrivate = "is_private"
    }

    /// Decodes Slack's JSON shape, tolerating absent optional fields.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        isArchived = try container.decodeIfPresent(Bool.self, forKey: .isArchived) ?? false
        isPrivate = try container.decodeIfPresent(Bool.self, forKey: .isPrivate) ?? false
        topic = try container.decodeIfPresent(Text.self, forKey: .topic)?.value ?? ""
        purpose = try container.decodeIfPresent(Text.self, forKey: .purpose)?.value ?? ""
    }
}

/// A user as `users.info` / `users.lookupByEmail` describe them, reduced to what a bot needs.
public struct SlackUser: Sendable, Hashable, Decodable {
    /// The user ID.
    public var id: String
    /// The handle.
    public var name: String?
    /// The full name.
    public var realName: String?
    /// `profile.email`; needs the `users:read.email` scope.
    public var email: String?
    /// Whether the account is a bot.
    public var isBot: Bool
    /// Whether the account is deactivated.
    public var deleted: Bool

    /// Creates a user.
    public init(id: String, name: String? = nil, realName: String? = nil, email: String? = nil, isBot: Bool = false, deleted: Bool = false) {
        self.id = id
        self.name = name
        self.realName = realName
        self.email = email
        self.isBot = isBot
        self.deleted = deleted
    }

    private struct Profile: Decodable {
        var email: String?
        var realName: String?
        enum CodingKeys: String, CodingKey {
            case email
            case realName = "real_name"
        }
    }
    enum CodingKeys: String, CodingKey {
        case id, name, profile, deleted
        case realName = "real_name"
        case isBot = "is_bot"
    }

    /// Decodes Slack's JSON shape, tolerating absent optional fields.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let profile = try container.decodeIfPresent(Profile.self, forKey: .profile)
        id = try container.decode(String.self, forKey: .id)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        realName = try container.decodeIfPresent(String.self, forKey: .realName) ?? profile?.realName
        email = profile?.email
        isBot = try container.decodeIfPresent(Bool.self, forKey: .isBot) ?? false
        deleted = try container.decodeIfPresent(Bool.self, forKey: .deleted) ?? false
    }
}
