import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import TechHealth

/// Carries the registry clients' requests over AsyncHTTPClient.
///
/// The whole exchange, body included, runs under the timeout (AsyncHTTPClient's own deadline
/// covers the response head; a registry that trickles its body must not hold a harvest), and
/// the body is read up to the limit only.
public struct AsyncHTTPRegistryTransport: RegistryTransport {
    let httpClient: HTTPClient

    /// Creates a transport on `httpClient`.
    public init(httpClient: HTTPClient = .shared) {
        self.httpClient = httpClient
    }

    /// GETs `url`, the whole exchange under `timeout` and the body under `maxBytes`.
    public func get(_ url: String, headers: [(name: String, value: String)], timeout: Duration, maxBytes: Int) async throws -> RegistryResponse {
        let client = httpClient
        return try await withThrowingTaskGroup(of: RegistryResponse?.self) { group in
            group.addTask {
                var request = HTTPClientRequest(url: url)
                request.method = .GET
                for header in headers { request.headers.add(name: header.name, value: header.value) }
                let response = try await client.execute(request, timeout: TimeAmount(timeout))
                let body: ByteBuffer
                do {
                    body = try await response.body.collect(upTo: maxBytes)
                } catch is NIOTooManyBytesError {
                    throw RegistryTransportError.bodyTooLarge(limit: maxBytes)
                }
                return RegistryResponse(status: Int(response.status.code), body: Data(body.readableBytesView))
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let response = first else { throw RegistryTransportError.timedOut(timeout) }
            return response
        }
    }
}
