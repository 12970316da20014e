import Foundation

/// One ecosystem's registry, asked for every release of a package.
public protocol RegistryClient: Sendable {
    /// The ecosystem it answers for.
    var ecosystem: Ecosystem { get }
    /// The registry's root, part of the cache key: answers from a mirror and from the public
    /// registry are kept apart.
    var baseURL: String { get }
    /// Every release of the package named `name` (already canonical, see ``PackageName``); nil
    /// when the registry does not know it. Throws ``RegistryError`` for anything else.
    func fetchReleases(of name: String) async throws(RegistryError) -> [Release]?
}

/// How every HTTP registry client talks to its registry: a GET with a `User-Agent`, a timeout
/// and a size limit, 404/410 read as "no such package", any other non-2xx as a failure.
struct RegistryFetcher: Sendable {
    /// The registry for people (`npm registry`).
    let registry: String
    let transport: any RegistryTransport
    let limits: RegistryLimits

    /// What came back.
    enum Answer {
        case found(Data)
        case notFound
    }

    func get(_ url: String, accept: String = "application/json") async throws(RegistryError) -> Answer {
        let response: RegistryResponse
        do {
            response = try await transport.get(
                url, headers: [(name: "Accept", value: accept), (name: "User-Agent", value: limits.userAgent)],
                timeout: limits.timeout, maxBytes: limits.maxResponseBytes)
        } catch let error as RegistryTransportError {
            if case .bodyTooLarge = error { throw failure(.tooLarge, "\(error)") }
            throw failure(.unreachable, "\(error)")
        } catch {
            throw failure(.unreachable, "unreachable (\(Self.summary(of: error)))")
        }
        switch response.status {
        case 200..<300: return .found(response.body)
        case 404, 410: return .notFound
        default: throw failure(.status(response.status), "answered HTTP \(response.status)")
        }
    }

    /// Decodes JSON, a malformed answer being this package's failure.
    func decode<T: Decodable>(_ type: T.Type, from data: Data, package: String) throws(RegistryError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch {
            throw failure(.malformed, "unexpected answer for \(package) (\(Self.summary(of: error)))")
        }
    }

    func failure(_ kind: RegistryError.Kind, _ reason: String) -> RegistryError {
        RegistryError(registry: registry, kind: kind, reason: reason)
    }

    /// An error's text, cut short: a hostile answer must not turn into a huge note.
    static func summary(of error: any Error) -> String {
        let text: String
        if let decoding = error as? DecodingError {
            switch decoding {
            case .dataCorrupted(let context), .keyNotFound(_, let context), .typeMismatch(_, let context), .valueNotFound(_, let context):
                let path = context.codingPath.map(\.stringValue).joined(separator: ".")
                text = path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
            @unknown default:
                text = "\(decoding)"
            }
        } else {
            text = "\(error)"
        }
        return text.count > 200 ? String(text.prefix(200)) + "…" : text
    }
}

/// The limits every registry request runs under.
public struct RegistryLimits: Sendable, Hashable {
    /// How long one request may take.
    public var timeout: Duration
    /// The largest answer read (npm's full documents of busy packages run to tens of MB).
    public var maxResponseBytes: Int
    /// Sent with every request: crates.io refuses requests without a descriptive one.
    public var userAgent: String

    /// Ten seconds, 64 MiB, Backline's user agent.
    public static let standard = RegistryLimits(
        timeout: .seconds(10), maxResponseBytes: 64 << 20, userAgent: "backline-tech-health (release data; +https://backstage.io)")

    /// Creates limits.
    public init(timeout: Duration, maxResponseBytes: Int, userAgent: String) {
        self.timeout = timeout
        self.maxResponseBytes = maxResponseBytes
        self.userAgent = userAgent
    }
}

/// Timestamps as registries write them, read as the UTC day they fall on.
enum RegistryTimestamp {
    /// RFC 3339 / ISO 8601 with or without fractional seconds and with any offset; for text that
    /// does not parse as a moment, the leading `YYYY-MM-DD`.
    static func day(_ text: String) -> CalendarDay? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.count <= 64 else { return nil }
        let plain = ISO8601DateFormatter()
        if let date = plain.date(from: trimmed) { return CalendarDay(date) }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = fractional.date(from: trimmed) { return CalendarDay(date) }
        return CalendarDay(trimmed)
    }
}
