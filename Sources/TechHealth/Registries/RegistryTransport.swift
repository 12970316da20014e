import Foundation

/// What a registry answered: the status and the body, read up to the caller's limit.
public struct RegistryResponse: Sendable {
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

/// The one HTTP exchange the registry clients need, provided by whoever wires the service.
///
/// TechHealth stays free of HTTP libraries (and their event loops): it asks for a GET and gets
/// bytes back. `BacklineServer` carries it over AsyncHTTPClient; tests may use the same transport
/// against a fake registry on loopback.
public protocol RegistryTransport: Sendable {
    /// GETs `url` with `headers`. Fails when no complete answer arrives within `timeout`, and with
    /// ``RegistryTransportError/bodyTooLarge(limit:)`` when the body is longer than `maxBytes`
    /// (registries are untrusted: a huge answer must not exhaust memory).
    func get(_ url: String, headers: [(name: String, value: String)], timeout: Duration, maxBytes: Int) async throws -> RegistryResponse
}

/// Failures a transport reports in a form the clients can name.
public enum RegistryTransportError: Error, Sendable, CustomStringConvertible {
    /// The body was longer than the limit.
    case bodyTooLarge(limit: Int)
    /// No complete answer arrived in time.
    case timedOut(Duration)

    /// For the note on the dependency.
    public var description: String {
        switch self {
        case .bodyTooLarge(let limit): "answer larger than \(limit) bytes"
        case .timedOut(let timeout): "no answer within \(timeout)"
        }
    }
}
