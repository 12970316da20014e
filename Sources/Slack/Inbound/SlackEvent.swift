/// The inner `event` of an Events API callback, decoded for the types a chat-ops bot reacts to.
/// Any other type decodes to ``unsupported(type:)`` rather than failing, because Slack adds events
/// and fields at any time.
public enum SlackEvent: Sendable, Hashable {
    /// `channel_created`: a public channel was created.
    case channelCreated(SlackChannelSummary)
    /// `member_joined_channel`: someone (possibly the bot) joined a conversation.
    case memberJoinedChannel(SlackMemberJoinedEvent)
    /// `message`: a message was posted (or, with a `subtype`, changed, deleted, …).
    case message(SlackMessageEvent)
    /// `app_mention`: the bot was mentioned.
    case appMention(SlackMessageEvent)
    /// `channel_rename`: a channel got a new name.
    case channelRename(SlackChannelSummary)
    /// `channel_archive`: a channel was archived.
    case channelArchive(SlackChannelArchiveEvent)
    /// Any event type this module does not model.
    case unsupported(type: String)

    /// Slack's `type` string for this event.
    public var type: String {
        switch self {
        case .channelCreated: "channel_created"
        case .memberJoinedChannel: "member_joined_channel"
        case .message: "message"
        case .appMention: "app_mention"
        case .channelRename: "channel_rename"
        case .channelArchive: "channel_archive"
        case .unsupported(let type): type
        }
    }
}

/// The `channel` object of `channel_created` and `channel_rename`.
public struct SlackChannelSummary: Sendable, Hashable, Decodable {
    /// The channel ID.
    public var id: String
    /// The channel name (the new one, for a rename).
    public var name: String
    /// Unix seconds when it was created, when sent.
    public var created: Int64?
    /// Who created it, when sent.
    public var creator: String?

    /// Creates a summary.
    public init(id: String, name: String, created: Int64? = nil, creator: String? = nil) {
        self.id = id
        self.name = name
        self.created = created
        self.creator = creator
    }
}

/// `member_joined_channel`.
public struct SlackMemberJoinedEvent: Sendable, Hashable, Decodable {
    /// The user who joined.
    public var user: String
    /// The conversation joined.
    public var channel: String
    /// `C` or `G`; since 2021 private channels also say `C`, so ask `conversations.info` for privacy.
    public var channelType: String?
    /// The user's workspace.
    public var team: String?
    /// Who invited them; absent when they joined on their own.
    public var inviter: String?

    /// Creates the event.
    public init(user: String, channel: String, channelType: String? = nil, team: String? = nil, inviter: String? = nil) {
        self.user = user
        self.channel = channel
        self.channelType = channelType
        self.team = team
        self.inviter = inviter
    }

    enum CodingKeys: String, CodingKey {
        case user, channel, team, inviter
        case channelType = "channel_type"
    }
}

/// `message` and `app_mention` share this shape.
public struct SlackMessageEvent: Sendable, Hashable, Decodable {
    /// The conversation.
    public var channel: String
    /// The author; absent for some bot and system messages.
    public var user: String?
    /// The message text with Slack's `<@U…>` / `<#C…|name>` escapes intact.
    public var text: String
    /// The message timestamp, which is also its ID.
    public var ts: String
    /// The thread root, when the message is a reply.
    public var threadTS: String?
    /// Set for system and changed/deleted messages, e.g. `bot_message`, `channel_join`.
    public var subtype: String?
    /// Set when a bot posted it; compare with your own to avoid loops.
    public var botID: String?
    /// `channel`, `group`, `im`, `mpim` or `app_home`.
    public var channelType: String?

    /// Creates a message event.
    public init(
        channel: String, user: String? = nil, text: String, ts: String, threadTS: String? = nil,
        subtype: String? = nil, botID: String? = nil, channelType: String? = nil
    ) {
        self.channel = channel
        self.user = user
        self.text = text
        self.ts = ts
        self.threadTS = threadTS
        self.subtype = subtype
        self.botID = botID
        self.channelType = channelType
    }

    enum CodingKeys: String, CodingKey {
        case channel, user, text, ts, subtype
        case threadTS = "thread_ts"
        case botID = "bot_id"
        case channelType = "channel_type"
    }

    /// Decodes Slack's JSON shape, tolerating absent optional fields.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        channel = try container.decode(String.self, forKey: .channel)
        user = try container.decodeIfPresent(String.self, forKey: .user)
        // Some subtypes (e.g. message_changed) carry no top-level text.
        text = try container.decodeIfPresent(String.self, forKey: .text) ?? ""
        ts = try container.decode(LenientString.self, forKey: .ts).value
        threadTS = try container.decodeIfPresent(String.self, forKey: .threadTS)
        subtype = try container.decodeIfPresent(String.self, forKey: .subtype)
        botID = try container.decodeIfPresent(String.self, forKey: .botID)
        channelType = try container.decodeIfPresent(String.self, forKey: .channelType)
    }
}

/// `channel_archive`.
public struct SlackChannelArchiveEvent: Sendable, Hashable, Decodable {
    /// The archived channel.
    public var channel: String
    /// Who archived it.
    public var user: String?

    /// Creates the event.
    public init(channel: String, user: String? = nil) {
        self.channel = channel
        self.user = user
    }
}

extension SlackEvent: Decodable {
    private enum CodingKeys: String, CodingKey {
        case type, channel
    }

    /// Decodes Slack's JSON shape, tolerating absent optional fields.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .type)
        switch type {
        case "channel_created": self = .channelCreated(try container.decode(SlackChannelSummary.self, forKey: .channel))
        case "channel_rename": self = .channelRename(try container.decode(SlackChannelSummary.self, forKey: .channel))
        case "member_joined_channel": self = .memberJoinedChannel(try SlackMemberJoinedEvent(from: decoder))
        case "message": self = .message(try SlackMessageEvent(from: decoder))
        case "app_mention": self = .appMention(try SlackMessageEvent(from: decoder))
        case "channel_archive": self = .channelArchive(try SlackChannelArchiveEvent(from: decoder))
        default: self = .unsupported(type: type)
        }
    }
}
