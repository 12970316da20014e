/// The Block Kit layout blocks Backline sends. Each case encodes to Slack's exact JSON shape.
public enum Block: Sendable, Hashable {
    /// A `header` block; `plain_text` only, at most ``BlockKitLimits/headerText`` characters.
    case header(TextObject)
    /// A `section` block with text and/or up to ten fields.
    case section(text: TextObject?, fields: [TextObject] = [])
    /// A `context` block of up to ten small text elements.
    case context([TextObject])
    /// A `divider` block.
    case divider
    /// An `actions` block holding up to 25 buttons.
    case actions(blockID: String?, elements: [Button])
    /// An `input` block, for modals: a label and one element that takes a value.
    case input(InputBlock)
}

/// A Block Kit `button` element.
public struct Button: Sendable, Hashable, Codable {
    /// The label (`plain_text`, at most 75 characters).
    public var text: TextObject
    /// The id Slack echoes back in `block_actions`.
    public var actionID: String
    /// Opaque data echoed back with the action.
    public var value: String?
    /// A link the button opens instead of (or as well as) sending an action.
    public var url: String?

    /// Creates a button.
    public init(text: String, actionID: String, value: String? = nil, url: String? = nil) {
        self.text = .plain(text)
        self.actionID = actionID
        self.value = value
        self.url = url
    }

    enum CodingKeys: String, CodingKey {
        case type, text, value, url
        case actionID = "action_id"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("button", forKey: .type)
        try container.encode(text, forKey: .text)
        try container.encode(actionID, forKey: .actionID)
        try container.encodeIfPresent(value, forKey: .value)
        try container.encodeIfPresent(url, forKey: .url)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        text = try container.decode(TextObject.self, forKey: .text)
        actionID = try container.decode(String.self, forKey: .actionID)
        value = try container.decodeIfPresent(String.self, forKey: .value)
        url = try container.decodeIfPresent(String.self, forKey: .url)
    }
}

extension Block: Codable {
    enum CodingKeys: String, CodingKey {
        case type, text, fields, elements
        case blockID = "block_id"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .header(let text):
            try container.encode("header", forKey: .type)
            try container.encode(text, forKey: .text)
        case .section(let text, let fields):
            try container.encode("section", forKey: .type)
            try container.encodeIfPresent(text, forKey: .text)
            if !fields.isEmpty { try container.encode(fields, forKey: .fields) }
        case .context(let elements):
            try container.encode("context", forKey: .type)
            try container.encode(elements, forKey: .elements)
        case .divider:
            try container.encode("divider", forKey: .type)
        case .actions(let blockID, let elements):
            try container.encode("actions", forKey: .type)
            try container.encodeIfPresent(blockID, forKey: .blockID)
            try container.encode(elements, forKey: .elements)
        case .input(let input):
            try input.encode(to: encoder)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .type) {
        case "header":
            self = .header(try container.decode(TextObject.self, forKey: .text))
        case "section":
            self = .section(
                text: try container.decodeIfPresent(TextObject.self, forKey: .text),
                fields: try container.decodeIfPresent([TextObject].self, forKey: .fields) ?? []
            )
        case "context":
            self = .context(try container.decode([TextObject].self, forKey: .elements))
        case "divider":
            self = .divider
        case "actions":
            self = .actions(
                blockID: try container.decodeIfPresent(String.self, forKey: .blockID),
                elements: try container.decode([Button].self, forKey: .elements)
            )
        case "input":
            self = .input(try InputBlock(from: decoder))
        case let other:
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: container, debugDescription: "unsupported block type \(other)")
        }
    }
}
