#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

import Slack
import SlackTesting
import Testing

/// `views.open`/`push`/`update` against the fake, which checks them as Slack does, and the
/// `view_submission` / `view_closed` payloads decoded.
@Suite(.timeLimit(.minutes(3))) struct ViewsTests {
    static func client(_ slack: FakeSlack) -> SlackWebAPIClient {
        SlackWebAPIClient(baseURL: slack.apiBaseURL, token: SlackToken(slack.botToken), rateLimits: .unlimited, logger: testLogger("webapi"))
    }

    static func form(_ title: String = "Form", inputs: Int = 1) -> ModalView {
        ModalView(
            title: title, submit: "Next", close: "Cancel",
            blocks: (0..<inputs).map { .input(InputBlock(blockID: "field\($0)", label: "Field \($0)", element: .plainText(actionID: "value"))) },
            privateMetadata: #"{"page":0}"#, callbackID: "form")
    }

    @Test func `views open, push and update as Slack allows, and are recorded`() async throws {
        try await FakeSlack.withRunning(logger: testLogger("fake")) { slack in
            let api = Self.client(slack)
            let opened = try await api.openView(triggerID: slack.issueTrigger(), view: Self.form("One"))
            #expect(opened.rootViewID == opened.id)
            let pushed = try await api.pushView(triggerID: slack.issueTrigger(), view: Self.form("Two"))
            #expect(pushed.rootViewID == opened.id)
            _ = try await api.pushView(triggerID: slack.issueTrigger(), view: Self.form("Three"))
            await #expect(throws: SlackAPIError.self) { _ = try await api.pushView(triggerID: slack.issueTrigger(), view: Self.form("Four")) }
            #expect(slack.calls.elements.last?.error == "push_limit_reached")
            let updated = try await api.updateView(viewID: pushed.id, view: Self.form("Two again"), hash: pushed.hash)
            #expect(updated.id == pushed.id)
            // An older version may not overwrite a newer one.
            await #expect(throws: SlackAPIError.self) { _ = try await api.updateView(viewID: pushed.id, view: Self.form("Stale"), hash: pushed.hash) }
            #expect(slack.calls.elements.last?.error == "hash_conflict")
            #expect(slack.viewStack.map(\.view.title) == ["One", "Two again", "Three"])
            #expect(slack.views.elements.map(\.origin) == ["views.open", "views.push", "views.push", "views.update"])
        }
    }

    @Test func `the fake refuses what Slack refuses: no trigger, a used trigger, too many blocks, a long title, bad options`() async throws {
        try await FakeSlack.withRunning(logger: testLogger("fake")) { slack in
            let api = Self.client(slack)
            func refusal(_ view: ModalView, trigger: String? = nil) async -> SlackAPIError? {
                do {
                    _ = try await api.openView(triggerID: trigger ?? slack.issueTrigger(), view: view)
                    return nil
                } catch {
                    return error as? SlackAPIError
                }
            }
            #expect(await refusal(Self.form(), trigger: "")?.code == "invalid_arguments")
            let trigger = slack.issueTrigger()
            #expect(await refusal(Self.form(), trigger: trigger) == nil)
            #expect(await refusal(Self.form(), trigger: trigger)?.code == "exchanged_trigger_id")
            let tooMany = await refusal(Self.form(inputs: 101))
            #expect(tooMany?.code == "invalid_arguments")
            #expect(tooMany?.messages.contains { $0.contains("101 blocks, at most 100") } == true)
            #expect(await refusal(Self.form(String(repeating: "t", count: 25)))?.code == "invalid_arguments")
            let options = (0...100).map { OptionObject(text: "Option \($0)", value: "\($0)") }
            let select = ModalView(
                title: "Pick", submit: "Go", blocks: [.input(InputBlock(blockID: "pick", label: "Pick", element: .staticSelect(actionID: "value", options: options)))])
            #expect(await refusal(select)?.messages.contains { $0.contains("101 options") } == true)
            var noSubmit = Self.form()
            noSubmit.submit = nil
            #expect(await refusal(noSubmit)?.code == "invalid_arguments")
            var longMetadata = Self.form()
            longMetadata.privateMetadata = String(repeating: "m", count: 3001)
            #expect(await refusal(longMetadata)?.code == "invalid_arguments")
        }
    }

    @Test func `view_submission and view_closed decode with their state values`() throws {
        let payload = #"""
            {"type":"view_submission","team":{"id":"T1","domain":"acme"},"user":{"id":"U1","username":"ana","name":"ana","team_id":"T1"},
             "api_app_id":"A1","token":"x","trigger_id":"1.2.abc",
             "view":{"id":"V1","team_id":"T1","type":"modal","callback_id":"form","private_metadata":"{\"page\":0}","hash":"1.abc",
                     "root_view_id":"V1","previous_view_id":null,"blocks":[],
                     "state":{"values":{"name":{"value":{"type":"plain_text_input","value":"queue-api"}},
                                        "owner":{"value":{"type":"static_select","selected_option":{"text":{"type":"plain_text","text":"Playback"},"value":"group:default/playback"}}},
                                        "empty":{"value":{"type":"static_select","selected_option":null}},
                                        "langs":{"value":{"type":"checkboxes","selected_options":[{"text":{"type":"plain_text","text":"Go"},"value":"1"}]}}}}},
             "response_urls":[]}
            """#
        let inbound = try SlackInbound(httpBody: Array(FakeSlack.interactivityForm(payload: payload).utf8), contentType: "application/x-www-form-urlencoded")
        guard case .viewSubmission(let submission) = inbound else { Issue.record("\(inbound)"); return }
        #expect(submission.user.id == "U1")
        #expect(submission.teamID == "T1")
        #expect(submission.triggerID == "1.2.abc")
        #expect(submission.view.callbackID == "form")
        #expect(submission.view.privateMetadata == #"{"page":0}"#)
        #expect(submission.view.value(block: "name", action: "value")?.value == "queue-api")
        #expect(submission.view.value(block: "owner", action: "value")?.selectedOptions == ["group:default/playback"])
        #expect(submission.view.value(block: "empty", action: "value")?.selectedOptions == [])
        #expect(submission.view.value(block: "langs", action: "value")?.selectedOptions == ["1"])

        let closed = try SlackInbound(
            httpBody: Array(FakeSlack.interactivityForm(payload: #"{"type":"view_closed","user":{"id":"U1"},"view":{"id":"V1","callback_id":"form"},"is_cleared":true}"#).utf8),
            contentType: "application/x-www-form-urlencoded")
        guard case .viewClosed(let close) = closed else { Issue.record("\(closed)"); return }
        #expect(close.isCleared)
        #expect(close.view.id == "V1")
    }

    @Test func `view responses and Socket Mode acks encode as Slack reads them`() throws {
        let errors = String(decoding: try SlackJSON.encode(ViewResponse.errors(["name": "must match"])), as: UTF8.self)
        #expect(errors == #"{"errors":{"name":"must match"},"response_action":"errors"}"#)
        #expect(String(decoding: try SlackJSON.encode(ViewResponse.clear), as: UTF8.self) == #"{"response_action":"clear"}"#)
        let ack = try SocketModeAck(envelopeID: "e1", payload: .viewResponse(.clear)).jsonText()
        #expect(ack == #"{"envelope_id":"e1","payload":{"response_action":"clear"}}"#)
        let push = String(decoding: try SlackJSON.encode(ViewResponse.push(Self.form())), as: UTF8.self)
        #expect(push.contains(#""response_action":"push""#))
        #expect(push.contains(#""type":"input""#))
        #expect(push.contains(#""callback_id":"form""#))
    }
}
