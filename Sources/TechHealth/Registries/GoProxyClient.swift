import Foundation

/// A Go module proxy (`GOPROXY` protocol: proxy.golang.org, Athens, Artifactory).
///
/// `GET {base}/{module}/@v/list` lists tagged versions one per line; each version's day is its
/// `{base}/{module}/@v/{version}.info` `Time`. A module with no tags answers with `@latest`
/// (a pseudo-version). Upper-case letters in paths are written `!` + lower-case, as the protocol
/// requires (case-insensitive file systems hold the module cache).
public struct GoProxyClient: RegistryClient {
    /// The public proxy.
    public static let defaultBaseURL = "https://proxy.golang.org"
    /// `.info` requests made per lookup: the newest versions are dated, older ones stay undated
    /// (a module with hundreds of tags would otherwise cost hundreds of requests).
    public static let defaultMaxDatedVersions = 60
    /// `.info` requests in flight at once.
    static let concurrency = 4

    /// The ecosystem it answers for.
    public let ecosystem = Ecosystem.go
    /// The registry root, without a trailing slash.
    public let baseURL: String
    let maxDatedVersions: Int
    let fetcher: RegistryFetcher

    /// Creates a client.
    public init(
        baseURL: String = GoProxyClient.defaultBaseURL, transport: any RegistryTransport, limits: RegistryLimits = .standard,
        maxDatedVersions: Int = GoProxyClient.defaultMaxDatedVersions
    ) {
        self.baseURL = RegistryPath.trimmed(baseURL)
        self.maxDatedVersions = maxDatedVersions
        fetcher = RegistryFetcher(registry: "Go module proxy", transport: transport, limits: limits)
    }

    /// The case-encoding of a module path or version: `github.com/Azure/go` → `github.com/!azure/go`.
    public static func caseEncoded(_ text: String) -> String {
        var result = ""
        for character in text {
            if character.isASCII, character.isUppercase {
                result.append("!")
                result.append(contentsOf: character.lowercased())
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// The URL path of a module: each element checked (letters, digits, `-._~` only, never `.` or
    /// `..`), then case-encoded. The `!` that encoding adds is sent as is, as the go command does;
    /// nothing else in the path needs escaping.
    static func path(of module: String) -> String? {
        let elements = module.split(separator: "/", omittingEmptySubsequences: false)
        guard elements.allSatisfy({ isPlainElement($0) }) else { return nil }
        return elements.map { caseEncoded(String($0)) }.joined(separator: "/")
    }

    /// An element (or a version) made only of what module paths allow, and not a dot segment.
    static func isPlainElement(_ text: some StringProtocol) -> Bool {
        RegistryPath.isPlain(text, allowing: "-._~+") && RegistryPath.isSafe(text)
    }

    struct Info: Decodable {
        var Version: String
        var Time: String?
    }

    /// Every release of `name`; nil when the registry does not know it.
    public func fetchReleases(of name: String) async throws(RegistryError) -> [Release]? {
        guard let path = Self.path(of: name) else { throw fetcher.failure(.invalidName, "\"\(name.prefix(100))\" is not a Go module path") }
        let root = "\(baseURL)/\(path)/@v"
        guard case .found(let body) = try await fetcher.get("\(root)/list", accept: "text/plain") else { return nil }
        let scheme = VersionScheme.for(.go)
        let listed = String(decoding: body, as: UTF8.self).split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { Self.isPlainElement($0) && scheme.parse($0) != nil }
        if listed.isEmpty {
            // No tags: `@latest` names the pseudo-version the go command would pick.
            guard case .found(let latest) = try await fetcher.get("\(baseURL)/\(path)/@latest") else { return [] }
            let info = try fetcher.decode(Info.self, from: latest, package: name)
            guard scheme.parse(info.Version) != nil else { throw fetcher.failure(.malformed, "@latest of \(name) names no version") }
            return [Release(version: info.Version, released: info.Time.flatMap(RegistryTimestamp.day))]
        }
        let unique = Array(Set(listed))
        let newestFirst = unique.sorted { lhs, rhs in
            guard let a = scheme.parse(lhs), let b = scheme.parse(rhs) else { return lhs > rhs }
            return a.compare(b) == .orderedDescending
        }
        let dated = try await days(of: Array(newestFirst.prefix(maxDatedVersions)), root: root, package: name)
        return newestFirst.map { Release(version: $0, released: dated[$0]) }
    }

    /// `.info` days of `versions`, a few requests at a time. A version whose `.info` is missing
    /// stays undated; an outage fails the lookup (a partial answer would be cached as if whole).
    private func days(of versions: [String], root: String, package: String) async throws(RegistryError) -> [String: CalendarDay] {
        let fetcher = self.fetcher
        let outcome: Result<[String: CalendarDay], RegistryError> = await withTaskGroup(of: Result<(String, CalendarDay?), RegistryError>.self) { group in
            var days: [String: CalendarDay] = [:]
            var pending = versions[...]
            func start(_ version: String) {
                group.addTask {
                    do throws(RegistryError) {
                        guard GoProxyClient.isPlainElement(version),
                              case .found(let body) = try await fetcher.get("\(root)/\(GoProxyClient.caseEncoded(version)).info")
                        else { return .success((version, nil)) }
                        let info = try? JSONDecoder().decode(Info.self, from: body)
                        return .success((version, info?.Time.flatMap(RegistryTimestamp.day)))
                    } catch {
                        return .failure(error)
                    }
                }
            }
            for _ in 0..<Self.concurrency {
                guard let version = pending.popFirst() else { break }
                start(version)
            }
            while let result = await group.next() {
                switch result {
                case .success((let version, let day)):
                    if let day { days[version] = day }
                case .failure(let error):
                    group.cancelAll()
                    return .failure(error)
                }
                if let version = pending.popFirst() { start(version) }
            }
            return .success(days)
        }
        return try outcome.get()
    }
}
