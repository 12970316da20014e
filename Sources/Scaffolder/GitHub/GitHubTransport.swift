import Foundation

/// One request to GitHub's REST API.
public struct GitHubRequest: Sendable {
    /// `GET`, `POST`, ...
    public var method: String
    /// The absolute URL.
    public var url: String
    /// The headers, the `Authorization` one included.
    public var headers: [(name: String, value: String)]
    /// The JSON body, when there is one.
    public var body: Data?

    /// Creates a request.
    public init(method: String, url: String, headers: [(name: String, value: String)], body: Data? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// What GitHub answered: the status and the body, read up to the caller's limit.
public struct GitHubResponse: Sendable {
    /// The HTTP status code.
    public var status: Int
    /// The body.
    public var body: Data

    /// Creates a response.
    public init(status: Int, body: Data) {
        self.status = status
        self.body = body
    }
}

/// The one HTTP exchange the GitHub actions need, provided by whoever wires the service.
///
/// Scaffolder stays free of HTTP libraries (as TechHealth does with its registries): it hands over
/// a request and gets bytes back. `BacklineServer` carries it over AsyncHTTPClient; tests use the
/// same transport against a fake GitHub on loopback.
public protocol GitHubTransport: Sendable {
    /// Sends `request`. Fails when no complete answer arrives within `timeout`, or when the body is
    /// longer than `maxBytes` (an answer is untrusted input and must not exhaust memory).
    func send(_ request: GitHubRequest, timeout: Duration, maxBytes: Int) async throws -> GitHubResponse
}
