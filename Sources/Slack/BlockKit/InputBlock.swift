/// A Block Kit `input` block: a label, one input element and an optional hint, as modals use
/// them to collect values (docs.slack.dev, "Input block").
public struct InputBlock: Sendable, Hashable, Codable {
    /// Echoed back as the key of `view.state.values` and named by `response_action: errors`.
    public var blockID: String
    /// The label (`plain_text`, at most ``BlockKitLimits/inputLabel`` characters).
    public var label: String
    /// The element that takes the value.
    public var element: InputElement
    /// Small print under the element (`plain_text`, at most ``BlockKitLimits/inputHint``).
    public var hint: String?
    /// Whether the form may be submitted without a value; Slack's client enforces `false`.
    public var isOptional: Bool

    /// Creates an input block.
    public init(blockID: String, label: String, element: InputElement, hint: String? = nil, isOptional: Bool = false) {
        self.blockID = blockID
        self.label = label
        self.element = element
        self.hint = hint
        self.isOptional = isOptional
    }

    enum CodingKeys: String, CodingKey {
        case type, label, element, hint, optional
        case blockID = "block_id"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("input", forKey: .type)
        try container.encode(blockID, forKey: .blockID)
        try container.encode(TextObject.plain(label), forKey: .label)
        try container.encode(element, forKey: .element)
        try container.encodeIfPresent(hint.map(TextObject.plain), forKey: .hint)
        try container.encode(isOptional, forKey: .optional)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        blockID = try container.decodeIfPresent(String.self, forKey: .blockID) ?? ""
        label = try container.decode(TextObject.self, forKey: .label).text
        element = try container.decode(InputElement.self, forKey: .element)
        hint = try container.decodeIfPresent(TextObject.self, forKey: .hint)?.text
        isOptional = try container.decodeIfPresent(Bool.self, forKey: .optional) ?? false
    }
}

/// A choice in a select menu or a checkbox group.
public struct OptionObject: Sendable, Hashable, Codable {
    /// What the person sees (`plain_text`, at most ``BlockKitLimits/optionText`` characters).
    public var text: String
    /// What comes back in `view_submission` (at most ``BlockKitLimits/optionValue`` characters).
    public var value: String

    /// Creates an option.
    public init(text: String, value: String) {
        self.text = text
        self.value = value
    }

    enum CodingKeys: String, CodingKey { case text, value }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(TextObject.plain(text), forKey: .text)
        try container.encode(value, forKey: .value)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        text = try container.decode(TextObject.self, forKey: .text).text
        value = try container.decode(String.self, forKey: .value)
    }
}

/// The elements an ``InputBlock`` can hold that Backline uses.
public enum InputElement: Sendable, Hashable {
    /// `plain_text_input`: one line, or several when `multiline`.
    case plainText(actionID: String, initialValue: String? = nil, placeholder: String? = nil, multiline: Bool = false, minLength: Int? = nil, maxLength: Int? = nil)
    /// `number_input`: Slack checks the number and its bounds in the client; values travel as text.
    case number(actionID: String, isDecimalAllowed: Bool, initialValue: String? = nil, minValue: String? = nil, maxValue: String? = nil)
    /// `static_select`: one of up to ``BlockKitLimits/selectOptions`` options.
    case staticSelect(actionID: String, options: [OptionObject], initialOption: OptionObject? = nil, placeholder: String? = nil)
    /// `multi_static_select`: several of up to ``BlockKitLimits/selectOptions`` options.
    case multiStaticSelect(actionID: String, options: [OptionObject], initialOptions: [OptionObject] = [], placeholder: String? = nil)
    /// `checkboxes`: up to ``BlockKitLimits/checkboxOptions`` options, any number ticked.
    case checkboxes(actionID: String, options: [OptionObject], initialOptions: [OptionObject] = [])

    /// Slack's `type` string.
    public var type: String {
        switch self {
        case .plainText: "plain_text_input"
        case .number: "number_input"
        case .staticSelect: "static_select"
        case .multiStaticSelect: "multi_static_select"
        case .checkboxes: "checkboxes"
        }
    }

    /// The element's `action_id`.
    public var actionID: String {
        switch self {
        case .plainText(let id, _, _, _, _, _), .number(let id, _, _, _, _), .staticSelect(let id, _, _, _), .multiStaticSelect(let id, _, _, _),
            .checkboxes(let id, _, _):
            id
        }
    }

    /// The options of a select or checkbox group; empty for text and numbers.
    public var options: [OptionObject] {
        switch self {
        case .staticSelect(_, let options, _, _), .multiStaticSelect(_, let options, _, _), .checkboxes(_, let options, _): options
        case .plainText, .number: []
        }
    }
}

extension InputElement: Codable {
    enum CodingKeys: String, CodingKey {
        case type, placeholder, multiline, options
        case actionID = "action_id"
        case initialValue = "initial_value"
        case minLength = "min_length"
        case maxLength = "max_length"
        case isDecimalAllowed = "is_decimal_allowed"
        case minValue = "min_value"
        case maxValue = "max_value"
        case initialOption = "initial_option"
        case initialOptions = "initial_options"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        try container.encode(actionID, forKey: .actionID)
        switch self {
        case .plainText(_, let initialValue, let placeholder, let multiline, let minLength, let maxLength):
            try container.encodeIfPresent(initialValue, forKey: .initialValue)
            try container.encodeIfPresent(placeholder.map(TextObject.plain), forKey: .placeholder)
            if multiline { try container.encode(true, forKey: .multiline) }
            try container.encodeIfPresent(minLength, forKey: .minLength)
            try container.encodeIfPresent(maxLength, forKey: .maxLength)
        case .number(_, let isDecimalAllowed, let initialValue, let minValue, let maxValue):
            try container.encode(isDecimalAllowed, forKey: .isDecimalAllowed)
            try container.encodeIfPresent(initialValue, forKey: .initialValue)
            try container.encodeIfPresent(minValue, forKey: .minValue)
            try container.encodeIfPresent(maxValue, forKey: .maxValue)
        case .staticSelect(_, let options, let initialOption, let placeholder):
            try container.encode(options, forKey: .options)
            try container.encodeIfPresent(initialOption, forKey: .initialOption)
            try container.encodeIfPresent(placeholder.map(TextObject.plain), forKey: .placeholder)
        case .multiStaticSelect(_, let options, let initialOptions, let placeholder):
            try container.encode(options, forKey: .options)
            if !initialOptions.isEmpty { try container.encode(initialOptions, forKey: .initialOptions) }
            try container.encodeIfPresent(placeholder.map(TextObject.plain), forKey: .placeholder)
        case .checkboxes(_, let options, let initialOptions):
            try container.encode(options, forKey: .options)
            if !initialOptions.isEmpty { try container.encode(initialOptions, forKey: .initialOptions) }
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let actionID = try container.decodeIfPresent(String.self, forKey: .actionID) ?? ""
        let placeholder = try container.decodeIfPresent(TextObject.self, forKey: .placeholder)?.text
        switch try container.decode(String.self, forKey: .type) {
        case "plain_text_input":
            self = .plainText(
                actionID: actionID, initialValue: try container.decodeIfPresent(String.self, forKey: .initialValue), placeholder: placeholder,
                multiline: try container.decodeIfPresent(Bool.self, forKey: .multiline) ?? false,
                minLength: try container.decodeIfPresent(Int.self, forKey: .minLength), maxLength: try container.decodeIfPresent(Int.self, forKey: .maxLength))
        case "number_input":
            // Required by Slack: a number input without it is refused.
            self = .number(
                actionID: actionID, isDecimalAllowed: try container.decode(Bool.self, forKey: .isDecimalAllowed),
                initialValue: try container.decodeIfPresent(String.self, forKey: .initialValue),
                minValue: try container.decodeIfPresent(String.self, forKey: .minValue), maxValue: try container.decodeIfPresent(String.self, forKey: .maxValue))
        case "static_select":
            self = .staticSelect(
                actionID: actionID, options: try container.decode([OptionObject].self, forKey: .options),
                initialOption: try container.decodeIfPresent(OptionObject.self, forKey: .initialOption), placeholder: placeholder)
        case "multi_static_select":
            self = .multiStaticSelect(
                actionID: actionID, options: try container.decode([OptionObject].self, forKey: .options),
                initialOptions: try container.decodeIfPresent([OptionObject].self, forKey: .initialOptions) ?? [], placeholder: placeholder)
        case "checkboxes":
            self = .checkboxes(
                actionID: actionID, options: try container.decode([OptionObject].self, forKey: .options),
                initialOptions: try container.decodeIfPresent([OptionObject].self, forKey: .initialOptions) ?? [])
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .type, in: container, debugDescription: "unsupported input element type \(other)")
        }
    }
}
