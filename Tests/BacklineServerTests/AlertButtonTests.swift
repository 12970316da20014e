import BacklineServer
import Catalog
import ChatOps
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Slack
import SlackTesting
import Testing

@Suite("Alert buttons and /alerts", .timeLimit(.minutes(3)))
struct AlertButtonTests {
    /// An alert for playlists in the service's own store: a first (quiet) evaluation, then a finding.
    static func seed(_ parts: BacklineParts) async throws -> AlertNotice {
        let team = EntityRef(kind: "group", name: "playlists")
        let now = Date()
        _ = try await parts.database.alerts.reconcile(team: team, candidates: [], at: now)
        let candidate = AlertCandidate(
            team: team, rule: .docsStale, entity: EntityRef(kind: "component", name: "playlist-api"), subject: "docs", severity: 1,
            title: "playlist-api's docs are stale", detail: "The code moved on.", detailsCommand: "/health playlist-api")
        return try #require(try await parts.database.alerts.reconcile(team: team, candidates: [candidate], at: now).first)
    }

    @Test("the Acknowledge button on an alert message acknowledges it through the interactivity route")
    func acknowledgeButton() async throws {
        try await FakeSlack.withRunning { fake in
            let configuration = TestServer.configuration(fake: fake)
            let parts = try await BacklineParts(configuration: configuration, logger: Logger(label: "test"), mode: .service)
            let notice = try await Self.seed(parts)
            let message = SlackReplyRenderer.render(try AlertMessages.notice(notice.alert, reason: notice.reason))
            let button = try #require(message.blocks.flatMap { block -> [Button] in
                if case .actions(_, let elements) = block { return elements }
                return []
            }.first { $0.text.text == "Acknowledge" })
            let app = buildApplication(parts: parts, configuration: configuration, logger: Logger(label: "test"))
            try await app.test(.router) { client in
                let payload = SlackFixtures.blockActionsPayload
                    .replacingOccurrences(of: "https://hooks.slack.com/actions/T123/123/abc", with: fake.responseURL("ack"))
                    .replacingOccurrences(of: #""action_id":"ack_incident""#, with: #""action_id":"\#(button.actionID)""#)
                    .replacingOccurrences(of: #""value":"INC-1234""#, with: #""value":"\#(button.value ?? "")""#)
                var allowed = CharacterSet.alphanumerics
                allowed.insert(charactersIn: "-._~")
                let body = "payload=" + payload.addingPercentEncoding(withAllowedCharacters: allowed)!
                try await client.execute(
                    uri: "/slack/interactivity", method: .post,
                    headers: TestServer.signedHeaders(body, contentType: "application/x-www-form-urlencoded"), body: ByteBuffer(string: body)
                ) { response in
                    #expect(response.status == .ok)
                }
                let post = try await fake.responseURLPosts.first("the button's answer") { $0.name == "ack" }
                #expect(post.body["text"]?.stringValue?.contains("acknowledged") == true, "\(post.body)")
            }
            let alert = try await parts.database.alerts.alert(id: notice.alert.id, at: Date())
            #expect(alert?.status == .acknowledged)
        }
    }

    @Test("/alerts lists a team's alerts; snooze takes 1w or 1m; an unknown id or length says so")
    func alertsCommand() async throws {
        let parts = try await BacklineParts(configuration: TestServer.configuration(), logger: Logger(label: "test"))
        let notice = try await Self.seed(parts)
        let list = await parts.answerer.answer(Invocation(commandLine: "/alerts playlists"))
        #expect(PlainTextRenderer.render(list).contains("#\(notice.alert.id) playlist-api's docs are stale"), "\(PlainTextRenderer.render(list))")
        let snoozed = await parts.answerer.answer(Invocation(commandLine: "/alerts snooze \(notice.alert.id) 1m"))
        #expect(snoozed.summary.contains("snoozed for 1 month"), "\(snoozed.summary)")
        #expect(try await parts.database.alerts.alert(id: notice.alert.id, at: Date())?.status == .snoozed)
        let bad = await parts.answerer.answer(Invocation(commandLine: "/alerts snooze \(notice.alert.id) 3d"))
        #expect(PlainTextRenderer.render(bad).contains("1w or 1m"))
        let unknown = await parts.answerer.answer(Invocation(commandLine: "/alerts ack 999"))
        #expect(PlainTextRenderer.render(unknown).contains("no open alert #999"))
    }
}
