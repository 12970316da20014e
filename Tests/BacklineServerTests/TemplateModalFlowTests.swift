import BacklineServer
import Catalog
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Slack
import SlackTesting
import Testing

/// `/template run NAME` in Slack without values: the modal, its pages, its errors, the run and its
/// thread, end to end against the fake Slack, through the HTTP routes and through Socket Mode.
@Suite("Template forms in Slack", .timeLimit(.minutes(3)))
struct TemplateModalFlowTests {
    /// A temporary folder holding an empty bare repository the golden path pushes to.
    struct BareRemote {
        let folder: URL
        let remote: URL

        init(name: String) async throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("template-modal-\(UUID().uuidString)")
            remote = folder.appendingPathComponent("\(name).git")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            switch await TimedProcess.run(["git", "init", "-q", "--bare", "-b", "main", remote.path], environment: ProcessInfo.processInfo.environment, timeout: .seconds(30)) {
            case .success(let outcome) where outcome.status == 0: break
            case let other: Issue.record("git init --bare: \(other)")
            }
        }

        func remove() { try? FileManager.default.removeItem(at: folder) }
    }

    /// Posts a signed `view_submission` to the interactivity route and returns the answer's JSON
    /// (nil for an empty 200).
    static func submit(_ payload: String, _ client: some TestClientProtocol) async throws -> SlackTesting.JSONValue? {
        let (body, signed) = FakeSlack.signedInteraction(payload: payload, signingSecret: TestServer.signingSecret)
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        for field in signed.fields { headers[HTTPField.Name(field.name)!] = field.value }
        return try await client.execute(uri: "/slack/interactivity", method: .post, headers: headers, body: ByteBuffer(string: body)) { response in
            #expect(response.status == .ok)
            guard response.body.readableBytes > 0 else { return nil }
            return try JSONDecoder().decode(SlackTesting.JSONValue.self, from: Data(String(buffer: response.body).utf8))
        }
    }

    static func command(_ text: String, _ command: String, fake: FakeSlack, _ client: some TestClientProtocol) async throws -> String {
        let body = TestServer.slashCommandBody(text, command: command, responseURL: fake.responseURL(String(command.dropFirst())))
        return try await client.execute(
            uri: "/slack/commands", method: .post, headers: TestServer.signedHeaders(body, contentType: "application/x-www-form-urlencoded"),
            body: ByteBuffer(string: body)
        ) { response in
            #expect(response.status == .ok)
            return String(buffer: response.body)
        }
    }

    @Test("the modal opens with the template's fields, refuses bad values on their fields, pushes page two, runs, threads its progress; /owner knows the service")
    func goldenPathThroughTheModal() async throws {
        let remote = try await BareRemote(name: "queue-api")
        defer { remote.remove() }
        try await FakeSlack.withRunning { fake in
            let app = try await buildApplication(configuration: TestServer.configuration(fake: fake))
            try await app.test(.router) { client in
                // The modal is the answer (the acknowledgement is empty, or "working on it" on a slow
                // machine): nothing runs without values.
                let ack = try await Self.command("run swift-service", "/template", fake: fake, client)
                #expect(ack.isEmpty || ack.contains("Working on"), "\(ack)")
                let first = try await fake.views.first("the form's first page") { $0.origin == "views.open" }
                let open = try #require(fake.calls.elements.first { $0.method == "views.open" })
                #expect(open[string: "trigger_id"] == "1.2.3")
                #expect(first.view.title == "Swift service (Hummingb…")
                #expect(first.view.submit == "Next")
                let inputs = first.view.inputs
                #expect(inputs.map(\.blockID) == ["name", "description", "owner", "system", "tier"])
                #expect(inputs.map(\.isOptional) == [false, true, false, true, true])
                #expect(inputs[1].element == .plainText(actionID: "value", initialValue: "A Swift service on Hummingbird.", maxLength: 200))
                // Pickers are lists from the catalog, filtered to their kind.
                let owners = inputs[2].element.options.map(\.text)
                #expect(owners.contains("Playback (playback)"))
                #expect(!owners.contains { $0.contains("personalization") })
                #expect(inputs[3].element.options.contains { $0.text == "Personalization (personalization)" })
                guard case .staticSelect(_, let tiers, let initialTier, _) = inputs[4].element else { Issue.record("tier is \(inputs[4].element)"); return }
                #expect(tiers.map(\.text) == ["1", "2", "3"])
                #expect(initialTier?.text == "3")

                // A bad name: the answer names the field's block, and the view stays.
                let bad = try fake.viewSubmissionPayload(["name": .text("Queue_API"), "owner": .choose("Playback (playback)")])
                let refused = try fake.receiveViewResponse(try await Self.submit(bad, client), to: first.id)
                guard case .errors(let errors) = refused else { Issue.record("not errors: \(refused)"); return }
                #expect(Set(errors.keys) == ["name"])
                #expect(errors["name"]?.contains("pattern") == true || errors["name"]?.contains("entity name") == true, "\(errors)")
                #expect(fake.viewStack.count == 1)

                // Good values: page two is pushed, page one's values ride in its metadata.
                let good = try fake.viewSubmissionPayload([
                    "name": .text("queue-api"), "owner": .choose("Playback (playback)"), "system": .choose("Personalization (personalization)"),
                ])
                guard case .pushed(let second) = try fake.receiveViewResponse(try await Self.submit(good, client), to: first.id) else {
                    Issue.record("page two was not pushed: \(fake.viewStack.map(\.origin))")
                    return
                }
                #expect(second.view.submit == "Run")
                #expect(second.view.inputs.map(\.blockID) == ["remoteUrl", "port"])
                #expect(second.view.inputs[1].element == .number(actionID: "value", isDecimalAllowed: false, initialValue: "8080", minValue: "1024", maxValue: "65535"))
                #expect(second.view.privateMetadata?.contains("queue-api") == true)

                // The last page runs it: the modal closes and the thread tells the story.
                let last = try fake.viewSubmissionPayload(["remoteUrl": .text(remote.remote.path)])
                #expect(try fake.receiveViewResponse(try await Self.submit(last, client), to: second.id) == .closed)
                #expect(fake.viewStack.isEmpty)
                let outcome = try await fake.calls.first("the run's outcome", timeout: .seconds(45)) {
                    $0.method == "chat.postMessage" && ($0[string: "text"] ?? "").contains("Swift service (Hummingbird)") && $0[string: "thread_ts"] != nil
                        && ($0[string: "text"] ?? "").contains("done")
                }
                let parent = try #require(fake.postedMessages.first { $0.text.hasPrefix("Running Swift service") })
                #expect(parent.channel == "C2147483705")
                #expect(outcome[string: "thread_ts"] == parent.ts)
                let steps = fake.calls.elements.filter { $0.method == "chat.postMessage" && $0[string: "thread_ts"] == parent.ts }.compactMap { $0[string: "text"] }
                #expect(steps.prefix(3) == ["fetch: completed", "publish: completed", "register: completed"])
                let outcomeText = outcome.arguments["blocks"]?.description ?? ""
                #expect(outcomeText.contains("Repository"), "\(outcomeText)")
                #expect(outcomeText.contains(remote.remote.path))
                #expect(outcomeText.contains("component:default/queue-api"))
                #expect(outcomeText.contains("/owner queue-api"))
                let update = try await fake.calls.first("the parent's update") { $0.method == "chat.update" }
                #expect(update[string: "ts"] == parent.ts)
                #expect(update[string: "text"]?.hasPrefix("✅") == true)

                // The new service is in the catalog at once.
                let owner = try await Self.command("queue-api", "/owner", fake: fake, client)
                #expect(owner.contains("Playback"), "\(owner)")
            }
        }
    }

    @Test("over Socket Mode the form opens from the slash command and its submissions are answered in the envelope's ack")
    func formOverSocketMode() async throws {
        let remote = try await BareRemote(name: "plays-handbook")
        defer { remote.remove() }
        try await FakeSlack.withRunning { fake in
            let app = try await buildApplication(configuration: TestServer.configuration(fake: fake, socketMode: true))
            try await app.test(.router) { _ in
                try await fake.waitForConnection(1)
                try fake.send(
                    #"{"envelope_id":"env-form","type":"slash_commands","accepts_response_payload":true,"payload":{"team_id":"T111","channel_id":"C111","user_id":"U111","user_name":"steve","command":"/template","text":"run docs-site","response_url":"\#(fake.responseURL("socket"))","trigger_id":"111.222.xxx"}}"#)
                let ack = try #require(try await fake.acks(for: "env-form").first)
                #expect(ack.payload == nil || ack.payload?["text"]?.stringValue?.hasPrefix("Working on") == true)
                let form = try await fake.views.first("the form") { $0.origin == "views.open" }
                #expect(form.view.submit == "Run")
                #expect(form.view.inputs.map(\.blockID) == ["name", "title", "description", "owner", "remoteUrl", "sections"])
                #expect(form.view.inputs[5].element == .plainText(actionID: "value", initialValue: "Getting started, Reference"))

                let bad = try fake.viewSubmissionPayload(
                    ["name": .text("x"), "owner": .choose("Playback (playback)"), "remoteUrl": .text(remote.remote.path), "sections": .text("Intro, 2 Bad")],
                    user: "U111")
                try fake.send(FakeSlack.interactiveEnvelope(id: "env-bad", payload: bad))
                let badAck = try #require(try await fake.acks(for: "env-bad").first)
                guard case .errors(let errors) = try fake.receiveViewResponse(badAck.payload, to: form.id) else {
                    Issue.record("not errors: \(String(describing: badAck.payload))")
                    return
                }
                #expect(Set(errors.keys) == ["name", "sections"], "\(errors)")
                #expect(errors["sections"]?.contains("sections[1]") == true, "\(errors)")

                let good = try fake.viewSubmissionPayload(
                    ["name": .text("plays-handbook"), "owner": .choose("Playback (playback)"), "remoteUrl": .text(remote.remote.path)], user: "U111")
                try fake.send(FakeSlack.interactiveEnvelope(id: "env-good", payload: good))
                let goodAck = try #require(try await fake.acks(for: "env-good").first)
                #expect(try fake.receiveViewResponse(goodAck.payload, to: form.id) == .closed)
                let outcome = try await fake.calls.first("the run's outcome", timeout: .seconds(45)) {
                    $0.method == "chat.postMessage" && $0[string: "thread_ts"] != nil && ($0[string: "text"] ?? "").hasPrefix("Documentation site")
                }
                #expect(outcome[string: "channel"] == "C111")
                #expect(outcome[string: "text"] == "Documentation site is done", "\(outcome.arguments)")
            }
        }
    }

    @Test("/template run NAME key=value from Slack threads its progress too; a view that is not ours, and view_closed, are acknowledged and left alone")
    func valuesRunThreadsAndForeignViews() async throws {
        let remote = try await BareRemote(name: "tiny-handbook")
        defer { remote.remove() }
        try await FakeSlack.withRunning { fake in
            let app = try await buildApplication(configuration: TestServer.configuration(fake: fake))
            try await app.test(.router) { client in
                _ = try await Self.command("run docs-site name=tiny-handbook owner=playback remoteUrl=\(remote.remote.path)", "/template", fake: fake, client)
                let outcome = try await fake.calls.first("the run's outcome", timeout: .seconds(45)) {
                    $0.method == "chat.postMessage" && $0[string: "thread_ts"] != nil && ($0[string: "text"] ?? "").hasPrefix("Documentation site")
                }
                #expect(outcome[string: "text"] == "Documentation site is done")
                #expect(fake.calls.elements.contains { $0.method == "chat.postMessage" && $0[string: "thread_ts"] == outcome[string: "thread_ts"] && $0[string: "text"] == "fetch: completed" })
                #expect(!fake.calls.elements.contains { $0.method == "views.open" })

                let foreign = #"{"type":"view_submission","user":{"id":"U1"},"view":{"id":"V1","callback_id":"someone-else","private_metadata":"{}","state":{"values":{}}}}"#
                #expect(try await Self.submit(foreign, client) == nil)
                let closed = #"{"type":"view_closed","user":{"id":"U1"},"view":{"id":"V1","callback_id":"backline.template"},"is_cleared":true}"#
                #expect(try await Self.submit(closed, client) == nil)
                // Forged or stale metadata is not believed: the form says it is out of date.
                let stale = #"{"type":"view_submission","user":{"id":"U1"},"view":{"id":"V1","callback_id":"backline.template","private_metadata":"{\"v\":1,\"template\":\"swift-service\",\"page\":7,\"values\":{}}","state":{"values":{}}}}"#
                let answer = try await Self.submit(stale, client)
                #expect(answer?["response_action"]?.stringValue == "update")
                #expect(answer?.description.contains("out of date") == true)
            }
        }
    }
}
