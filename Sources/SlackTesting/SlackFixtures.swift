/// Real-shaped Slack payloads (field sets as documented on docs.slack.dev; IDs are made up).
public enum SlackFixtures {
    /// A `/owner playlist-api` slash command body exactly as it arrives over HTTP (one line on the wire).
    public static let slashCommandForm = [
        "token=gIkuvaNzQIHg97ATvDxqgjtO", "team_id=T0001", "team_domain=example",
        "enterprise_id=E0001", "enterprise_name=Globular%20Construct%20Inc",
        "channel_id=C2147483705", "channel_name=test", "user_id=U2147483697", "user_name=Steve",
        "command=%2Fowner", "text=playlist-api+--verbose",
        "response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2F1234%2F5678",
        "trigger_id=13345224609.738474920.8088930838d88f008e0", "api_app_id=A123456",
    ].joined(separator: "&")

    /// An Events API `url_verification` request (the challenge from Slack's docs).
    public static let urlVerification =
        #"{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}"#

    /// An `event_callback` carrying an `app_mention`.
    public static let appMentionCallback = #"""
        {"type":"event_callback","token":"XXYYZZ","team_id":"T123ABC456","api_app_id":"A123ABC456",
         "event":{"type":"app_mention","user":"U123ABC456","text":"<@U0BOT> owner playlist-api",
                  "ts":"1515449522.000016","channel":"C123ABC456","event_ts":"1515449522.000016",
                  "team":"T123ABC456","client_msg_id":"0f3d1b52-3b1e-4b33-a5c1-2e0d9c5d4e11","blocks":[]},
         "event_context":"EC123ABC456","event_id":"Ev123ABC456","event_time":1515449522,
         "authorizations":[{"enterprise_id":null,"team_id":"T123ABC456","user_id":"U0BOT","is_bot":true,"is_enterprise_install":false}],
         "is_ext_shared_channel":false,"context_team_id":"T123ABC456","context_enterprise_id":null}
        """#

    /// An `event_callback` carrying a `channel_created` for an incident channel.
    public static let channelCreatedCallback = #"""
        {"type":"event_callback","team_id":"T123ABC456","api_app_id":"A123ABC456",
         "event":{"type":"channel_created","channel":{"id":"C024BE91L","name":"inc-1234-playlist","created":1360782804,
                  "creator":"U024BE7LH","is_channel":true,"is_private":false,"name_normalized":"inc-1234-playlist"},
                  "event_ts":"1360782804.083113"},
         "event_id":"Ev0CHANNEL","event_time":1360782804}
        """#

    /// A `block_actions` payload object (what Socket Mode sends, and what `payload=` holds over HTTP).
    public static let blockActionsPayload = #"""
        {"type":"block_actions","user":{"id":"U123","username":"alice","name":"alice","team_id":"T123"},
         "api_app_id":"A123","token":"Shh_its_a_seekrit",
         "container":{"type":"message","message_ts":"1548261231.000200","channel_id":"C123","is_ephemeral":false},
         "trigger_id":"12321423423.333649436676.d8c1bb837935619ccad0f624c448ffb3",
         "team":{"id":"T123","domain":"acme"},"channel":{"id":"C123","name":"inc-1234"},
         "message":{"type":"message","ts":"1548261231.000200","bot_id":"B123","text":"Incident INC-1234"},
         "response_url":"https://hooks.slack.com/actions/T123/123/abc",
         "actions":[{"action_id":"ack_incident","block_id":"inc_actions","type":"button","value":"INC-1234",
                     "text":{"type":"plain_text","text":"Acknowledge","emoji":true},"action_ts":"1548426417.840180"}]}
        """#

    /// ``blockActionsPayload`` as the HTTP interactivity body: one form field, `payload`.
    public static var blockActionsForm: String {
        "payload=" + percentEncode(blockActionsPayload)
    }

    /// A Socket Mode `slash_commands` envelope for `/owner playlist-api`.
    public static func slashCommandEnvelope(id: String, text: String = "playlist-api") -> String {
        #"{"envelope_id":"\#(id)","type":"slash_commands","accepts_response_payload":true,"payload":{"token":"verification-token","team_id":"T111","team_domain":"acme","channel_id":"C111","channel_name":"random","user_id":"U111","user_name":"steve","command":"/owner","text":"\#(text)","api_app_id":"A111","is_enterprise_install":"false","response_url":"https://hooks.slack.com/commands/T111/111/xxx","trigger_id":"111.222.xxx"}}"#
    }

    /// A Socket Mode `events_api` envelope wrapping ``appMentionCallback``.
    public static func eventsAPIEnvelope(id: String, retryAttempt: Int = 0, retryReason: String = "") -> String {
        #"{"envelope_id":"\#(id)","type":"events_api","accepts_response_payload":false,"retry_attempt":\#(retryAttempt),"retry_reason":"\#(retryReason)","payload":\#(appMentionCallback)}"#
    }

    /// A Socket Mode `interactive` envelope wrapping ``blockActionsPayload``.
    public static func interactiveEnvelope(id: String) -> String {
        #"{"envelope_id":"\#(id)","type":"interactive","accepts_response_payload":false,"payload":\#(blockActionsPayload)}"#
    }

    /// An interactive envelope whose payload is padded past `bytes` (Slack's large block_actions
    /// payloads exceed WSClient's 16 KiB default frame size).
    public static func largeInteractiveEnvelope(id: String, bytes: Int) -> String {
        let padding = String(repeating: "x", count: bytes)
        let payload = blockActionsPayload.replacing(#""text":"Incident INC-1234""#, with: #""text":"\#(padding)""#, maxReplacements: 1)
        return #"{"envelope_id":"\#(id)","type":"interactive","accepts_response_payload":false,"payload":\#(payload)}"#
    }

    /// Form-encodes a string for a fixture body.
    static func percentEncode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}
