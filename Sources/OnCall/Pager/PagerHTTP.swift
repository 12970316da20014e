import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The one HTTP exchange both pager clients make: a GET with an authorization header, a short
/// timeout (a slow pager must not hold up an incident message), and a JSON body.
///
/// The only file of the domain that speaks HTTP, so the only one that sees AsyncHTTPClient's NIO
/// types (its timeout and body buffer); the pager clients deal in `Duration` and `Data`.
struct PagerHTTP: Sendable {
    let pager: String
    let httpClient: HTTPClient
    let timeout: Duration

    /// The timeout as the HTTP client takes it. NIO's own conversion keeps sub-second parts
    /// (500 ms stays 500 ms; whole seconds times 1000 made it 0).
    var requestTimeout: TimeAmount { TimeAmount(timeout) }

    func get<Response: Decodable>(_ url: String, headers: [(String, String)], as: Response.Type) async throws -> Response {
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response: HTTPClientResponse
        do {
            response = try await httpClient.execute(request, timeout: requestTimeout)
        } catch {
            throw PagerError(pager: pager, reason: "unreachable (\(error))")
        }
        let body = try await response.body.collect(upTo: 4 << 20)
        guard (200..<300).contains(response.status.code) else {
            throw PagerError(pager: pager, reason: "answered HTTP \(response.status.code)")
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
            return try decoder.decode(Response.self, from: Data(body.readableBytesView))
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
