import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Scaffolder

/// Carries the GitHub actions' API requests over AsyncHTTPClient.
///
/// As with the registry transport, the whole exchange, body included, runs under the timeout, and
/// the body is read up to the limit only. Redirects are not followed: the request carries the
/// token, and a redirect could take it to another host.
public struct AsyncHTTPGitHubTransport: GitHubTransport {
    let httpClient: HTTPClient

    /// Creates a transport on `httpClient`.
    public init(httpClient: HTTPClient = AsyncHTTPGitHubTransport.sharedClient) {
        self.httpClient = httpClient
    }

    /// One client for the process, without redirects (see above).
    public static let sharedClient = HTTPClient(
        eventLoopGroupProvider: .singleton, configuration: HTTPClient.Configuration(redirectConfiguration: .disallow))

    /// Sends `request`, the whole exchange under `timeout` and the body under `maxBytes`.
    public func send(_ request: GitHubRequest, timeout: Duration, maxBytes: Int) async throws -> GitHubResponse {
        let client = httpClient
        return try await withThrowingTaskGroup(of: GitHubResponse?.self) { group in
            group.addTask {
                var outgoing = HTTPClientRequest(url: request.url)
                outgoing.method = HTTPMethod(rawValue: request.method)
                for header in request.headers { outgoing.headers.add(name: header.name, value: header.value) }
                if let body = request.body { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
                let response = try await client.execute(outgoing, timeout: TimeAmount(timeout))
                let body: ByteBuffer
                do {
                    body = try await response.body.collect(upTo: maxBytes)
                } catch is NIOTooManyBytesError {
                    throw GitHubTransportError(description: "GitHub's answer is larger than \(maxBytes) bytes")
                }
                return GitHubResponse(status: Int(response.status.code), body: Data(body.readableBytesView))
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let response = first else {
                throw GitHubTransportError(description: "no answer within \(timeout)")
            }
            return response
        }
    }
}

/// A GitHub exchange that did not complete.
struct GitHubTransportError: Error, CustomStringConvertible {
    var description: String
}
