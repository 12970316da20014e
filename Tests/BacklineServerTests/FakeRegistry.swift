import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SlackTesting
import Synchronization

/// Package registries on loopback: answers are set per raw request path (as the client sent it,
/// percent-encoding included), so a test sees exactly which URL a client asked for. Counts every
/// request, can fail everything (an outage) and can answer with any status or body.
final class FakeRegistry: Sendable {
    struct Received: Sendable, Hashable {
        var path: String
        var query: String
        var userAgent: String?
    }

    struct Answer: Sendable {
        var status: Int
        var body: String
        var contentType: String
    }

    struct State {
        var answers: [String: Answer] = [:]
        var outageStatus: Int?
        var received: [Received] = []
    }

    let port: Int
    private let holder: StateHolder

    var baseURL: String { "http://127.0.0.1:\(port)" }
    var received: [Received] { holder.state.withLock { $0.received } }
    var requestCount: Int { holder.state.withLock { $0.received.count } }

    private init(port: Int, holder: StateHolder) {
        self.port = port
        self.holder = holder
    }

    /// Answers `path` (raw, without the query) with `body`.
    func answer(_ path: String, status: Int = 200, contentType: String = "application/json", _ body: String) {
        holder.state.withLock { $0.answers[path] = Answer(status: status, body: body, contentType: contentType) }
    }

    /// Every request fails with `status` (nil ends the outage).
    func outage(_ status: Int?) {
        holder.state.withLock { $0.outageStatus = status }
    }

    /// Runs a fake for the duration of `body`.
    static func withRunning<T: Sendable>(_ body: (FakeRegistry) async throws -> T) async throws -> T {
        let holder = StateHolder()
        let router = Router()
        router.get("**") { request, _ -> Response in
            let path = request.uri.path
            let answer = holder.state.withLock { state -> Answer in
                state.received.append(Received(path: path, query: request.uri.query ?? "", userAgent: request.headers[.userAgent]))
                if let status = state.outageStatus { return Answer(status: status, body: "<html>Service Unavailable</html>", contentType: "text/html") }
                return state.answers[path] ?? Answer(status: 404, body: "{\"error\":\"Not found\"}", contentType: "application/json")
            }
            return Response(
                status: HTTPResponse.Status(code: answer.status), headers: [.contentType: answer.contentType],
                body: ResponseBody(byteBuffer: ByteBuffer(string: answer.body)))
        }
        return try await withLoopbackApp(router) { port in try await body(FakeRegistry(port: port, holder: holder)) }
    }

    /// Shares one mutex between the route closure and the fake.
    final class StateHolder: Sendable {
        let state = Mutex(State())
    }
}
