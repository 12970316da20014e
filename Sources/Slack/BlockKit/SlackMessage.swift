/// A message body as Slack accepts it in a slash-command response, a `response_url` post or
/// `chat.postMessage` (which adds `channel`).
public struct SlackMessage: Sendable, Hashable, Codable {
    /// Who sees a slash-command reply.
    public enum ResponseType: String, Sendable, Hashable, Codable {
        case ephemeral
        case inChannel = "in_channel"
    }

    /// Ephemeral (only the caller) or in channel; Slack's default is ephemeral.
    public var responseType: ResponseType?
    /// The fallback text shown in notifications and by clients that cannot render blocks.
    public var text: String
    /// The Block Kit layout.
    public var blocks: [Block]
    /// For interactive updates: replace the message the action came from.
    public var replaceOriginal: Bool?

    /// Creates a message.
    public init(responseType: ResponseType? = nil, text: String, blocks: [Block] = [], replaceOriginal: Bool? = nil) {
        self.responseType = responseType
        self.text = text
        self.blocks = blocks
        self.replaceOriginal = replaceOriginal
    }

    enum CodingKeys: String, CodingKey {
        case text, blocks
        case responseType = "response_type"
        case replaceOriginal = "replace_original"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(responseType, forKey: .responseType)
        try container.encode(text, forKey: .text)
        if !blocks.isEmpty { try container.encode(blocks, forKey: .blocks) }
        try container.encodeIfPresent(replaceOriginal, forKey: .replaceOriginal)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        responseType = try container.decodeIfPresent(ResponseType.self, forKey: .responseType)
        text = try container.decodeIfPresent(String.self, forKey: .text) ?? ""
        blocks = try container.decodeIfPresent([Block].self, forKey: .blocks) ?? []
        replaceOriginal = try container.decodeIfPresent(Bool.self, forKey: .replaceOriginal)
    }
}
