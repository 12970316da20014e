import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import Secrets

/// Posts to Mattermost: slash-command replies to `response_url`, and messages through the REST API
/// (`POST /api/v4/posts` with a bot token) or an incoming webhook.
public struct MattermostClient: Sendable {
    /// A post Mattermost did not accept.
    public struct PostError: Error, CustomStringConvertible, Sendable {
        /// Where the post went (host only: webhook and response URLs are credentials).
        public var target: String
        /// The HTTP status.
        public var status: Int
        public var description: String { "Mattermost refused a post to \(target) with HTTP \(status)" }
    }

    let httpClient: HTTPClient
    let serverURL: String?
    let botToken: Secret?
    let webhookURL: Secret?

    /// Creates a client; either a server URL with a bot token, or an incoming webhook, enables posting.
    public init(httpClient: HTTPClient = .shared, serverURL: String?, botToken: Secret?, webhookURL: Secret?) {
        self.httpClient = httpClient
        self.serverURL = serverURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        self.botToken = botToken
        self.webhookURL = webhookURL
    }

    /// Posts a slash-command reply to its `response_url`.
    public func reply(to responseURL: String, text: String, inChannel: Bool) async throws {
        let body: [String: String] = ["response_type": inChannel ? "in_channel" : "ephemeral", "text": text]
        try await send(url: responseURL, body: try JSONEncoder().encode(body), bearer: nil)
    }

    /// Posts `text` to a channel: through the REST API when a bot token and server are set
    /// (`channel` is a channel id), else through the incoming webhook (`channel` is a name).
    public func post(text: String, channel: String) async throws {
        if let serverURL, let botToken {
            try await send(url: "\(serverURL)/api/v4/posts", body: try JSONEncoder().encode(["channel_id": channel, "message": text]), bearer: botToken)
        } else if let webhookURL {
            try await send(url: webhookURL.revealed, body: try JSONEncoder().encode(["channel": channel, "text": text]), bearer: nil)
        } else {
            throw PostError(target: "Mattermost (set MATTERMOST_BOT_TOKEN with mattermost.serverURL, or MATTERMOST_WEBHOOK_URL)", status: 0)
        }
    }

    private func send(url: String, body: Data, bearer: Secret?) async throws {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if let bearer { request.headers.add(name: "Authorization", value: "Bearer \(bearer.revealed)") }
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await httpClient.execute(request, timeout: .seconds(15))
        _ = try await response.body.collect(upTo: 1 << 20)
        guard (200..<300).contains(response.status.code) else {
            let host = URL(string: url)?.host ?? "Mattermost"
            throw PostError(target: host, status: Int(response.status.code))
        }
    }
}
