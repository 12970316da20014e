/// A slash command invocation, e.g. `/owner playlist-api` (docs.slack.dev, "Implementing slash commands").
///
/// Over HTTP it arrives as a form body; over Socket Mode as a JSON object of the same string fields.
public struct SlashCommand: Sendable, Hashable {
    /// The command including its slash, e.g. `/owner`.
    public var command: String
    /// Everything after the command; may be empty.
    public var text: String
    /// The invoking user's ID (`user_name` is deprecated, so only kept for display).
    public var userID: String
    /// The invoking user's handle, if Slack sent one.
    public var userName: String?
    /// The conversation the command was typed in.
    public var channelID: String
    /// The conversation's name as Slack sent it (`directmessage`, `privategroup`, …).
    public var channelName: String?
    /// The workspace.
    public var teamID: String
    /// The workspace's subdomain.
    public var teamDomain: String?
    /// The Enterprise org, when the workspace belongs to one.
    public var enterpriseID: String?
    /// Where delayed replies go: up to five posts within 30 minutes.
    public var responseURL: String?
    /// Opens a modal; valid for three seconds, once.
    public var triggerID: String?
    /// The app the command belongs to (absent from Mattermost).
    public var apiAppID: String?

    /// Creates a command.
    public init(
        command: String, text: String, userID: String, userName: String? = nil, channelID: String,
        channelName: String? = nil, teamID: String, teamDomain: String? = nil, enterpriseID: String? = nil,
        responseURL: String? = nil, triggerID: String? = nil, apiAppID: String? = nil
    ) {
        self.command = command
        self.text = text
        self.userID = userID
        self.userName = userName
        self.channelID = channelID
        self.channelName = channelName
        self.teamID = teamID
        self.teamDomain = teamDomain
        self.enterpriseID = enterpriseID
        self.responseURL = responseURL
        self.triggerID = triggerID
        self.apiAppID = apiAppID
    }

    /// Decodes a command from Slack's field names, whichever transport carried them.
    /// - Parameter field: Looks up a field by its Slack name.
    public init(field: (String) -> String?) throws(SlackPayloadError) {
        func require(_ name: String) throws(SlackPayloadError) -> String {
            guard let value = field(name), !value.isEmpty else { throw .missingField(name) }
            return value
        }
        func optional(_ name: String) -> String? {
            guard let value = field(name), !value.isEmpty else { return nil }
            return value
        }
        self.init(
            command: try require("command"),
            text: field("text") ?? "",
            userID: try require("user_id"),
            userName: optional("user_name"),
            channelID: try require("channel_id"),
            channelName: optional("channel_name"),
            teamID: try require("team_id"),
            teamDomain: optional("team_domain"),
            enterpriseID: optional("enterprise_id"),
            responseURL: optional("response_url"),
            triggerID: optional("trigger_id"),
            apiAppID: optional("api_app_id")
        )
    }

    /// Decodes a command from a form body already split into fields.
    public init(form: FormFields) throws(SlackPayloadError) {
        try self.init(field: { form[$0] })
    }
}
