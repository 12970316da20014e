import ChatOps
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Slack

/// `POST /slack/commands`, `/slack/events` and `/slack/interactivity`: verified, decoded into one
/// ``SlackInbound`` and handed to the ``SlackGateway``.
struct SlackRoutes {
    let gateway: SlackGateway
    let verifier: SlackSignatureVerifier?
    let maxBodySize: Int

    func register(on router: Router<BasicRequestContext>) {
        let group = router.group("slack").add(middleware: SlackSignatureMiddleware(verifier: verifier, maxBodySize: maxBodySize))
        for path in ["commands", "events", "interactivity"] {
            group.post(RouterPath(path)) { request, context in try await handle(request, context: context) }
        }
    }

    private func handle(_ request: Request, context: BasicRequestContext) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: maxBodySize)
        let inbound: SlackInbound
        do {
            inbound = try SlackInbound(
                httpBody: body.readableBytesView, contentType: request.headers[.contentType],
                retry: SlackRetry(
                    retryNumHeader: request.headers[.slackRetryNum],
                    retryReasonHeader: request.headers[.slackRetryReason]))
        } catch {
            // The decoder's own text names our types and echoes input: it goes to the log, not the caller.
            context.logger.notice("refused a malformed Slack payload", metadata: ["error": "\(error)"])
            return .plainText("malformed Slack payload", status: .badRequest)
        }
        switch await gateway.handle(inbound, transport: .slackHTTP) {
        case .empty:
            return Response(status: .ok)
        case .challenge(let challenge):
            return .json(try JSONEncoder().encode(["challenge": challenge]))
        case .message(let message):
            return .json(message.jsonBytes)
        case .viewResponse(let response):
            return .json(try SlackJSON.encode(response))
        }
    }
}
