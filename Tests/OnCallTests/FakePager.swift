import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SlackTesting
import Synchronization

/// A pager API on loopback speaking PagerDuty's or Opsgenie's real response shapes. Tests set what
/// it answers and can make it fail, and read which requests it received.
final class FakePager: Sendable {
    struct Received: Sendable, Hashable {
        var path: String
        var query: String
        var authorization: String?
    }

    struct State {
        var status = 200
        var body = "{}"
        var bodiesByPath: [String: String] = [:]
        var received: [Received] = []
    }

    let port: Int
    let shared: SharedState

    var baseURL: String { "http://127.0.0.1:\(port)" }
    var received: [Received] { shared.state.withLock { $0.received } }

    private init(port: Int, shared: SharedState) {
        self.port = port
        self.shared = shared
    }

    /// Answers requests for exactly `path` with `body` (status 200), whatever the default is.
    func answer(path: String, _ body: String) {
        shared.state.withLock { $0.bodiesByPath[path] = body }
    }

    /// The default answer.
    func answer(status: Int = 200, _ body: String) {
        shared.state.withLock {
            $0.status = status
            $0.body = body
        }
    }

    /// Runs a fake for the duration of `body`.
    static func withRunning<T: Sendable>(_ body: (FakePager) async throws -> T) async throws -> T {
        let shared = SharedState()
        let router = Router()
        let handler: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            let (status, text) = shared.state.withLock { state in
                state.received.append(Received(path: request.uri.path, query: request.uri.query ?? "", authorization: request.headers[.authorization]))
                if let body = state.bodiesByPath[request.uri.path] { return (200, body) }
                return (state.status, state.body)
            }
            return Response(
                status: HTTPResponse.Status(code: status), headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        }
        for path in ["/oncalls", "/services/:id", "/v2/schedules/:id/on-calls"] { router.get(RouterPath(path), use: handler) }
        return try await withLoopbackApp(router, serverName: "FakePager") { port in try await body(FakePager(port: port, shared: shared)) }
    }

    /// Lets the route closure and the fake share one mutex.
    final class SharedState: Sendable {
        let state = Mutex(State())
    }
}

/// Response bodies in each API's documented shape.
enum PagerFixtures {
    /// `GET /oncalls?include[]=users`: users are full objects with an email.
    static func pagerDutyOncalls(name: String, email: String, end: String = "2026-03-30T07:00:00Z") -> String {
        """
        {"oncalls":[
          {"escalation_policy":{"id":"PT20YPA","type":"escalation_policy_reference","summary":"Playlists","self":"https://api.pagerduty.com/escalation_policies/PT20YPA","html_url":"https://tempo.pagerduty.com/escalation_policies/PT20YPA"},
           "escalation_level":2,
           "schedule":{"id":"PI7DH86","type":"schedule_reference","summary":"Playlists secondary"},
           "user":{"id":"PXPGF43","type":"user","summary":"Someone Else","name":"Someone Else","email":"someone.else@tempo.example"},
           "start":"2026-03-23T08:00:00Z","end":"\(end)"},
          {"escalation_policy":{"id":"PT20YPA","type":"escalation_policy_reference","summary":"Playlists"},
           "escalation_level":1,
           "schedule":{"id":"PI7DH85","type":"schedule_reference","summary":"Playlists goalie"},
           "user":{"id":"PXPGF42","type":"user","summary":"\(name)","name":"\(name)","email":"\(email)","time_zone":"Europe/Stockholm"},
           "start":"2026-03-23T08:00:00Z","end":"\(end)"}
        ],"limit":25,"offset":0,"more":false,"total":null}
        """
    }

    static let pagerDutyService = """
        {"service":{"id":"PL8X2ZC","type":"service","summary":"Playlist API","name":"Playlist API","status":"active",
          "escalation_policy":{"id":"PT20YPA","type":"escalation_policy_reference","summary":"Playlists"}}}
        """

    /// `GET /v2/schedules/{id}/on-calls` (not flat).
    static func opsgenieOnCalls(username: String) -> String {
        """
        {"data":{"_parent":{"id":"d875e654-9b4e-4219-a7b9-0c26936d18de","name":"playlists_schedule","enabled":true},
          "onCallParticipants":[{"id":"b3578948-55b3-4acc-9bf1-2ce2db3alpha","name":"\(username)","type":"user"}]},
         "took":0.104,"requestId":"c9f7c3cb-01ef-4e28-bd5a-0f1d1b4b3b41"}
        """
    }
}
