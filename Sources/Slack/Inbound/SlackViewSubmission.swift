/// A `view_submission` interaction: someone pressed a modal's submit button. Answer within three
/// seconds, with a ``ViewResponse`` or an empty 200 (which closes the view).
public struct SlackViewSubmission: Sendable, Hashable {
    /// Who submitted.
    public var user: SlackBlockActions.User
    /// The workspace.
    public var teamID: String?
    /// The receiving app.
    public var apiAppID: String?
    /// Opens or pushes another view with the Web API; three seconds, once.
    public var triggerID: String?
    /// The view as submitted.
    public var view: SubmittedView
}

/// A `view_closed` interaction: someone closed a modal whose view asked for `notify_on_close`.
/// Nothing is expected but the acknowledgement.
public struct SlackViewClosed: Sendable, Hashable {
    /// Who closed it.
    public var user: SlackBlockActions.User
    /// The view closed.
    public var view: SubmittedView
    /// Whether the whole stack was closed at once.
    public var isCleared: Bool
}

/// A view as `view_submission` and `view_closed` carry it: identity, the app's own metadata, and
/// the values typed or chosen in its input blocks.
public struct SubmittedView: Sendable, Hashable, Decodable {
    /// The view's id (`V…`), for `views.update`.
    public var id: String
    /// The app's `callback_id`.
    public var callbackID: String?
    /// The app's `private_metadata`, as it sent it.
    public var privateMetadata: String?
    /// Guards `views.update` against overwriting a newer version.
    public var hash: String?
    /// The first view of the stack.
    public var rootViewID: String?
    /// The view under this one, for a pushed view.
    public var previousViewID: String?
    /// `state.values`: block id, then action id, to the element's value.
    public var values: [String: [String: ViewStateValue]]

    /// Creates a view.
    public init(
        id: String, callbackID: String? = nil, privateMetadata: String? = nil, hash: String? = nil, rootViewID: String? = nil,
        previousViewID: String? = nil, values: [String: [String: ViewStateValue]] = [:]
    ) {
        self.id = id
        self.callbackID = callbackID
        self.privateMetadata = privateMetadata
        self.hash = hash
        self.rootViewID = rootViewID
        self.previousViewID = previousViewID
        self.values = values
    }

    /// The value of the element `actionID` in block `blockID`, when the view had it.
    public func value(block blockID: String, action actionID: String) -> ViewStateValue? { values[blockID]?[actionID] }

    private struct State: Decodable { var values: [String: [String: ViewStateValue]]? }
    enum CodingKeys: String, CodingKey {
        case id, hash, state
        case callbackID = "callback_id"
        case privateMetadata = "private_metadata"
        case rootViewID = "root_view_id"
        case previousViewID = "previous_view_id"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        callbackID = try container.decodeIfPresent(String.self, forKey: .callbackID)
        privateMetadata = try container.decodeIfPresent(String.self, forKey: .privateMetadata)
        hash = try container.decodeIfPresent(String.self, forKey: .hash)
        rootViewID = try container.decodeIfPresent(String.self, forKey: .rootViewID)
        previousViewID = try container.decodeIfPresent(String.self, forKey: .previousViewID)
        values = try container.decodeIfPresent(State.self, forKey: .state)?.values ?? [:]
    }
}

/// One element's state in `view.state.values`: text (`plain_text_input`, `number_input`) or the
/// chosen options' values (`static_select`, `multi_static_select`, `checkboxes`).
public struct ViewStateValue: Sendable, Hashable, Decodable {
    /// The element type.
    public var type: String
    /// Typed text; nil when left empty.
    public var value: String?
    /// The values of the chosen options: one for a select, any number for the others.
    public var selectedOptions: [String]

    /// Creates a value.
    public init(type: String, value: String? = nil, selectedOptions: [String] = []) {
        self.type = type
        self.value = value
        self.selectedOptions = selectedOptions
    }

    private struct Option: Decodable { var value: String }
    enum CodingKeys: String, CodingKey {
        case type, value
        case selectedOption = "selected_option"
        case selectedOptions = "selected_options"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        type = try container.decodeIfPresent(String.self, forKey: .type) ?? ""
        value = try container.decodeIfPresent(String.self, forKey: .value)
        if let one = try container.decodeIfPresent(Option.self, forKey: .selectedOption) {
            selectedOptions = [one.value]
        } else {
            selectedOptions = try container.decodeIfPresent([Option].self, forKey: .selectedOptions)?.map(\.value) ?? []
        }
    }
}
