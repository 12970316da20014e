import Foundation

/// What a pager's REST API answered: the status and the whole body.
public struct PagerHTTPResponse: Sendable {
    /// The HTTP status code.
    public var status: Int
    /// The body, read in full (pager answers are small; the transport bounds it).
    public var body: Data

    /// Creates a response.
    public init(status: Int, body: Data) {
        self.status = status
        self.body = body
    }
}

/// The one HTTP exchange the pager clients need, provided by whoever wires the service.
///
/// The domain asks for a GET and gets bytes back; which HTTP library carries it (and that
/// library's event-loop types) stays at the edge, in `BacklineServer`.
public protocol PagerTransport: Sendable {
    /// GETs `url` with `headers`, failing when no complete answer arrives within `timeout`.
    func get(_ url: String, headers: [(name: String, value: String)], timeout: Duration) async throws -> PagerHTTPResponse
}
