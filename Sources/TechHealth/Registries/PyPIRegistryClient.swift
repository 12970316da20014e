import Foundation

/// PyPI's JSON API (or a mirror serving it: devpi, Artifactory's PyPI remote).
///
/// `GET {base}/pypi/{name}/json`, the name normalised per PEP 503. A release's day is the
/// earliest upload among its files; a release counts as yanked when every file is (PEP 592).
public struct PyPIRegistryClient: RegistryClient {
    /// The public index.
    public static let defaultBaseURL = "https://pypi.org"

    /// The ecosystem it answers for.
    public let ecosystem = Ecosystem.pypi
    /// The registry root, without a trailing slash.
    public let baseURL: String
    let fetcher: RegistryFetcher

    /// Creates a client.
    public init(baseURL: String = PyPIRegistryClient.defaultBaseURL, transport: any RegistryTransport, limits: RegistryLimits = .standard) {
        self.baseURL = RegistryPath.trimmed(baseURL)
        fetcher = RegistryFetcher(registry: "PyPI", transport: transport, limits: limits)
    }

    struct Document: Decodable {
        struct File: Decodable {
            var upload_time_iso_8601: String?
            var upload_time: String?
            var yanked: Bool?
        }

        var releases: [String: [File]]?
    }

    /// Every release of `name`; nil when the registry does not know it.
    public func fetchReleases(of name: String) async throws(RegistryError) -> [Release]? {
        let canonical = PackageName.normalised(name, in: .pypi)
        guard RegistryPath.isPlain(canonical, allowing: "-"), let path = RegistryPath.segment(canonical) else {
            throw fetcher.failure(.invalidName, "\"\(name.prefix(100))\" is not a Python package name")
        }
        guard case .found(let body) = try await fetcher.get("\(baseURL)/pypi/\(path)/json") else { return nil }
        let document = try fetcher.decode(Document.self, from: body, package: name)
        return (document.releases ?? [:]).sorted { $0.key < $1.key }.map { version, files in
            let days = files.compactMap { file in (file.upload_time_iso_8601 ?? file.upload_time).flatMap(RegistryTimestamp.day) }
            let yanked = !files.isEmpty && files.allSatisfy { $0.yanked == true }
            return Release(version: version, released: days.min(), yanked: yanked)
        }
    }
}
