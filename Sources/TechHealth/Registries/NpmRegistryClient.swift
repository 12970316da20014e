import Foundation

/// The npm registry (or a mirror speaking its API: Verdaccio, Artifactory, Nexus).
///
/// `GET {base}/{name}` (scoped names as `@scope%2Fname`) returns the full packument; the
/// release dates are in its `time` map (the abbreviated `install-v1` document has none), the
/// published versions are the keys of `versions` (unpublished ones stay in `time` only).
public struct NpmRegistryClient: RegistryClient {
    /// The public registry.
    public static let defaultBaseURL = "https://registry.npmjs.org"

    /// The ecosystem it answers for.
    public let ecosystem = Ecosystem.npm
    /// The registry root, without a trailing slash.
    public let baseURL: String
    let fetcher: RegistryFetcher

    /// Creates a client.
    public init(baseURL: String = NpmRegistryClient.defaultBaseURL, transport: any RegistryTransport, limits: RegistryLimits = .standard) {
        self.baseURL = RegistryPath.trimmed(baseURL)
        fetcher = RegistryFetcher(registry: "npm registry", transport: transport, limits: limits)
    }

    /// The packument's fields that matter.
    struct Packument: Decodable {
        /// A version's manifest; only `deprecated` is read (it is text, or absent).
        struct VersionManifest: Decodable {
            var deprecated: String?

            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: Keys.self)
                // Some old packuments carry `deprecated: false`; anything but text is "not deprecated".
                deprecated = try? container.decodeIfPresent(String.self, forKey: .deprecated)
            }

            enum Keys: String, CodingKey { case deprecated }
        }

        var versions: [String: VersionManifest]?
        var time: [String: String]?
    }

    /// The path of a package: `@scope/name` becomes `@scope%2Fname`, as the registry expects.
    static func path(of name: String) -> String? {
        if name.hasPrefix("@") {
            let parts = name.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, let scope = RegistryPath.segment(parts[0]), let package = RegistryPath.segment(parts[1]) else { return nil }
            return "@\(scope)%2F\(package)"
        }
        guard !name.contains("/") else { return nil }
        return RegistryPath.segment(name)
    }

    /// Every release of `name`; nil when the registry does not know it.
    public func fetchReleases(of name: String) async throws(RegistryError) -> [Release]? {
        guard let path = Self.path(of: name) else { throw fetcher.failure(.invalidName, "\"\(name.prefix(100))\" is not an npm package name") }
        guard case .found(let body) = try await fetcher.get("\(baseURL)/\(path)") else { return nil }
        let packument = try fetcher.decode(Packument.self, from: body, package: name)
        let times = packument.time ?? [:]
        return (packument.versions ?? [:]).keys.sorted().map { version in
            Release(version: version, released: times[version].flatMap(RegistryTimestamp.day))
        }
    }
}
