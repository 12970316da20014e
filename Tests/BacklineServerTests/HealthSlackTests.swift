import BacklineServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SlackTesting
import Testing

/// `/health` through `serve` on the demo catalog: the start-up harvest feeds it, and a heat map
/// asked in Slack arrives as the table at once and as a PNG through the three-step upload.
@Suite("/health in Slack", .timeLimit(.minutes(3)))
struct HealthSlackTests {
    @Test("/health heatmap react answers with the table and posts the picture to the channel")
    func heatmapPicture() async throws {
        try await FakeSlack.withRunning { fake in
            let app = try await buildApplication(configuration: TestServer.configuration(fake: fake))
            try await app.test(.router) { client in
                let body = TestServer.slashCommandBody("heatmap react", command: "/health")
                let answer = try await client.execute(
                    uri: "/slack/commands", method: .post, headers: TestServer.signedHeaders(body, contentType: "application/x-www-form-urlencoded"),
                    body: ByteBuffer(string: body)
                ) { response in
                    #expect(response.status == .ok)
                    return TestServer.body(response)
                }
                #expect(answer.contains("16.14.0"), "the demo's oldest react is in the table: \(answer)")
                let file = try await fake.sharedFiles.first("the heat map picture")
                #expect(file.channelID == "C2147483705")
                #expect(Array(file.bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "a PNG")
                #expect(file.title?.contains("react") == true)
            }
        }
    }

    @Test("/health NAME answers from the start-up harvest: the demo's end-of-life runtime and its scorecard")
    func component() async throws {
        let app = try await buildApplication(configuration: TestServer.configuration())
        try await app.test(.router) { client in
            let body = TestServer.slashCommandBody("legacy-invoice-job", command: "/health")
            let answer = try await client.execute(
                uri: "/slack/commands", method: .post, headers: TestServer.signedHeaders(body, contentType: "application/x-www-form-urlencoded"),
                body: ByteBuffer(string: body)
            ) { TestServer.body($0) }
            #expect(answer.contains("end-of-life"), "\(answer)")
            #expect(answer.contains("Scorecard"), "\(answer)")
        }
    }
}
