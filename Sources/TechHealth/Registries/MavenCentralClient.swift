import Foundation
import SWXMLHash

/// Maven Central (or any Maven 2 layout repository: Nexus, Artifactory) for versions, and
/// Central's search API for their days.
///
/// Versions come from `{base}/{group/as/path}/{artifact}/maven-metadata.xml`, which has no
/// per-version dates; days come from `{search}?q=g:"G" AND a:"A"&core=gav&rows=…&wt=json`
/// (`response.docs[{v, timestamp}]`, milliseconds). The search index can lag the repository and
/// a mirror may have no search at all, so a failed search leaves days unknown rather than failing
/// the lookup.
public struct MavenCentralClient: RegistryClient {
    /// Maven Central's repository.
    public static let defaultBaseURL = "https://repo1.maven.org/maven2"
    /// Central's search API.
    public static let defaultSearchURL = "https://search.maven.org/solrsearch/select"
    /// Versions dated per lookup; Central's search answers at most this many rows at once.
    static let maxSearchRows = 200

    /// The ecosystem it answers for.
    public let ecosystem = Ecosystem.maven
    /// The registry root, without a trailing slash.
    public let baseURL: String
    /// The search API; nil asks the repository only (days unknown).
    public let searchURL: String?
    let fetcher: RegistryFetcher

    /// Creates a client.
    public init(
        baseURL: String = MavenCentralClient.defaultBaseURL, searchURL: String? = MavenCentralClient.defaultSearchURL,
        transport: any RegistryTransport, limits: RegistryLimits = .standard
    ) {
        self.baseURL = RegistryPath.trimmed(baseURL)
        self.searchURL = searchURL.map(RegistryPath.trimmed)
        fetcher = RegistryFetcher(registry: "Maven repository", transport: transport, limits: limits)
    }

    /// `group:artifact` → (`group`, `artifact`), each part checked against Maven's coordinate
    /// characters so nothing else reaches the URL.
    static func coordinates(of name: String) -> (group: String, artifact: String)? {
        let parts = name.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 2 else { return nil }
        let group = String(parts[0]), artifact = String(parts[1])
        let groupSegments = group.split(separator: ".", omittingEmptySubsequences: false)
        guard groupSegments.allSatisfy({ RegistryPath.isPlain($0, allowing: "-_") }),
              RegistryPath.isPlain(artifact, allowing: "-_."), RegistryPath.isSafe(artifact), group.count + artifact.count <= RegistryPath.maxNameLength
        else { return nil }
        return (group, artifact)
    }

    struct SearchAnswer: Decodable {
        struct Response: Decodable {
            struct Doc: Decodable {
                var v: String
                var timestamp: Double?
            }

            var docs: [Doc]
        }

        var response: Response
    }

    /// Every release of `name`; nil when the registry does not know it.
    public func fetchReleases(of name: String) async throws(RegistryError) -> [Release]? {
        guard let coordinates = Self.coordinates(of: name) else {
            throw fetcher.failure(.invalidName, "\"\(name.prefix(100))\" is not a Maven group:artifact")
        }
        let (group, artifact) = coordinates
        let path = group.replacingOccurrences(of: ".", with: "/") + "/" + artifact
        guard case .found(let body) = try await fetcher.get("\(baseURL)/\(path)/maven-metadata.xml", accept: "application/xml, text/xml") else {
            return nil
        }
        let versions = try Self.versions(inMetadata: body, fetcher: fetcher, package: name)
        let days = await searchDays(group: group, artifact: artifact)
        return versions.map { Release(version: $0, released: days[$0]) }
    }

    /// The `<versioning><versions><version>` list of `maven-metadata.xml`.
    static func versions(inMetadata data: Data, fetcher: RegistryFetcher, package: String) throws(RegistryError) -> [String] {
        guard let text = String(data: data, encoding: .utf8) else { throw fetcher.failure(.malformed, "metadata for \(package) is not UTF-8") }
        let upper = text.uppercased()
        // Metadata never needs a DTD; refusing one keeps entity expansion out (as for pom.xml).
        if upper.contains("<!DOCTYPE") || upper.contains("<!ENTITY") {
            throw fetcher.failure(.malformed, "metadata for \(package) declares a DOCTYPE or ENTITY")
        }
        if XMLDepth.firstLineDeeper(than: XMLDepth.maximum, in: text) != nil {
            throw fetcher.failure(.malformed, "metadata for \(package) is nested too deeply")
        }
        let document = XMLHash.config { $0.detectParsingErrors = true }.parse(text)
        if case .parsingError(let error) = document {
            throw fetcher.failure(.malformed, "metadata for \(package) is not valid XML (line \(error.line))")
        }
        let metadata = document["metadata"]
        guard metadata.element != nil else { throw fetcher.failure(.malformed, "metadata for \(package) has no <metadata> element") }
        return metadata["versioning"]["versions"]["version"].all.compactMap { node in
            let version = node.element?.text.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            return version.isEmpty ? nil : version
        }
    }

    /// Version → day from the search API; empty when there is no search or it fails.
    private func searchDays(group: String, artifact: String) async -> [String: CalendarDay] {
        guard let searchURL else { return [:] }
        let query = "g:\"\(group)\" AND a:\"\(artifact)\""
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let encoded = query.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
        let url = "\(searchURL)?q=\(encoded)&core=gav&rows=\(Self.maxSearchRows)&wt=json"
        guard let answer = try? await fetcher.get(url), case .found(let body) = answer,
              let search = try? JSONDecoder().decode(SearchAnswer.self, from: body) else { return [:] }
        var days: [String: CalendarDay] = [:]
        for doc in search.response.docs {
            guard let milliseconds = doc.timestamp, milliseconds.isFinite, milliseconds > 0, milliseconds < 4e14 else { continue }
            days[doc.v] = CalendarDay(Date(timeIntervalSince1970: milliseconds / 1000))
        }
        return days
    }
}
