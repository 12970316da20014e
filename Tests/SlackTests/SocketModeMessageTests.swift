import Slack
import SlackTesting
import Testing

@Suite struct SocketModeMessageTests {
    @Test func `hello carries connection count and debug info`() throws {
        let message = try SocketModeMessage(text: #"{"type":"hello","num_connections":2,"debug_info":{"host":"applink-1","started":"2020-10-11 12:12:12.120","build_number":54,"approximate_connection_time":3600},"connection_info":{"app_id":"A1234"}}"#)
        #expect(message == .hello(SocketModeHello(numConnections: 2, debugHost: "applink-1", approximateConnectionTime: 3600)))
    }

    @Test(arguments: [
        ("warning", SocketModeDisconnect.Reason.warning), ("refresh_requested", .refreshRequested),
        ("link_disabled", .linkDisabled), ("too_many_websockets", .other("too_many_websockets")),
    ])
    func `disconnect reasons`(raw: String, reason: SocketModeDisconnect.Reason) throws {
        let message = try SocketModeMessage(text: #"{"type":"disconnect","reason":"\#(raw)","debug_info":{"host":"wss-111.slack.com"}}"#)
        #expect(message == .disconnect(SocketModeDisconnect(reason: reason, debugHost: "wss-111.slack.com")))
    }

    @Test func `slash command envelope decodes the same command as HTTP`() throws {
        guard case .envelope(let envelope) = try SocketModeMessage(text: SlackFixtures.slashCommandEnvelope(id: "e1")) else { Issue.record("no envelope"); return }
        #expect(envelope.info == SocketModeEnvelopeInfo(envelopeID: "e1", type: "slash_commands", acceptsResponsePayload: true))
        guard case .slashCommand(let command) = envelope.inbound else { Issue.record("\(envelope.inbound)"); return }
        #expect(command.command == "/owner")
        #expect(command.text == "playlist-api")
        #expect(command.responseURL == "https://hooks.slack.com/commands/T111/111/xxx")
    }

    @Test func `events envelope maps retry_attempt onto the event's retry`() throws {
        guard case .envelope(let envelope) = try SocketModeMessage(text: SlackFixtures.eventsAPIEnvelope(id: "e2", retryAttempt: 2, retryReason: "timeout")) else {
            Issue.record("no envelope")
            return
        }
        #expect(envelope.info.retry == SlackRetry(attempt: 2, reason: "timeout"))
        guard case .event(let callback) = envelope.inbound else { Issue.record("\(envelope.inbound)"); return }
        #expect(callback.retry == SlackRetry(attempt: 2, reason: "timeout"))
        #expect(callback.eventID == "Ev123ABC456")
        // A first delivery (retry_attempt 0) carries no retry at all.
        guard case .envelope(let first) = try SocketModeMessage(text: SlackFixtures.eventsAPIEnvelope(id: "e3")) else { return }
        #expect(first.info.retry == nil)
    }

    @Test func `interactive envelope decodes block actions`() throws {
        guard case .envelope(let envelope) = try SocketModeMessage(text: SlackFixtures.interactiveEnvelope(id: "e4")),
            case .interactive(let actions) = envelope.inbound
        else { Issue.record("not interactive"); return }
        #expect(actions.actions.first?.actionID == "ack_incident")
        #expect(actions.messageTS == "1548261231.000200")
    }

    @Test func `unknown envelope types still carry an envelope id to acknowledge`() throws {
        let message = try SocketModeMessage(text: #"{"envelope_id":"e5","type":"workflow_step","payload":{}}"#)
        #expect(message == .envelope(SocketModeEnvelope(info: SocketModeEnvelopeInfo(envelopeID: "e5", type: "workflow_step", acceptsResponsePayload: false), inbound: .unsupported(type: "workflow_step"))))
    }

    @Test func `malformed messages throw`() {
        #expect(throws: SlackPayloadError.self) { try SocketModeMessage(text: "{{{") }
        #expect(throws: SlackPayloadError.missingField("envelope_id")) { try SocketModeMessage(text: #"{"type":"events_api","payload":{}}"#) }
    }

    @Test func `ack encodes payload only when there is one`() throws {
        #expect(try SocketModeAck(envelopeID: "e1").jsonText() == #"{"envelope_id":"e1"}"#)
        let withPayload = try SocketModeAck(envelopeID: "e1", payload: SlackMessage(responseType: .inChannel, text: "hi")).jsonText()
        #expect(withPayload == #"{"envelope_id":"e1","payload":{"response_type":"in_channel","text":"hi"}}"#)
    }
}
