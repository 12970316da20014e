import HTTPTypes
import Hummingbird
import NIOCore
import Slack
import Synchronization

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension FakeSlack {
    /// One Web API request as the fake received and answered it.
    public struct WebAPICall: Sendable, Hashable {
        /// The method, e.g. `chat.postMessage`.
        public var method: String
        /// The bearer token sent, if any.
        public var token: String?
        /// The request's `Content-Type`.
        public var contentType: String?
        /// The arguments, from JSON or a form (form values are strings).
        public var arguments: [String: JSONValue]
        /// The HTTP status the fake answered with.
        public var status: Int
        /// The Slack error code the fake answered with; nil for `ok:true`.
        public var error: String?

        /// A string argument.
        public subscript(string name: String) -> String? { arguments[name]?.stringValue }
    }

    /// One post to a `response_url`.
    public struct ResponseURLPost: Sendable, Hashable {
        /// The name in the URL path.
        public var name: String
        /// The posted message body.
        public var body: JSONValue
        /// Slack's error code when the fake rejected it.
        public var error: String?
    }

    static func webAPIRouter(state: FakeSlackState) -> Router<BasicRequestContext> {
        let router = Router()
        router.post("/api/:method") { request, context in
            try await answer(request, context: context, state: state)
        }
        router.get("/api/:method") { request, context in
            try await answer(request, context: context, state: state)
        }
        router.post("/response/:name") { request, context -> Response in
            let name = context.parameters.get("name") ?? ""
            let bytes = try await request.body.collect(upTo: 4 << 20)
            let body = (try? JSONDecoder().decode(JSONValue.self, from: Data(bytes.readableBytesView))) ?? .null
            let problem = body == .null ? ("invalid_payload", []) : validateMessage(body)
            state.responseURLPosts.record(ResponseURLPost(name: name, body: body, error: problem?.0))
            if let problem { return text(problem.0, status: .badRequest) }
            return text("ok", status: .ok)
        }
        addUploadRoute(to: router, state: state)
        return router
    }

    private static func answer(_ request: Request, context: BasicRequestContext, state: FakeSlackState) async throws -> Response {
        let method = context.parameters.get("method") ?? ""
        let contentType = request.headers[.contentType]
        let bytes = try await request.body.collect(upTo: 4 << 20)
        let token = request.headers[.authorization].flatMap { header in
            header.hasPrefix("Bearer ") ? String(header.dropFirst("Bearer ".count)) : nil
        }
        let arguments = parseArguments(Array(bytes.readableBytesView), contentType: contentType, query: request.uri.query)
        let reply = reply(method: method, token: token, arguments: arguments, state: state, host: request.head.authority)
        state.calls.record(
            WebAPICall(method: method, token: token, contentType: contentType, arguments: arguments, status: reply.status, error: reply.error))
        // Slack has accepted (or refused) the call; a slow answer widens the window in which a
        // client can die without learning the outcome.
        if let delay = state.mutable.withLock({ $0.responseDelays[method] }) { try await Task.sleep(for: delay) }
        var headers = HTTPFields()
        headers[.contentType] = reply.contentType
        if let retryAfter = reply.retryAfter { headers[.retryAfter] = String(retryAfter) }
        return Response(
            status: HTTPResponse.Status(code: reply.status), headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(string: reply.body)))
    }

    private static func parseArguments(_ bytes: [UInt8], contentType: String?, query: String?) -> [String: JSONValue] {
        if contentType?.hasPrefix("application/json") == true {
            if case .object(let members)? = try? JSONDecoder().decode(JSONValue.self, from: Data(bytes)) { return members }
            return [:]
        }
        let source = bytes.isEmpty ? Array((query ?? "").utf8) : bytes
        let form = (try? FormFields(decoding: source)) ?? FormFields()
        return Dictionary(form.fields.map { ($0.name, JSONValue.string($0.value)) }, uniquingKeysWith: { first, _ in first })
    }

    private static func text(_ body: String, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentType: "text/plain"], body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}

/// What the fake answers one Web API call with.
struct FakeReply {
    var status = 200
    var contentType = "application/json; charset=utf-8"
    var body: String
    var error: String?
    var retryAfter: Int?

    static func ok(_ members: [String: JSONValue]) -> FakeReply {
        var members = members
        members["ok"] = .bool(true)
        return FakeReply(body: JSONValue.object(members).jsonText)
    }

    static func failure(_ code: String, messages: [String] = []) -> FakeReply {
        var members: [String: JSONValue] = ["ok": .bool(false), "error": .string(code)]
        if !messages.isEmpty { members["response_metadata"] = .object(["messages": .array(messages.map(JSONValue.string))]) }
        return FakeReply(body: JSONValue.object(members).jsonText, error: code)
    }
}

extension JSONValue {
    /// Compact JSON text.
    var jsonText: String {
        (try? JSONEncoder().encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }
}
