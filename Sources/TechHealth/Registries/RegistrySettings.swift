import Foundation

/// Which registries are asked for release data, where they are, and how long answers are kept
/// (`health.registries` in `backline.yaml`). Off by default: the offline `releases.yaml` is
/// then the only source, and nothing reaches the network.
public struct RegistrySettings: Sendable {
    /// Whether registries are asked at all.
    public var enabled = false
    /// How long an answer is served from the cache without asking again.
    public var ttl: TimeInterval = 86_400
    /// After a failed attempt, how long the last answer (or the failure) is served before the
    /// registry is tried again, so an outage costs one timeout per package, not one per lookup.
    public var retryAfterFailure: TimeInterval = 900
    /// Timeout, size limit and `User-Agent` of every request.
    public var limits = RegistryLimits.standard
    /// How long one `git ls-remote` (Swift packages) may take.
    public var gitTimeout: Duration = .seconds(30)
    /// The ecosystems asked; the others use the offline file only.
    public var ecosystems: Set<Ecosystem> = RegistrySettings.supported
    /// Each registry's root (the Swift entry is the prefix of a package's git URL).
    public var baseURLs: [Ecosystem: String] = RegistrySettings.defaultBaseURLs
    /// Maven Central's search API, which dates Maven versions; nil leaves them undated.
    public var mavenSearchURL: String? = MavenCentralClient.defaultSearchURL
    /// The pause between two requests to one registry while the cache is warmed: crates.io asks
    /// crawlers for at most one request a second.
    public var warmUpPauses: [Ecosystem: Duration] = [.cargo: .seconds(1)]

    /// The ecosystems a registry client exists for.
    public static let supported: Set<Ecosystem> = [.npm, .pypi, .maven, .go, .cargo, .rubygems, .swift]

    /// The public registries.
    public static let defaultBaseURLs: [Ecosystem: String] = [
        .npm: NpmRegistryClient.defaultBaseURL, .pypi: PyPIRegistryClient.defaultBaseURL, .maven: MavenCentralClient.defaultBaseURL,
        .go: GoProxyClient.defaultBaseURL, .cargo: CratesIOClient.defaultBaseURL, .rubygems: RubyGemsClient.defaultBaseURL,
        .swift: GitTagsClient.defaultBaseURL,
    ]

    /// Off, public registries, one day's TTL.
    public init() {}

    /// The clients for the enabled ecosystems, HTTP ones carried by `transport`.
    public func clients(transport: any RegistryTransport) -> [Ecosystem: any RegistryClient] {
        guard enabled else { return [:] }
        var clients: [Ecosystem: any RegistryClient] = [:]
        for ecosystem in ecosystems {
            let base = baseURLs[ecosystem] ?? Self.defaultBaseURLs[ecosystem]
            switch ecosystem {
            case .npm: clients[.npm] = NpmRegistryClient(baseURL: base ?? NpmRegistryClient.defaultBaseURL, transport: transport, limits: limits)
            case .pypi: clients[.pypi] = PyPIRegistryClient(baseURL: base ?? PyPIRegistryClient.defaultBaseURL, transport: transport, limits: limits)
            case .maven:
                clients[.maven] = MavenCentralClient(
                    baseURL: base ?? MavenCentralClient.defaultBaseURL, searchURL: mavenSearchURL, transport: transport, limits: limits)
            case .go: clients[.go] = GoProxyClient(baseURL: base ?? GoProxyClient.defaultBaseURL, transport: transport, limits: limits)
            case .cargo: clients[.cargo] = CratesIOClient(baseURL: base ?? CratesIOClient.defaultBaseURL, transport: transport, limits: limits)
            case .rubygems: clients[.rubygems] = RubyGemsClient(baseURL: base ?? RubyGemsClient.defaultBaseURL, transport: transport, limits: limits)
            case .swift: clients[.swift] = GitTagsClient(baseURL: base ?? GitTagsClient.defaultBaseURL, timeout: gitTimeout)
            case .docker: break
            }
        }
        return clients
    }
}
