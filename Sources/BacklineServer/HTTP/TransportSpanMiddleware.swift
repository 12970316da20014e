import HTTPTypes
import Hummingbird
import Tracing

/// Starts a new trace for each chat request: a server span named for the route
/// (`POST /slack/commands`), with the transport and the response status. Other routes (probes,
/// metrics, webhooks) pass through untraced. Added only when tracing is on.
///
/// Outside the signature check on purpose: a refused request shows as a 401 span.
struct TransportSpanMiddleware<Context: RequestContext>: RouterMiddleware {
    let tracing: BacklineTracing

    /// The traced routes and their transport; the path is matched exactly, so a span name never
    /// carries text a caller chose.
    static func transport(of path: String) -> String? {
        switch path {
        case "/slack/commands", "/slack/events", "/slack/interactivity": "slackHTTP"
        case "/mattermost/commands": "mattermost"
        default: nil
        }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .post, let transport = Self.transport(of: request.uri.path) else {
            return try await next(request, context)
        }
        return try await tracing.withTransportSpan("POST \(request.uri.path)", kind: .server, transport: transport) { span in
            span?.attributes["http.request.method"] = "POST"
            span?.attributes["http.route"] = request.uri.path
            let response = try await next(request, context)
            span?.attributes["http.response.status_code"] = Int(response.status.code)
            if response.status.code >= 500 { span?.setStatus(SpanStatus(code: .error)) }
            return response
        }
    }
}
