import Foundation

/// RubyGems.org's API (`GET {base}/api/v1/versions/{gem}.json`: newest first,
/// `[{number, created_at, platform, prerelease}]`).
///
/// A version built for several platforms appears once per platform; it is one release, dated
/// by its earliest build.
public struct RubyGemsClient: RegistryClient {
    /// The public registry.
    public static let defaultBaseURL = "https://rubygems.org"

    /// The ecosystem it answers for.
    public let ecosystem = Ecosystem.rubygems
    /// The registry root, without a trailing slash.
    public let baseURL: String
    let fetcher: RegistryFetcher

    /// Creates a client.
    public init(baseURL: String = RubyGemsClient.defaultBaseURL, transport: any RegistryTransport, limits: RegistryLimits = .standard) {
        self.baseURL = RegistryPath.trimmed(baseURL)
        fetcher = RegistryFetcher(registry: "RubyGems", transport: transport, limits: limits)
    }

    struct Version: Decodable {
        var number: String
        var created_at: String?
    }

    /// Every release of `name`; nil when the registry does not know it.
    public func fetchReleases(of name: String) async throws(RegistryError) -> [Release]? {
        guard RegistryPath.isPlain(name, allowing: "-_."), let path = RegistryPath.segment(name) else {
            throw fetcher.failure(.invalidName, "\"\(name.prefix(100))\" is not a gem name")
        }
        guard case .found(let body) = try await fetcher.get("\(baseURL)/api/v1/versions/\(path).json") else { return nil }
        let versions = try fetcher.decode([Version].self, from: body, package: name)
        var earliest: [String: CalendarDay?] = [:]
        for version in versions {
            let day = version.created_at.flatMap(RegistryTimestamp.day)
            if let known = earliest[version.number] {
                earliest[version.number] = [known, day].compactMap { $0 }.min()
            } else {
                earliest[version.number] = day
            }
        }
        return earliest.sorted { $0.key < $1.key }.map { Release(version: $0.key, released: $0.value) }
    }
}
