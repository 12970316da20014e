import Foundation
import Secrets

/// Where Backline publishes to GitHub, and with which credential.
///
/// One GitHub: github.com (API at `https://api.github.com`) or a GitHub Enterprise Server (API at
/// `https://HOST/api/v3`). A template's `repoUrl` must name one of `allowedHosts`; anything else is
/// refused before a single request is made, so a template cannot send the token elsewhere.
public struct GitHubSettings: Sendable {
    /// The REST API root, without a trailing slash.
    public var apiBaseURL: String
    /// The hosts a `repoUrl` may name (`github.com`, `ghe.example.com`).
    public var allowedHosts: [String]
    /// `GITHUB_TOKEN`: a personal access token or an app installation token. Never logged, never
    /// kept in a run, never on a git command line or in a remote URL.
    public var token: Secret?
    /// How long one API request may take.
    public var timeout: Duration
    /// The largest API answer read.
    public var maxResponseBytes: Int

    /// Defaults: github.com, no token, 30 s per request, answers up to 1 MiB.
    public init(
        apiBaseURL: String = "https://api.github.com", allowedHosts: [String] = ["github.com"], token: Secret? = nil,
        timeout: Duration = .seconds(30), maxResponseBytes: Int = 1 << 20
    ) {
        self.apiBaseURL = apiBaseURL.hasSuffix("/") ? String(apiBaseURL.dropLast()) : apiBaseURL
        self.allowedHosts = allowedHosts
        self.token = token
        self.timeout = timeout
        self.maxResponseBytes = maxResponseBytes
    }

    /// The API root GitHub Enterprise Server serves for `host`.
    public static func enterpriseAPI(host: String) -> String { "https://\(host)/api/v3" }
}

/// GitHub as the actions reach it: the settings and the transport that carries their requests.
public struct GitHubConnection: Sendable {
    /// Where and with which token.
    public var settings: GitHubSettings
    /// How requests travel.
    public var transport: any GitHubTransport

    /// Creates a connection.
    public init(settings: GitHubSettings, transport: any GitHubTransport) {
        self.settings = settings
        self.transport = transport
    }
}
