import Foundation
import Scaffolder
import Secrets

/// `scaffolder:` in the configuration: where templates publish.
public struct ScaffolderSettings: Sendable {
    /// `publish:github` and `publish:github:pull-request`: the API root, the hosts a template's
    /// `repoUrl` may name, and `GITHUB_TOKEN` (from the environment only).
    public var github = GitHubSettings()

    /// Defaults: github.com, no token.
    public init() {}
}

/// `scaffolder:` as written in the configuration file; every key optional.
struct ScaffolderFile: Decodable {
    struct GitHub: Decodable {
        var apiURL: String?
        var allowedHosts: [String]?
        var timeoutSeconds: Double?
    }
    var github: GitHub?

    /// The defaults with what the file sets. An API URL with credentials, a query or a scheme other
    /// than http(s) is refused: the token is sent there.
    func settings(file: String) throws -> ScaffolderSettings {
        var settings = ScaffolderSettings()
        guard let github else { return settings }
        func invalid(_ message: String) -> ConfigurationError { ConfigurationError(description: "\(file): scaffolder.github.\(message)") }
        if let url = github.apiURL {
            guard RegistryURLCheck.isHTTP(url) else {
                throw invalid("apiURL must be an http(s) URL without credentials, such as https://api.github.com or https://ghe.example.com/api/v3")
            }
            settings.github.apiBaseURL = url.hasSuffix("/") ? String(url.dropLast()) : url
        }
        if let hosts = github.allowedHosts {
            guard hosts.allSatisfy({ !$0.isEmpty && !$0.contains("/") && !$0.contains("?") }) else {
                throw invalid("allowedHosts must be host names such as github.com")
            }
            settings.github.allowedHosts = hosts
        }
        if let seconds = github.timeoutSeconds {
            guard seconds >= 1, seconds <= 600 else { throw invalid("timeoutSeconds must be between 1 and 600") }
            settings.github.timeout = .milliseconds(Int(seconds * 1000))
        }
        return settings
    }
}
