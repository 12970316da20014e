import Catalog
import Foundation
import Secrets

/// A folder or file that `fetch:*` names by a GitHub web URL
/// (`https://github.com/OWNER/REPO/tree/REF/PATH`, `…/blob/REF/PATH`, or the repository itself),
/// as Backstage's samples do. Only hosts in `scaffolder.github.allowedHosts` are fetched: the
/// repository is looked up through the API, cloned (shallow, one branch) from the `clone_url` it
/// returned into a temporary folder, and the path inside it is used like a local skeleton. The
/// token, when there is one, travels as for publishing (never in a URL or on a command line).
struct GitHubFetch {
    /// The local copy and how to remove it.
    struct Fetched {
        let url: URL
        let folder: URL
        func remove() { try? FileManager.default.removeItem(at: folder) }
    }

    let host: String
    let owner: String
    let repo: String
    let ref: String?
    let path: String

    /// Reads `text`; nil when it is not a URL of an allowed GitHub host.
    init?(_ text: String, settings: GitHubSettings) throws {
        guard let components = URLComponents(string: text), components.scheme?.lowercased() == "https", let host = components.host?.lowercased(),
            settings.allowedHosts.map({ $0.lowercased() }).contains(host)
        else { return nil }
        guard components.user == nil, components.password == nil, components.query == nil else {
            throw ScaffolderError("\(text): a GitHub URL with credentials or a query is not fetched")
        }
        let parts = components.path.split(separator: "/").map(String.init)
        guard parts.count >= 2, GitHubNames.isOwner(parts[0]), GitHubNames.isRepository(parts[1]) else {
            throw ScaffolderError("\(text): expected https://\(host)/OWNER/REPO/tree/BRANCH/PATH")
        }
        self.host = host
        owner = parts[0]
        repo = parts[1]
        if parts.count >= 4, parts[2] == "tree" || parts[2] == "blob" {
            guard GitHubNames.isBranch(parts[3]) else { throw ScaffolderError("\(text): \(parts[3]) is not a usable branch name") }
            ref = parts[3]
            path = try Workspace.normalize(parts.dropFirst(4).joined(separator: "/"))
        } else if parts.count == 2 {
            ref = nil
            path = ""
        } else {
            throw ScaffolderError("\(text): expected https://\(host)/OWNER/REPO/tree/BRANCH/PATH")
        }
    }

    /// Clones the branch and returns the path's local copy; the caller removes it.
    func fetch(_ context: ActionContext, connection: GitHubConnection, original: String) async throws -> Fetched {
        let api = GitHubAPI(connection: connection, token: connection.settings.token)
        let repository = try await api.repository(owner: owner, name: repo)
        let branch = ref ?? repository["default_branch"]?.stringValue ?? "main"
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("backline-fetch-\(UUID().uuidString)")
        do {
            let target = GitHubCloneTarget(host: host, connection: connection)
            let remote = try target.cloneURL(repository["clone_url"]?.stringValue)
            let environment = connection.settings.token.map { target.gitEnvironment(context.services.environment, remote: remote, token: $0) }
                ?? context.services.environment
            let git = Git(directory: folder, environment: environment, timeout: context.services.gitTimeout)
            try await git.run(
                Git.safeOptions + ["clone", "-q", "--depth", "1", "--no-tags", "--branch", branch, "--", remote.absoluteString, folder.path],
                what: "git clone of \(owner)/\(repo)")
            // Through a Workspace on the clone, so a symbolic link in the repository cannot lead out.
            let url = try Workspace(root: folder).resolve(path.isEmpty ? "." : path)
            guard FileManager.default.fileExists(atPath: url.path) else { throw ScaffolderError("\(original): \(path) does not exist on \(branch)") }
            context.log.info("fetched \(owner)/\(repo)@\(branch)\(path.isEmpty ? "" : "/" + path) from GitHub")
            return Fetched(url: url, folder: folder)
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
    }
}

/// The checks and git environment ``GitHubTarget`` applies to a clone URL, for a host alone.
struct GitHubCloneTarget {
    let host: String
    let connection: GitHubConnection

    func cloneURL(_ text: String?) throws -> URL {
        let apiHost = URLComponents(string: connection.settings.apiBaseURL)?.host?.lowercased()
        let apiIsPlain = connection.settings.apiBaseURL.lowercased().hasPrefix("http://")
        guard let text, let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "https" || (scheme == "http" && apiIsPlain), let urlHost = components.host?.lowercased(),
            urlHost == host || urlHost == apiHost, components.user == nil, components.password == nil, components.query == nil,
            let url = components.url
        else {
            throw ScaffolderError("GitHub returned the clone URL \(text ?? "(none)"), which is not an https URL on \(host); nothing was sent to it")
        }
        return url
    }

    /// The token as an `Authorization` header scoped to `remote`'s origin, through `GIT_CONFIG_*`
    /// variables rather than the command line (visible to every user in `ps`) or the remote URL
    /// (kept in `.git/config` and in error messages); redirects are not followed.
    func gitEnvironment(_ base: [String: String], remote: URL, token: Secret) -> [String: String] {
        var environment = base
        var index = Int(environment["GIT_CONFIG_COUNT"] ?? "") ?? 0
        func add(_ key: String, _ value: String) {
            environment["GIT_CONFIG_KEY_\(index)"] = key
            environment["GIT_CONFIG_VALUE_\(index)"] = value
            index += 1
        }
        var origin = URLComponents()
        origin.scheme = remote.scheme
        origin.host = remote.host
        origin.port = remote.port
        origin.path = "/"
        let basic = Data("x-access-token:\(token.revealed)".utf8).base64EncodedString()
        add("http.\(origin.string ?? "").extraHeader", "Authorization: Basic \(basic)")
        add("http.followRedirects", "false")
        environment["GIT_CONFIG_COUNT"] = String(index)
        return environment
    }
}
