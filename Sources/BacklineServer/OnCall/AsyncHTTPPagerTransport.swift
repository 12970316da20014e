import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import OnCall

/// Carries the pager clients' requests over AsyncHTTPClient.
public struct AsyncHTTPPagerTransport: PagerTransport {
    /// The most of a pager's answer read; on-call answers are a few KiB.
    static let maxBodySize = 4 << 20

    let httpClient: HTTPClient

    /// Creates a transport on `httpClient`.
    public init(httpClient: HTTPClient = .shared) {
        self.httpClient = httpClient
    }

    /// The timeout as AsyncHTTPClient takes it. NIO's own conversion keeps sub-second parts
    /// (500 ms stays 500 ms; whole seconds times 1000 made it 0).
    static func timeAmount(_ timeout: Duration) -> TimeAmount {
        TimeAmount(timeout)
    }

    public func get(_ url: String, headers: [(name: String, value: String)], timeout: Duration) async throws -> PagerHTTPResponse {
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        for header in headers { request.headers.add(name: header.name, value: header.value) }
        let response = try await httpClient.execute(request, timeout: Self.timeAmount(timeout))
        let body = try await response.body.collect(upTo: Self.maxBodySize)
        return PagerHTTPResponse(status: Int(response.status.code), body: Data(body.readableBytesView))
    }
}
