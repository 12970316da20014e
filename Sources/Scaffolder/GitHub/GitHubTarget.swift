import Catalog
import Foundation
import Secrets

/// The repository a GitHub action works on, checked before any request is made: GitHub is set
/// up, the `repoUrl` host is one of the allowed hosts, the names are names GitHub allows, and
/// there is a token.
struct GitHubTarget {
    let host: String
    let owner: String
    let repo: String
    let connection: GitHubConnection
    let token: Secret

    var api: GitHubAPI { GitHubAPI(connection: connection, token: token) }
    var fullName: String { "\(owner)/\(repo)" }

    init(_ context: ActionContext, action: String) throws {
        let repoUrl = try context.requiredString("repoUrl")
        let location: RepoURL
        do {
            location = try RepoURL(parsing: repoUrl)
        } catch {
            throw ScaffolderError("repoUrl \(repoUrl): \(error.message)")
        }
        guard let connection = context.services.github else {
            throw ScaffolderError("\(action) is not set up in this Backline (scaffolder.github in the configuration, GITHUB_TOKEN in the environment)")
        }
        let host = location.host.lowercased()
        let allowed = connection.settings.allowedHosts.map { $0.lowercased() }
        guard allowed.contains(host) else {
            throw ScaffolderError(
                "repoUrl names the host \(location.host), which is not an allowed GitHub host (allowed: \(allowed.joined(separator: ", "))); nothing was sent")
        }
        // Backstage's publish steps carry their own `allowedHosts`; honour it as a further limit.
        if let stepHosts = context.input["allowedHosts"]?.arrayValue?.compactMap(\.stringValue), !stepHosts.isEmpty,
            !stepHosts.map({ $0.lowercased() }).contains(host)
        {
            throw ScaffolderError("repoUrl names the host \(location.host), which the step's allowedHosts (\(stepHosts.joined(separator: ", "))) excludes")
        }
        guard let owner = location.owner, GitHubNames.isOwner(owner) else {
            throw ScaffolderError("repoUrl \(repoUrl): the owner \(location.owner ?? "") is not a GitHub user or organization name")
        }
        guard GitHubNames.isRepository(location.repo) else {
            throw ScaffolderError("repoUrl \(repoUrl): \(location.repo) is not a usable GitHub repository name (letters, digits, . - _)")
        }
        let given = context.string("token").flatMap { $0.isEmpty ? nil : Secret($0) }
        guard let token = given ?? connection.settings.token else {
            throw ScaffolderError("\(action) needs a GitHub token: set GITHUB_TOKEN in Backline's environment")
        }
        self.host = host
        self.owner = owner
        self.repo = location.repo
        self.connection = connection
        self.token = token
    }

    /// The `clone_url` GitHub returned, checked: http(s) without credentials, on the repository's
    /// host or the API's, and plain http only where the API itself is plain http (a test or a
    /// loopback proxy). The token goes only where this URL points.
    func cloneURL(_ text: String?) throws -> URL {
        try GitHubCloneTarget(host: host, connection: connection).cloneURL(text)
    }

    /// The environment git runs with, the token in a header scoped to `remote`'s origin.
    func gitEnvironment(_ base: [String: String], remote: URL) -> [String: String] {
        GitHubCloneTarget(host: host, connection: connection).gitEnvironment(base, remote: remote, token: token)
    }
}

extension Git {
    /// Runs git and returns its exit status (for commands such as `diff --quiet` whose status is
    /// the answer).
    func status(_ arguments: [String]) async throws -> Int32 {
        var environment = environment
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["GIT_ASKPASS"] = "true"
        switch await TimedProcess.run(["git"] + arguments, environment: environment, timeout: timeout) {
        case .success(let outcome): return outcome.status
        case .failure(.timedOut): throw ScaffolderError("git \(arguments.first ?? "") took longer than \(timeout) and was stopped")
        case .failure(.couldNotStart(let reason)): throw ScaffolderError("git could not start: \(reason)")
        }
    }

    /// Options that keep a repository's own configuration from running anything: no hooks, no
    /// `ext::` transport, no signing prompt.
    static let safeOptions = ["-c", "core.hooksPath=/dev/null", "-c", "protocol.ext.allow=never", "-c", "commit.gpgsign=false"]
}
