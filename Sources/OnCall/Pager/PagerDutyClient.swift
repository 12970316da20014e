import Foundation
import Secrets

/// PagerDuty's REST API v2, read-only: who is on call for a schedule, an escalation policy, or a
/// service (through its escalation policy).
///
/// Calls `GET /oncalls?schedule_ids[]=…&earliest=true&include[]=users` (or
/// `escalation_policy_ids[]`) and `GET /services/{id}`, with `Authorization: Token token=…`.
public struct PagerDutyClient: PagerClient {
    /// PagerDuty's public API root.
    public static let defaultBaseURL = "https://api.pagerduty.com"

    let baseURL: String
    let token: Secret
    let http: PagerHTTP

    /// Creates a client.
    /// - Parameters:
    ///   - baseURL: the API root (EU accounts and tests use another).
    ///   - token: a REST API key (`PAGERDUTY_TOKEN`), read-only is enough.
    ///   - transport: carries the HTTP requests.
    public init(baseURL: String = PagerDutyClient.defaultBaseURL, token: Secret, transport: any PagerTransport, timeout: Duration = .seconds(5)) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.token = token
        http = PagerHTTP(pager: "PagerDuty", transport: transport, timeout: timeout)
    }

    public func handles(_ target: PagerTarget) -> Bool {
        switch target {
        case .pagerDutySchedule, .pagerDutyEscalationPolicy, .pagerDutyService: true
        case .opsgenieSchedule: false
        }
    }

    public func onCall(_ target: PagerTarget) async throws -> PagerOnCall? {
        switch target {
        case .pagerDutySchedule(let id):
            return try await oncalls(filter: "schedule_ids[]", id: id)
        case .pagerDutyEscalationPolicy(let id):
            return try await oncalls(filter: "escalation_policy_ids[]", id: id)
        case .pagerDutyService(let id):
            let service = try await http.get("\(baseURL)/services/\(PagerHTTP.encode(id))", headers: headers, as: ServiceResponse.self)
            return try await oncalls(filter: "escalation_policy_ids[]", id: service.service.escalationPolicy.id)
        case .opsgenieSchedule:
            return nil
        }
    }

    private var headers: [(String, String)] {
        [("Authorization", "Token token=\(token.revealed)"), ("Accept", "application/vnd.pagerduty+json;version=2")]
    }

    /// The first escalation level's on-call, which is who gets paged first.
    private func oncalls(filter: String, id: String) async throws -> PagerOnCall? {
        let query = "\(PagerHTTP.encode(filter))=\(PagerHTTP.encode(id))&earliest=true&\(PagerHTTP.encode("include[]"))=users&time_zone=UTC"
        let response = try await http.get("\(baseURL)/oncalls?\(query)", headers: headers, as: OncallsResponse.self)
        guard let first = response.oncalls.min(by: { $0.escalationLevel < $1.escalationLevel }) else { return nil }
        return PagerOnCall(
            name: first.user.name ?? first.user.summary ?? first.user.id, email: first.user.email, pagerUserID: first.user.id,
            until: first.end, scheduleName: first.schedule?.summary ?? first.escalationPolicy?.summary)
    }

    struct Reference: Decodable {
        var id: String
        var summary: String?
    }

    struct User: Decodable {
        var id: String
        var summary: String?
        var name: String?
        var email: String?
    }

    struct Oncall: Decodable {
        var user: User
        var schedule: Reference?
        var escalationPolicy: Reference?
        var escalationLevel: Int
        var start: Date?
        var end: Date?
        enum CodingKeys: String, CodingKey {
            case user, schedule, start, end
            case escalationPolicy = "escalation_policy"
            case escalationLevel = "escalation_level"
        }
    }

    struct OncallsResponse: Decodable { var oncalls: [Oncall] }

    struct Service: Decodable {
        var id: String
        var escalationPolicy: Reference
        enum CodingKeys: String, CodingKey {
            case id
            case escalationPolicy = "escalation_policy"
        }
    }

    struct ServiceResponse: Decodable { var service: Service }
}
