import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Logging
import Slack

/// Refuses any request to the Slack routes whose signature does not verify over the raw body
/// (or when no signing secret is configured) with 401, before any other code reads it.
struct SlackSignatureMiddleware<Context: RequestContext>: RouterMiddleware {
    let verifier: SlackSignatureVerifier?
    let maxBodySize: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let verifier else {
            context.logger.warning("refused a Slack request: SLACK_SIGNING_SECRET is not set")
            return .plainText("Slack signing secret not configured", status: .unauthorized)
        }
        var request = request
        // Collecting keeps the body readable by the route after this middleware.
        let body = try await request.collectBody(upTo: maxBodySize)
        do {
            try verifier.verify(
                body: body.readableBytesView,
                timestamp: request.headers[.slackRequestTimestamp],
                signature: request.headers[.slackSignature])
        } catch {
            context.logger.notice("refused a Slack request with a bad signature", metadata: ["reason": "\(error)"])
            return .plainText("invalid Slack signature", status: .unauthorized)
        }
        return try await next(request, context)
    }
}

extension Response {
    /// A short text response.
    static func plainText(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text + "\n")))
    }

    /// A JSON response from already-encoded bytes.
    static func json(_ data: Data, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A JSON response from already-encoded bytes (a Slack reply written by `SlackMessage.jsonBytes`).
    static func json(_ bytes: [UInt8], status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
