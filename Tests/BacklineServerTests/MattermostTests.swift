import BacklineServer
import Catalog
import ChatOps
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Mattermost", .timeLimit(.minutes(3)))
struct MattermostTests {
    private func form(token: String) -> String {
        "channel_id=ch1&channel_name=town-square&command=%2Fowner&response_url=http%3A%2F%2F127.0.0.1%3A9%2Fhooks%2Fcommands%2Fx"
            + "&team_domain=acme&team_id=t1&text=playlist-api&token=\(token)&trigger_id=tr1&user_id=u1&user_name=maria"
    }

    @Test("a slash command with the right token is answered in Mattermost markdown")
    func answered() async throws {
        let app = try await buildApplication(configuration: TestServer.configuration())
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/mattermost/commands", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: form(token: "mm-command-token"))
            ) { response in
                #expect(response.status == .ok)
                let answer = try JSONDecoder().decode([String: String].self, from: Data(TestServer.body(response).utf8))
                #expect(answer["response_type"] == "ephemeral")
                let text = try #require(answer["text"])
                #expect(text.contains("**Owner:** **Playlists** (`group:default/playlists`)"))
                #expect(text.contains("**Channel:** ~squad-playlists"))
                #expect(!text.contains("\"blocks\""))
            }
            // Mattermost can also send the token in the Authorization header.
            var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            headers[.authorization] = "Token mm-command-token"
            try await client.execute(uri: "/mattermost/commands", method: .post, headers: headers, body: ByteBuffer(string: form(token: ""))) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test("a wrong or missing token is refused, and a malformed form is a 400")
    func refused() async throws {
        let app = try await buildApplication(configuration: TestServer.configuration())
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/mattermost/commands", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: form(token: "guess"))
            ) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(
                uri: "/mattermost/commands", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "text=no-command-field&token=mm-command-token")
            ) { response in
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test("markdown escapes catalog text and renders links, channels and lists")
    func markdown() {
        let reply = Reply(
            summary: "s",
            blocks: [
                .header("A *bold* claim"),
                .fields([ReplyField("Docs", .link("https://docs.example/x_(y)", "the_docs"))]),
                .list(title: "Links", items: ["one", "two"], more: 2),
                .context(RichText([.channel("#squad-playlists"), .text(" "), .user(id: "u1")])),
            ],
            data: .null)
        #expect(MattermostMarkdownRenderer.render(reply) == """
            #### A \\*bold\\* claim
            **Docs:** [the\\_docs](https://docs.example/x_(y%29)
            **Links**
            - one
            - two
            _and 2 more_
            ~squad-playlists @u1
            """)
    }
}
