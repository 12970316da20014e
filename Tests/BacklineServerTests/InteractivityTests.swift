import BacklineServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SlackTesting
import Testing

@Suite("Slack interactivity", .timeLimit(.minutes(3)))
struct InteractivityTests {
    @Test("a button carrying a command line runs it through the router and answers through response_url")
    func buttonRunsCommand() async throws {
        try await FakeSlack.withRunning { fake in
            let app = try await buildApplication(configuration: TestServer.configuration(fake: fake))
            try await app.test(.router) { client in
                let payload = SlackFixtures.blockActionsPayload
                    .replacingOccurrences(of: "https://hooks.slack.com/actions/T123/123/abc", with: fake.responseURL("button"))
                    .replacingOccurrences(of: #""action_id":"ack_incident""#, with: #""action_id":"backline.run.more""#)
                    .replacingOccurrences(of: #""value":"INC-1234""#, with: #""value":"/owner user-profile""#)
                var allowed = CharacterSet.alphanumerics
                allowed.insert(charactersIn: "-._~")
                let body = "payload=" + payload.addingPercentEncoding(withAllowedCharacters: allowed)!
                try await client.execute(
                    uri: "/slack/interactivity", method: .post,
                    headers: TestServer.signedHeaders(body, contentType: "application/x-www-form-urlencoded"), body: ByteBuffer(string: body)
                ) { response in
                    #expect(response.status == .ok)
                }
                let post = try await fake.responseURLPosts.first("the button's answer") { $0.name == "button" }
                #expect(post.body["text"]?.stringValue == "2 entities are named user-profile")
            }
        }
    }
}
