import Slack
import SlackTesting
import Testing

private func decode(_ body: String, contentType: String?, retry: SlackRetry? = nil) throws -> SlackInbound {
    try SlackInbound(httpBody: Array(body.utf8), contentType: contentType, retry: retry)
}

private let form = "application/x-www-form-urlencoded"
private let json = "application/json"

@Suite struct InboundDecodingTests {
    @Test func `slash command form decodes every field`() throws {
        let inbound = try decode(SlackFixtures.slashCommandForm, contentType: form)
        guard case .slashCommand(let command) = inbound else { Issue.record("not a command: \(inbound)"); return }
        #expect(command.command == "/owner")
        #expect(command.text == "playlist-api --verbose")
        #expect(command.userID == "U2147483697")
        #expect(command.channelID == "C2147483705")
        #expect(command.teamID == "T0001")
        #expect(command.enterpriseID == "E0001")
        #expect(command.responseURL == "https://hooks.slack.com/commands/1234/5678")
        #expect(command.triggerID == "13345224609.738474920.8088930838d88f008e0")
        #expect(command.apiAppID == "A123456")
    }

    @Test func `ssl check is recognised`() throws {
        #expect(try decode("ssl_check=1&token=gIkuvaNzQIHg97ATvDxqgjtO", contentType: form) == .sslCheck)
    }

    @Test func `url verification yields the challenge`() throws {
        #expect(try decode(SlackFixtures.urlVerification, contentType: json) == .urlVerification(challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"))
        // Content-Type parameters and a missing Content-Type do not matter for JSON.
        #expect(try decode(SlackFixtures.urlVerification, contentType: "application/json; charset=utf-8") == decode(SlackFixtures.urlVerification, contentType: nil))
    }

    @Test func `app mention callback with HTTP retry headers`() throws {
        let retry = SlackRetry(retryNumHeader: "2", retryReasonHeader: "http_timeout")
        let inbound = try decode(SlackFixtures.appMentionCallback, contentType: json, retry: retry)
        guard case .event(let callback) = inbound, case .appMention(let mention) = callback.event else { Issue.record("\(inbound)"); return }
        #expect(callback.eventID == "Ev123ABC456")
        #expect(callback.eventTime == 1_515_449_522)
        #expect(callback.teamID == "T123ABC456")
        #expect(callback.retry == SlackRetry(attempt: 2, reason: "http_timeout"))
        #expect(mention.text == "<@U0BOT> owner playlist-api")
        #expect(mention.channel == "C123ABC456")
        #expect(mention.user == "U123ABC456")
        #expect(mention.ts == "1515449522.000016")
        #expect(SlackRetry(retryNumHeader: nil, retryReasonHeader: nil) == nil)
    }

    @Test func `channel created callback`() throws {
        guard case .event(let callback) = try decode(SlackFixtures.channelCreatedCallback, contentType: json) else { Issue.record("not an event"); return }
        #expect(callback.event == .channelCreated(SlackChannelSummary(id: "C024BE91L", name: "inc-1234-playlist", created: 1_360_782_804, creator: "U024BE7LH")))
    }

    @Test(arguments: [
        (#"{"type":"member_joined_channel","user":"W1","channel":"C1","channel_type":"C","team":"T1","inviter":"U9"}"#,
         SlackEvent.memberJoinedChannel(SlackMemberJoinedEvent(user: "W1", channel: "C1", channelType: "C", team: "T1", inviter: "U9"))),
        (#"{"type":"message","channel":"C1","user":"U1","text":"hi","ts":"1355517523.000005","channel_type":"channel","thread_ts":"1355517500.000001"}"#,
         SlackEvent.message(SlackMessageEvent(channel: "C1", user: "U1", text: "hi", ts: "1355517523.000005", threadTS: "1355517500.000001", channelType: "channel"))),
        (#"{"type":"message","subtype":"bot_message","channel":"C1","bot_id":"B1","text":"beep","ts":"1.2"}"#,
         SlackEvent.message(SlackMessageEvent(channel: "C1", text: "beep", ts: "1.2", subtype: "bot_message", botID: "B1"))),
        (#"{"type":"channel_rename","channel":{"id":"C02ELGNBH","name":"new_name","created":1360782804}}"#,
         SlackEvent.channelRename(SlackChannelSummary(id: "C02ELGNBH", name: "new_name", created: 1_360_782_804))),
        (#"{"type":"channel_archive","channel":"C1","user":"U1"}"#, SlackEvent.channelArchive(SlackChannelArchiveEvent(channel: "C1", user: "U1"))),
        (#"{"type":"reaction_added","user":"U1","reaction":"eyes"}"#, SlackEvent.unsupported(type: "reaction_added")),
    ])
    func `inner events decode to typed cases`(event: String, expected: SlackEvent) throws {
        let body = #"{"type":"event_callback","team_id":"T1","event_id":"Ev1","event_time":"1700000000","event":\#(event)}"#
        #expect(try decode(body, contentType: json) == .event(SlackEventCallback(eventID: "Ev1", eventTime: 1_700_000_000, teamID: "T1", event: expected)))
    }

    @Test func `unknown outer Events API types are unsupported, not errors`() throws {
        #expect(try decode(#"{"type":"app_rate_limited","minute_rate_limited":1518467820}"#, contentType: json) == .unsupported(type: "app_rate_limited"))
    }

    @Test func `block actions payload form decodes`() throws {
        let inbound = try decode(SlackFixtures.blockActionsForm, contentType: form)
        guard case .interactive(let actions) = inbound else { Issue.record("\(inbound)"); return }
        #expect(actions.user.id == "U123")
        #expect(actions.user.username == "alice")
        #expect(actions.teamID == "T123")
        #expect(actions.channel == SlackBlockActions.Channel(id: "C123", name: "inc-1234"))
        #expect(actions.responseURL == "https://hooks.slack.com/actions/T123/123/abc")
        #expect(actions.triggerID == "12321423423.333649436676.d8c1bb837935619ccad0f624c448ffb3")
        #expect(actions.messageTS == "1548261231.000200")
        #expect(actions.actions == [SlackBlockActions.Action(actionID: "ack_incident", blockID: "inc_actions", value: "INC-1234", type: "button")])
    }

    @Test func `other interaction types are unsupported`() throws {
        #expect(try decode("payload=%7B%22type%22%3A%22shortcut%22%7D", contentType: form) == .unsupported(type: "shortcut"))
        // A view_submission without its view is refused, not guessed at.
        #expect(throws: SlackPayloadError.missingField("view")) {
            try decode("payload=%7B%22type%22%3A%22view_submission%22%2C%22user%22%3A%7B%22id%22%3A%22U1%22%7D%7D", contentType: form)
        }
    }

    @Test func `malformed bodies throw typed errors with a readable message`() {
        #expect(throws: SlackPayloadError.emptyBody) { try decode("", contentType: form) }
        #expect(throws: SlackPayloadError.malformedJSON(reason: "not valid JSON")) { try decode("{not json", contentType: json) }
        #expect(throws: SlackPayloadError.missingField("event_id")) {
            try decode(#"{"type":"event_callback","team_id":"T1","event_time":1,"event":{"type":"message","channel":"C","text":"","ts":"1"}}"#, contentType: json)
        }
        #expect(throws: SlackPayloadError.missingField("event.channel")) {
            try decode(#"{"type":"event_callback","team_id":"T1","event_id":"E","event_time":1,"event":{"type":"message","text":"","ts":"1"}}"#, contentType: json)
        }
        #expect(throws: SlackPayloadError.unrecognizedBody) { try decode("hello=world", contentType: form) }
        #expect(throws: SlackPayloadError.missingField("user_id")) { try decode("command=%2Fowner&channel_id=C1&team_id=T1", contentType: form) }
        #expect(throws: SlackPayloadError.malformedForm(reason: "a '%' is not followed by two hex digits")) { try decode("command=%2", contentType: form) }
        #expect(SlackPayloadError.missingField("user_id").description == "missing required field 'user_id'")
    }
}
