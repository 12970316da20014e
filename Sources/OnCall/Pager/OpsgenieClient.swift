import Foundation
import Secrets

/// Opsgenie's REST API v2, read-only: `GET /v2/schedules/{id}/on-calls` with
/// `Authorization: GenieKey …`. A schedule may be named instead of identified.
public struct OpsgenieClient: PagerClient {
    /// Opsgenie's public API root (`https://api.eu.opsgenie.com` for EU accounts).
    public static let defaultBaseURL = "https://api.opsgenie.com"

    let baseURL: String
    let apiKey: Secret
    let http: PagerHTTP

    /// Creates a client.
    /// - Parameters:
    ///   - apiKey: an API integration key (`OPSGENIE_API_KEY`) with read access.
    ///   - transport: carries the HTTP requests.
    public init(baseURL: String = OpsgenieClient.defaultBaseURL, apiKey: Secret, transport: any PagerTransport, timeout: Duration = .seconds(5)) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.apiKey = apiKey
        http = PagerHTTP(pager: "Opsgenie", transport: transport, timeout: timeout)
    }

    public func handles(_ target: PagerTarget) -> Bool {
        if case .opsgenieSchedule = target { return true }
        return false
    }

    public func onCall(_ target: PagerTarget) async throws -> PagerOnCall? {
        guard case .opsgenieSchedule(let schedule) = target else { return nil }
        // Ids are UUIDs; anything else is a schedule name.
        let identifierType = UUID(uuidString: schedule) == nil ? "name" : "id"
        let url = "\(baseURL)/v2/schedules/\(PagerHTTP.encode(schedule))/on-calls?scheduleIdentifierType=\(identifierType)&flat=false"
        let response = try await http.get(url, headers: [("Authorization", "GenieKey \(apiKey.revealed)")], as: OnCallsResponse.self)
        guard let user = response.data.onCallParticipants.first(where: { $0.type == "user" }) else { return nil }
        // Opsgenie usernames are e-mail addresses.
        return PagerOnCall(name: user.name, email: user.name.contains("@") ? user.name : nil, pagerUserID: user.id, until: nil, scheduleName: response.data.parent?.name)
    }

    struct Participant: Decodable {
        var id: String?
        var name: String
        var type: String
    }

    struct Parent: Decodable {
        var id: String?
        var name: String?
    }

    struct OnCalls: Decodable {
        var parent: Parent?
        var onCallParticipants: [Participant]
        enum CodingKeys: String, CodingKey {
            case parent = "_parent"
            case onCallParticipants
        }
    }

    struct OnCallsResponse: Decodable { var data: OnCalls }
}
