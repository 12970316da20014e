/// A modal view as `views.open`, `views.push`, `views.update` and `response_action` take it
/// (docs.slack.dev, "Modals" and "View object").
public struct ModalView: Sendable, Hashable, Codable {
    /// The title bar (`plain_text`, at most ``BlockKitLimits/viewTitle`` characters).
    public var title: String
    /// The submit button's label; required when the view has input blocks.
    public var submit: String?
    /// The close button's label.
    public var close: String?
    /// The layout, input blocks included (at most ``BlockKitLimits/blocksPerView``).
    public var blocks: [Block]
    /// Opaque text Slack returns with `view_submission` (at most ``BlockKitLimits/privateMetadata``).
    public var privateMetadata: String?
    /// Tells the app's views apart in `view_submission` and `view_closed`.
    public var callbackID: String?
    /// Whether Slack sends `view_closed` when the person closes it.
    public var notifyOnClose: Bool

    /// Creates a modal.
    public init(
        title: String, submit: String? = nil, close: String? = nil, blocks: [Block], privateMetadata: String? = nil, callbackID: String? = nil,
        notifyOnClose: Bool = false
    ) {
        self.title = title
        self.submit = submit
        self.close = close
        self.blocks = blocks
        self.privateMetadata = privateMetadata
        self.callbackID = callbackID
        self.notifyOnClose = notifyOnClose
    }

    /// The input blocks, in order.
    public var inputs: [InputBlock] {
        blocks.compactMap { block in
            if case .input(let input) = block { return input }
            return nil
        }
    }

    enum CodingKeys: String, CodingKey {
        case type, title, submit, close, blocks
        case privateMetadata = "private_metadata"
        case callbackID = "callback_id"
        case notifyOnClose = "notify_on_close"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("modal", forKey: .type)
        try container.encode(TextObject.plain(title), forKey: .title)
        try container.encodeIfPresent(submit.map(TextObject.plain), forKey: .submit)
        try container.encodeIfPresent(close.map(TextObject.plain), forKey: .close)
        try container.encode(blocks, forKey: .blocks)
        try container.encodeIfPresent(privateMetadata, forKey: .privateMetadata)
        try container.encodeIfPresent(callbackID, forKey: .callbackID)
        if notifyOnClose { try container.encode(true, forKey: .notifyOnClose) }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .type)
        guard type == "modal" else {
            throw DecodingError.dataCorruptedError(forKey: .type, in: container, debugDescription: "view type \(type) is not modal")
        }
        title = try container.decode(TextObject.self, forKey: .title).text
        submit = try container.decodeIfPresent(TextObject.self, forKey: .submit)?.text
        close = try container.decodeIfPresent(TextObject.self, forKey: .close)?.text
        blocks = try container.decode([Block].self, forKey: .blocks)
        privateMetadata = try container.decodeIfPresent(String.self, forKey: .privateMetadata)
        callbackID = try container.decodeIfPresent(String.self, forKey: .callbackID)
        notifyOnClose = try container.decodeIfPresent(Bool.self, forKey: .notifyOnClose) ?? false
    }

    /// Every limit this view breaks, as Slack reports them with `invalid_arguments`; empty when
    /// Slack would accept it.
    public func violations() -> [BlockKitViolation] {
        var violations = blocks.blockKitViolations(maxBlocks: BlockKitLimits.blocksPerView).map { violation in
            BlockKitViolation(path: "view.\(violation.path)", problem: violation.problem)
        }
        func check(_ text: String?, max: Int, at path: String) {
            guard let text else { return }
            if text.isEmpty { violations.append(.init(path: path, problem: "empty, needs at least 1 character")) }
            if text.count > max { violations.append(.init(path: path, problem: "\(text.count) characters, at most \(max)")) }
        }
        check(title, max: BlockKitLimits.viewTitle, at: "view.title")
        check(submit, max: BlockKitLimits.viewTitle, at: "view.submit")
        check(close, max: BlockKitLimits.viewTitle, at: "view.close")
        check(callbackID, max: BlockKitLimits.identifier, at: "view.callback_id")
        if let privateMetadata, privateMetadata.count > BlockKitLimits.privateMetadata {
            violations.append(.init(path: "view.private_metadata", problem: "\(privateMetadata.count) characters, at most \(BlockKitLimits.privateMetadata)"))
        }
        if submit == nil, !inputs.isEmpty {
            violations.append(.init(path: "view.submit", problem: "a view with input blocks needs a submit button"))
        }
        let ids = inputs.map(\.blockID)
        if Set(ids).count != ids.count { violations.append(.init(path: "view.blocks", problem: "block_id values must be unique")) }
        return violations
    }
}

/// The answer to a `view_submission`, sent as the HTTP response body or a Socket Mode ack's
/// payload within Slack's three seconds (docs.slack.dev, "Modals: handling submissions").
public enum ViewResponse: Sendable, Hashable {
    /// Shows each message under the input block whose `block_id` is its key; the view stays open.
    case errors([String: String])
    /// Puts a new view on top of the stack (Slack holds at most three).
    case push(ModalView)
    /// Replaces the submitted view.
    case update(ModalView)
    /// Closes every view of the modal.
    case clear
}

extension ViewResponse: Encodable {
    enum CodingKeys: String, CodingKey {
        case view, errors
        case responseAction = "response_action"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .errors(let errors):
            try container.encode("errors", forKey: .responseAction)
            try container.encode(errors, forKey: .errors)
        case .push(let view):
            try container.encode("push", forKey: .responseAction)
            try container.encode(view, forKey: .view)
        case .update(let view):
            try container.encode("update", forKey: .responseAction)
            try container.encode(view, forKey: .view)
        case .clear:
            try container.encode("clear", forKey: .responseAction)
        }
    }
}
