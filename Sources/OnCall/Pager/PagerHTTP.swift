import Foundation

/// The one HTTP exchange both pager clients make: a GET with an authorization header, a short
/// timeout (a slow pager must not hold up an incident message), and a JSON body, decoded here.
struct PagerHTTP: Sendable {
    let pager: String
    let transport: any PagerTransport
    let timeout: Duration

    func get<Response: Decodable>(_ url: String, headers: [(String, String)], as: Response.Type) async throws -> Response {
        let response: PagerHTTPResponse
        do {
            response = try await transport.get(url, headers: headers.map { (name: $0.0, value: $0.1) }, timeout: timeout)
        } catch {
            throw PagerError(pager: pager, reason: "unreachable (\(error))")
        }
        guard (200..<300).contains(response.status) else {
            throw PagerError(pager: pager, reason: "answered HTTP \(response.status)")
        }
        do {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .custom { decoder in
                let text = try decoder.singleValueContainer().decode(String.self)
                guard let date = PagerHTTP.parseDate(text) else {
                    throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an ISO 8601 date: \(text)"))
                }
                return date
            }
            return try decoder.decode(Response.self, from: response.body)
        } catch {
            throw PagerError(pager: pager, reason: "unexpected answer (\(error))")
        }
    }

    /// Both pagers write ISO 8601 with an offset, with or without fractional seconds.
    static func parseDate(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }

    /// Percent-encodes one query value.
    static func encode(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}
