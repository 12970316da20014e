import AsyncHTTPClient
import Logging
import NIOCore
import NIOHTTP1

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A small Slack Web API client over AsyncHTTPClient: the handful of methods a chat-ops bot calls,
/// typed results, Slack's `ok:false` as ``SlackAPIError``, client-side pacing and 429 handling.
///
/// ```swift
/// let slack = SlackWebAPIClient(token: SlackToken(botToken), logger: logger)
/// let posted = try await slack.postMessage(channel: "C123", message: SlackMessage(text: "hi"))
/// ```
///
/// The base URL is configurable for GovSlack (`https://slack-gov.com/api`), proxies and fakes.
public struct SlackWebAPIClient: Sendable, CustomStringConvertible {
    /// Slack's public API root.
    public static let defaultBaseURL = "https://slack.com/api"

    /// The API root methods are appended to.
    public let baseURL: String
    private let token: SlackToken?
    let httpClient: HTTPClient
    private let rateLimits: SlackRateLimits
    private let limiter: SlackRateLimiter
    private let clock: ErasedClock
    private let maxRateLimitRetries: Int
    let requestTimeout: TimeAmount
    private let logger: Logger

    /// Creates a client.
    /// - Parameters:
    ///   - baseURL: The API root, default `https://slack.com/api`.
    ///   - token: The default token (usually the bot token); any call may pass another one.
    ///   - httpClient: The HTTP client; its lifecycle belongs to the caller.
    ///   - rateLimits: Client-side pacing; ``SlackRateLimits/slack`` by default.
    ///   - clock: Measures pacing and `Retry-After` waits; inject a manual clock in tests.
    ///   - maxRateLimitRetries: How many 429 answers one call sits out before it fails with `ratelimited`.
    ///   - requestTimeout: Limit for one HTTP exchange.
    ///   - logger: Receives one debug line per call; tokens are never logged.
    public init(
        baseURL: String = SlackWebAPIClient.defaultBaseURL,
        token: SlackToken? = nil,
        httpClient: HTTPClient = .shared,
        rateLimits: SlackRateLimits = .slack,
        clock: some Clock<Duration> = ContinuousClock(),
        maxRateLimitRetries: Int = 3,
        requestTimeout: Duration = .seconds(30),
        logger: Logger = Logger(label: "slack.webapi")
    ) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.token = token
        self.httpClient = httpClient
        self.rateLimits = rateLimits
        let clock = ErasedClock(clock)
        self.clock = clock
        self.limiter = SlackRateLimiter(now: clock.now)
        self.maxRateLimitRetries = maxRateLimitRetries
        let (seconds, attoseconds) = requestTimeout.components
        self.requestTimeout = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
        self.logger = logger
    }

    /// A one-line explanation, safe to log.
    public var description: String {
        "SlackWebAPIClient(baseURL: \(baseURL), token: \(token.map(\.description) ?? "none"))"
    }

    /// How a method's arguments travel: JSON for writes, a form for reads (Slack accepts both there).
    enum Arguments {
        case json(Data)
        case form(FormFields)
    }

    /// Calls one method and decodes its success body.
    /// - Parameter channel: Set for `chat.postMessage`, which Slack paces per channel.
    func call<Response: Decodable>(
        _ method: String, arguments: Arguments, token explicitToken: SlackToken?, channel: String? = nil,
        as: Response.Type = Response.self
    ) async throws -> Response {
        guard let token = explicitToken ?? self.token else {
            throw SlackAPIError(method: method, code: "not_authed", messages: ["no token configured for this client or call"])
        }
        var request = HTTPClientRequest(url: "\(baseURL)/\(method)")
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(token.rawValue)")
        switch arguments {
        case .json(let data):
            request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
            request.body = .bytes(ByteBuffer(bytes: data))
        case .form(let fields):
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(ByteBuffer(string: fields.encoded()))
        }
        var paced: [(key: String, limit: SlackRateLimit?)] = [(method, rateLimits.limit(forMethod: method))]
        if let channel, let perChannel = rateLimits.postingPerChannel {
            paced.append(("\(method)#\(channel)", perChannel))
        }

        var rateLimitedAnswers = 0
        while true {
            let wait = await limiter.reserve(paced)
            if wait > .zero {
                logger.debug("pacing Slack call", metadata: ["slack.method": "\(method)", "slack.wait": "\(wait)"])
                try await clock.sleep(wait)
            }
            let response = try await httpClient.execute(request, timeout: requestTimeout, logger: logger)
            let body = try await response.body.collect(upTo: 8 << 20)
            logger.debug("Slack call", metadata: ["slack.method": "\(method)", "http.status": "\(response.status.code)"])
            if response.status == .tooManyRequests {
                // Retry-After is in whole seconds; Slack always sends it, but be safe when it is missing.
                let seconds = response.headers.first(name: "Retry-After").flatMap { Int($0) } ?? 1
                await limiter.block(method, for: .seconds(max(0, seconds)))
                rateLimitedAnswers += 1
                guard rateLimitedAnswers <= maxRateLimitRetries else {
                    throw SlackAPIError(
                        method: method, code: "ratelimited", messages: ["still rate limited after \(maxRateLimitRetries) retries"],
                        retryAfterSeconds: seconds)
                }
                logger.notice("Slack rate limited a call", metadata: ["slack.method": "\(method)", "slack.retry_after": "\(seconds)"])
                continue
            }
            return try Self.decode(Response.self, method: method, status: Int(response.status.code), body: body)
        }
    }

    private struct Envelope: Decodable {
        struct Metadata: Decodable { var messages: [String]? }
        var ok: Bool
        var error: String?
        var responseMetadata: Metadata?
        enum CodingKeys: String, CodingKey {
            case ok, error
            case responseMetadata = "response_metadata"
        }
    }

    private static func decode<Response: Decodable>(_: Response.Type, method: String, status: Int, body: ByteBuffer) throws -> Response {
        let data = Data(body.readableBytesView)
        let envelope: Envelope
        do {
            envelope = try JSONDecoder().decode(Envelope.self, from: data)
        } catch {
            throw SlackHTTPError(target: method, status: status, reason: "response is not a Slack API answer")
        }
        guard envelope.ok else {
            throw SlackAPIError(method: method, code: envelope.error ?? "unknown_error", messages: envelope.responseMetadata?.messages ?? [])
        }
        do {
            return try JSONDecoder().decode(Response.self, from: data)
        } catch {
            throw SlackHTTPError(target: method, status: status, reason: "unexpected success body: \(SlackJSON.describe(error))")
        }
    }
}

extension SlackJSON {
    static func describe(_ error: any Error) -> String {
        (error as? DecodingError).map { payloadError($0).description } ?? "unreadable JSON"
    }
}
