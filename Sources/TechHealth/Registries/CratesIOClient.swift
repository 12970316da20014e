import Foundation

/// crates.io's web API (`GET {base}/api/v1/crates/{name}`: `versions[{num, created_at, yanked}]`).
///
/// crates.io asks crawlers for a descriptive `User-Agent` (sent with every request) and at most
/// one request a second, which the cache warm-up keeps (see ``RegistryReleaseSource``). Yanked
/// versions are kept, marked yanked: never "latest", but a lock file pinned to one still finds its day.
public struct CratesIOClient: RegistryClient {
    /// The public registry.
    public static let defaultBaseURL = "https://crates.io"

    /// The ecosystem it answers for.
    public let ecosystem = Ecosystem.cargo
    /// The registry root, without a trailing slash.
    public let baseURL: String
    let fetcher: RegistryFetcher

    /// Creates a client.
    public init(baseURL: String = CratesIOClient.defaultBaseURL, transport: any RegistryTransport, limits: RegistryLimits = .standard) {
        self.baseURL = RegistryPath.trimmed(baseURL)
        fetcher = RegistryFetcher(registry: "crates.io", transport: transport, limits: limits)
    }

    struct Document: Decodable {
        struct Version: Decodable {
            var num: String
            var created_at: String?
            var yanked: Bool?
        }

        var versions: [Version]?
    }

    /// Every release of `name`; nil when the registry does not know it.
    public func fetchReleases(of name: String) async throws(RegistryError) -> [Release]? {
        guard name.count <= 64, RegistryPath.isPlain(name, allowing: "-_"), let path = RegistryPath.segment(name) else {
            throw fetcher.failure(.invalidName, "\"\(name.prefix(100))\" is not a crate name")
        }
        guard case .found(let body) = try await fetcher.get("\(baseURL)/api/v1/crates/\(path)") else { return nil }
        let document = try fetcher.decode(Document.self, from: body, package: name)
        return (document.versions ?? []).map { version in
            Release(version: version.num, released: version.created_at.flatMap(RegistryTimestamp.day), yanked: version.yanked ?? false)
        }
    }
}
