/// A `block_actions` interaction: someone clicked a button (or used another element) in a message.
public struct SlackBlockActions: Sendable, Hashable {
    /// Who acted.
    public var user: User
    /// The workspace.
    public var teamID: String?
    /// The conversation holding the message, when the source is a message.
    public var channel: Channel?
    /// Where to post a reply or replacement (five uses within 30 minutes).
    public var responseURL: String?
    /// Opens a modal; three seconds, once.
    public var triggerID: String
    /// The actions taken; usually exactly one.
    public var actions: [Action]
    /// `container.message_ts`: the message whose element was used.
    public var messageTS: String?
    /// The receiving app.
    public var apiAppID: String?

    /// The acting user.
    public struct User: Sendable, Hashable, Decodable {
        /// The user ID.
        public var id: String
        /// The user's handle.
        public var username: String?
        /// The user's workspace.
        public var teamID: String?

        /// Creates a user reference.
        public init(id: String, username: String? = nil, teamID: String? = nil) {
            self.id = id
            self.username = username
            self.teamID = teamID
        }

        enum CodingKeys: String, CodingKey {
            case id, username
            case teamID = "team_id"
        }
    }

    /// The conversation the action happened in.
    public struct Channel: Sendable, Hashable, Decodable {
        /// The channel ID.
        public var id: String
        /// The channel name.
        public var name: String?

        /// Creates a channel reference.
        public init(id: String, name: String? = nil) {
            self.id = id
            self.name = name
        }
    }

    /// One element interaction.
    public struct Action: Sendable, Hashable, Decodable {
        /// The element's `action_id`.
        public var actionID: String
        /// The enclosing block's `block_id`.
        public var blockID: String?
        /// The button's `value`, when it has one.
        public var value: String?
        /// The element type, e.g. `button`.
        public var type: String?

        /// Creates an action.
        public init(actionID: String, blockID: String? = nil, value: String? = nil, type: String? = nil) {
            self.actionID = actionID
            self.blockID = blockID
            self.value = value
            self.type = type
        }

        enum CodingKeys: String, CodingKey {
            case value, type
            case actionID = "action_id"
            case blockID = "block_id"
        }
    }

    /// Creates a payload.
    public init(
        user: User, teamID: String? = nil, channel: Channel? = nil, responseURL: String? = nil, triggerID: String,
        actions: [Action], messageTS: String? = nil, apiAppID: String? = nil
    ) {
        self.user = user
        self.teamID = teamID
        self.channel = channel
        self.responseURL = responseURL
        self.triggerID = triggerID
        self.actions = actions
        self.messageTS = messageTS
        self.apiAppID = apiAppID
    }
}

/// The wire shape of an interactivity payload, decoded before it is mapped to ``SlackInbound``.
struct InteractionBody: Decodable {
    struct Team: Decodable { var id: String }
    struct Container: Decodable {
        var messageTS: String?
        enum CodingKeys: String, CodingKey { case messageTS = "message_ts" }
    }

    var type: String
    var user: SlackBlockActions.User?
    var team: Team?
    var channel: SlackBlockActions.Channel?
    var responseURL: String?
    var triggerID: String?
    var actions: [SlackBlockActions.Action]?
    var container: Container?
    var apiAppID: String?
    var view: SubmittedView?
    var isCleared: Bool?

    enum CodingKeys: String, CodingKey {
        case type, user, team, channel, actions, container, view
        case isCleared = "is_cleared"
        case responseURL = "response_url"
        case triggerID = "trigger_id"
        case apiAppID = "api_app_id"
    }

    func inbound() throws(SlackPayloadError) -> SlackInbound {
        switch type {
        case "block_actions": break
        case "view_submission":
            guard let user else { throw .missingField("user") }
            guard let view else { throw .missingField("view") }
            return .viewSubmission(SlackViewSubmission(user: user, teamID: team?.id ?? user.teamID, apiAppID: apiAppID, triggerID: triggerID, view: view))
        case "view_closed":
            guard let user else { throw .missingField("user") }
            guard let view else { throw .missingField("view") }
            return .viewClosed(SlackViewClosed(user: user, view: view, isCleared: isCleared ?? false))
        default:
            return .unsupported(type: type)
        }
        guard let user else { throw .missingField("user") }
        guard let triggerID else { throw .missingField("trigger_id") }
        guard let actions else { throw .missingField("actions") }
        return .interactive(
            SlackBlockActions(
                user: user, teamID: team?.id ?? user.teamID, channel: channel, responseURL: responseURL,
                triggerID: triggerID, actions: actions, messageTS: container?.messageTS, apiAppID: apiAppID))
    }
}
