import Catalog
import Foundation

/// Swift packages' releases as their git repositories' tags (`git ls-remote --tags --refs`), the
/// way SwiftPM itself finds versions.
///
/// The package name (`github.com/apple/swift-log`) is appended to the base (`https://` by
/// default; `file:///srv/mirrors/` for a local mirror), each path element checked and escaped.
/// `ls-remote` gives no dates, so releases are undated: versions behind are known, libyears are
/// not. git runs through ``TimedProcess`` with a deadline, no prompt, no system configuration and
/// only the transport protocols a registry needs.
public struct GitTagsClient: RegistryClient {
    /// Repositories are reached over HTTPS by their name.
    public static let defaultBaseURL = "https://"
    /// Tags read at most (a repository with more is hostile or a monorepo).
    static let maxTags = 20_000
    /// Bytes of `ls-remote` output read at most.
    static let maxOutputBytes = 8 << 20

    /// The ecosystem it answers for.
    public let ecosystem = Ecosystem.swift
    /// The prefix package names are appended to.
    public let baseURL: String
    /// How long one `ls-remote` may take.
    public let timeout: Duration
    /// The git executable and any leading arguments.
    let command: [String]

    /// Creates a client.
    public init(baseURL: String = GitTagsClient.defaultBaseURL, timeout: Duration = .seconds(30), command: [String] = ["git"]) {
        self.baseURL = baseURL
        self.timeout = timeout
        self.command = command
    }

    private func failure(_ kind: RegistryError.Kind, _ reason: String) -> RegistryError {
        RegistryError(registry: "git", kind: kind, reason: reason)
    }

    /// The repository URL of a package name: the base, then its path elements escaped.
    func repositoryURL(of name: String) -> String? {
        let elements = name.split(separator: "/", omittingEmptySubsequences: false)
        // No element may look like an option to git or reach outside the base.
        guard elements.allSatisfy({ RegistryPath.isPlain($0, allowing: "-._~") && RegistryPath.isSafe($0) && !$0.hasPrefix("-") }),
              let path = RegistryPath.segments(elements)
        else { return nil }
        let base = baseURL.hasSuffix("/") || baseURL.hasSuffix("://") ? baseURL : baseURL + "/"
        return base + path
    }

    /// Every release of `name`; nil when the registry does not know it.
    public func fetchReleases(of name: String) async throws(RegistryError) -> [Release]? {
        guard let url = repositoryURL(of: name) else { throw failure(.invalidName, "\"\(name.prefix(100))\" is not a package location") }
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("backline-lsremote-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        let options = ["-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null", "-c", "credential.helper="]
        let outcome = await TimedProcess.run(
            command + options + ["ls-remote", "--tags", "--refs", "--", url], environment: Self.environment(), timeout: timeout,
            standardOutputPath: outputPath)
        switch outcome {
        case .failure(.couldNotStart(let reason)):
            throw failure(.unreachable, "git could not start (\(reason.prefix(200)))")
        case .failure(.timedOut):
            throw failure(.unreachable, "no answer within \(timeout)")
        case .success(let run) where run.status != 0:
            let message = run.standardError.trimmingCharacters(in: .whitespacesAndNewlines)
            // "Repository not found" / "does not appear to be a git repository": no such package.
            let lower = message.lowercased()
            if lower.contains("not found") || lower.contains("does not appear to be a git repository") || lower.contains("does not exist")
                // A forge asks for credentials for a repository that does not exist (or is private).
                || lower.contains("terminal prompts disabled") || lower.contains("could not read username") {
                return nil
            }
            throw failure(.unreachable, "ls-remote failed (\(message.isEmpty ? "exit status \(run.status)" : String(message.prefix(200))))")
        case .success:
            guard let handle = FileHandle(forReadingAtPath: outputPath) else { throw failure(.malformed, "no output from ls-remote") }
            defer { try? handle.close() }
            let data = (try? handle.read(upToCount: Self.maxOutputBytes + 1)) ?? Data()
            guard data.count <= Self.maxOutputBytes else { throw failure(.tooLarge, "ls-remote printed more than \(Self.maxOutputBytes) bytes") }
            return Self.releases(inListing: String(decoding: data, as: UTF8.self))
        }
    }

    /// `<sha>\trefs/tags/<tag>` lines → releases for the tags that are versions.
    static func releases(inListing text: String) -> [Release] {
        let scheme = VersionScheme.for(.swift)
        var releases: [Release] = []
        for line in text.split(whereSeparator: \.isNewline).prefix(maxTags) {
            guard let tab = line.firstIndex(of: "\t") else { continue }
            let reference = line[line.index(after: tab)...]
            guard reference.hasPrefix("refs/tags/") else { continue }
            let tag = String(reference.dropFirst("refs/tags/".count))
            guard tag.count <= 128, scheme.parse(tag) != nil else { continue }
            releases.append(Release(version: tag))
        }
        return releases
    }

    /// Built from scratch: nothing of the server's own git environment applies, no prompt waits
    /// for a person, and only network and file transports are allowed (no `ext::` commands).
    static func environment() -> [String: String] {
        let inherited = ProcessInfo.processInfo.environment
        var environment: [String: String] = [
            "PATH": inherited["PATH"] ?? "/usr/local/bin:/usr/bin:/bin",
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_TERMINAL_PROMPT": "0",
            "GIT_ASKPASS": "/bin/false",
            "SSH_ASKPASS": "/bin/false",
            "GIT_SSH_COMMAND": "ssh -o BatchMode=yes",
            "GIT_ALLOW_PROTOCOL": "https:http:ssh:git:file",
            "LC_ALL": "C",
        ]
        if let home = inherited["HOME"] { environment["HOME"] = home }
        if let global = inherited["GIT_CONFIG_GLOBAL"] { environment["GIT_CONFIG_GLOBAL"] = global }
        return environment
    }
}
