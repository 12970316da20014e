import BacklineServer
import ChatOps
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Secrets
import SlackTesting
import Synchronization
import Testing

/// A Mattermost REST API on loopback: `POST /api/v4/files` (multipart) and `POST /api/v4/posts`,
/// answering in Mattermost's shapes and keeping what it received.
final class FakeMattermost: Sendable {
    struct Received: Sendable {
        var path: String
        var contentType: String
        var authorization: String?
        var body: [UInt8]
    }

    let port: Int
    private let holder: Holder
    private let arrivals: AsyncStream<Received>

    var baseURL: String { "http://127.0.0.1:\(port)" }
    var received: [Received] { holder.received.withLock { $0 } }
    /// The posts Mattermost stored (answered 201), as `(channel_id, message)`.
    var stored: [(channel: String, message: String)] { holder.stored.withLock { $0 } }

    /// Answers the next post(s) with these HTTP statuses instead of storing them (a 503 from a
    /// proxy, a 429); each is used once.
    func failNextPosts(with statuses: [Int]) { holder.script.withLock { $0 += statuses } }
    /// Refuses every post to `channel` with `status`, as Mattermost does for a channel that is gone
    /// (404) or one the bot may not post in (403).
    func refusePosts(to channel: String, with status: Int) { holder.refused.withLock { $0[channel] = status } }

    private init(port: Int, holder: Holder, arrivals: AsyncStream<Received>) {
        self.port = port
        self.holder = holder
        self.arrivals = arrivals
    }

    /// The next `count` requests, as they arrive (the suite's time limit bounds the wait).
    func next(_ count: Int) async -> [Received] {
        var requests: [Received] = []
        for await request in arrivals {
            requests.append(request)
            if requests.count == count { break }
        }
        return requests
    }

    final class Holder: Sendable {
        let received = Mutex<[Received]>([])
        let stored = Mutex<[(channel: String, message: String)]>([])
        let script = Mutex<[Int]>([])
        let refused = Mutex<[String: Int]>([:])
    }

    static func withRunning<T: Sendable>(_ body: (FakeMattermost) async throws -> T) async throws -> T {
        let holder = Holder()
        let (arrivals, sink) = AsyncStream.makeStream(of: Received.self)
        let router = Router()
        router.post("/api/v4/files") { request, _ -> Response in
            let bytes = Array((try await request.body.collect(upTo: 16 << 20)).readableBytesView)
            let received = Received(
                path: "/api/v4/files", contentType: request.headers[.contentType] ?? "", authorization: request.headers[.authorization], body: bytes)
            holder.received.withLock { $0.append(received) }
            sink.yield(received)
            return Response(
                status: .created, headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: """
                    {"file_infos":[{"id":"87pa1qe6s3bqfpwwkqoj5ogo3r","user_id":"bot1","post_id":"","create_at":1764651600000,"name":"heatmap.png","extension":"png","size":\(bytes.count),"mime_type":"image/png","width":900,"height":400,"has_preview_image":true}],"client_ids":[]}
                    """)))
        }
        router.post("/api/v4/posts") { request, _ -> Response in
            let bytes = Array((try await request.body.collect(upTo: 1 << 20)).readableBytesView)
            let received = Received(
                path: "/api/v4/posts", contentType: request.headers[.contentType] ?? "", authorization: request.headers[.authorization], body: bytes)
            holder.received.withLock { $0.append(received) }
            sink.yield(received)
            let json = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any]
            let channel = json?["channel_id"] as? String ?? ""
            let failure = holder.refused.withLock { $0[channel] } ?? holder.script.withLock { $0.isEmpty ? nil : $0.removeFirst() }
            if let failure {
                return Response(
                    status: HTTPResponse.Status(code: failure), headers: [.contentType: "application/json"],
                    body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"id":"api.context.permissions.app_error","message":"refused","status_code":\#(failure)}"#)))
            }
            holder.stored.withLock { $0.append((channel, json?["message"] as? String ?? "")) }
            return Response(
                status: .created, headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"id":"post1","channel_id":"ch1","message":"","file_ids":["87pa1qe6s3bqfpwwkqoj5ogo3r"]}"#)))
        }
        return try await withLoopbackApp(router) { port in try await body(FakeMattermost(port: port, holder: holder, arrivals: arrivals)) }
    }
}

@Suite("Mattermost pictures", .timeLimit(.minutes(3)))
struct MattermostPictureTests {
    static let map = Heatmap(
        title: "react (npm)", subtitle: "by service", asOf: Date(timeIntervalSince1970: 1_764_633_600),
        rows: ["playlist-api", "web"], columns: ["19.2.0", "18.3.1"],
        cells: [Heatmap.Cell(row: 0, column: 1, count: 1, severity: .majorBehind), Heatmap.Cell(row: 1, column: 0, count: 2, severity: .current)])

    @Test("a heat map is uploaded as a PNG (multipart, channel_id + files) and posted with its file id")
    func upload() async throws {
        try await FakeMattermost.withRunning { fake in
            let client = MattermostClient(serverURL: fake.baseURL + "/", botToken: Secret("mm-bot-token"), webhookURL: nil)
            #expect(client.canUploadFiles)
            let id = try await MattermostPictureUploader(client: client).post(Self.map, channelID: "ch1")
            #expect(id == "87pa1qe6s3bqfpwwkqoj5ogo3r")

            let requests = fake.received
            try #require(requests.count == 2)
            let upload = requests[0]
            #expect(upload.path == "/api/v4/files")
            #expect(upload.authorization == "Bearer mm-bot-token")
            let boundary = try #require(upload.contentType.components(separatedBy: "boundary=").last)
            #expect(upload.contentType.hasPrefix("multipart/form-data"))
            let text = String(decoding: upload.body, as: UTF8.self)
            #expect(text.contains("--\(boundary)\r\nContent-Disposition: form-data; name=\"channel_id\"\r\n\r\nch1\r\n"))
            #expect(text.contains("name=\"files\"; filename=\"heatmap-react-npm-2025-12-02.png\"\r\nContent-Type: image/png\r\n\r\n"))
            #expect(text.hasSuffix("\r\n--\(boundary)--\r\n"))
            let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
            #expect(upload.body.indices.contains { index in upload.body[index...].starts(with: pngSignature) })

            let post = requests[1]
            #expect(post.path == "/api/v4/posts")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(post.body)) as? [String: Any])
            #expect(json["channel_id"] as? String == "ch1")
            #expect(json["file_ids"] as? [String] == ["87pa1qe6s3bqfpwwkqoj5ogo3r"])
            #expect((json["message"] as? String)?.contains("react (npm)") == true)
        }
    }

    @Test("a webhook-only set-up cannot upload: the table stays the answer")
    func webhookOnly() {
        let client = MattermostClient(serverURL: nil, botToken: nil, webhookURL: Secret("https://chat.example.com/hooks/x"))
        #expect(!client.canUploadFiles)
        let withoutToken = MattermostClient(serverURL: "https://chat.example.com", botToken: nil, webhookURL: nil)
        #expect(!withoutToken.canUploadFiles)
    }

    @Test("/health heatmap through /mattermost/commands answers with the table and posts the picture to the channel")
    func throughTheRoute() async throws {
        try await FakeMattermost.withRunning { fake in
            var configuration = TestServer.configuration()
            configuration.mattermost.serverURL = fake.baseURL
            configuration.mattermost.botToken = Secret("mm-bot-token")
            let app = try await buildApplication(configuration: configuration)
            try await app.test(.router) { client in
                let form = "channel_id=ch9&command=%2Fhealth&text=heatmap%20react&token=mm-command-token&user_id=u1&user_name=maria"
                try await client.execute(
                    uri: "/mattermost/commands", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: form)
                ) { response in
                    #expect(response.status == .ok)
                    #expect(TestServer.body(response).contains("|"))
                }
            }
            let requests = await fake.next(2)
            #expect(requests.map(\.path) == ["/api/v4/files", "/api/v4/posts"])
            let upload = String(decoding: requests.first.map(\.body) ?? [], as: UTF8.self)
            #expect(upload.contains("name=\"channel_id\"\r\n\r\nch9\r\n"))
        }
    }
}
