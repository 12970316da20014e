import Foundation
import Secrets
import Slack

/// Everything `backline serve` needs, loaded once at the edge: the YAML file, then command-line
/// overrides, with secrets only from the environment.
///
/// ```swift
/// var configuration = try BacklineConfiguration.load(file: "config/backline.yaml")
/// configuration.port = 8080
/// let app = try await buildApplication(configuration: configuration)
/// ```
public struct BacklineConfiguration: Sendable {
    /// Address to listen on.
    public var host = "127.0.0.1"
    /// Port to listen on.
    public var port = 8080
    /// Largest request body accepted, in bytes (Slack payloads are a few KiB).
    public var maxBodySize = 1 << 20
    /// SQLite file for the catalog and the service's own state; nil keeps everything in memory.
    public var databasePath: String?
    /// Catalog sources ingested at start-up and refreshed while the service runs.
    public var catalogPaths: [String] = []
    /// How the catalog is kept up to date: the refresh interval, kept clones, push webhooks.
    public var catalog = CatalogSettings()
    /// Where the command specs are.
    public var commandsDirectory: URL
    /// Where the bundled demo catalog is (used when neither a database nor catalog paths are set).
    public var demoCatalogDirectory: URL
    /// The folders of golden-path templates `/template` offers (default: the bundled `config/templates`).
    public var templateDirectories: [URL]
    /// Slack settings.
    public var slack = SlackSettings()
    /// Mattermost settings.
    public var mattermost = MattermostSettings()
    /// Goalie rotations, pagers and incidents.
    public var oncall = OnCallSettings()
    /// Tech health: where the release, end-of-life, policy and scorecard files are, and how
    /// components' sources are harvested.
    public var health: HealthSettings
    /// How the outbox delivers proactive messages: pace, retries, leases.
    public var outbox = OutboxSettings()
    /// When weekly digests are scheduled.
    public var digests = DigestSettings()
    /// How lines are logged: text or JSON, and the level.
    public var logging = LoggingSettings()
    /// Whether and where traces go (`OTEL_*` environment variables; off by default).
    public var tracing = TracingSettings()
    /// Where templates publish (`publish:github`).
    public var scaffolder = ScaffolderSettings()

    /// Defaults: loopback, port 8080, bundled commands, demo catalog and health files, no credentials.
    public init(paths: BacklinePaths = .discover()) {
        commandsDirectory = paths.commands
        demoCatalogDirectory = paths.demoCatalog
        templateDirectories = [paths.templates]
        health = HealthSettings(paths: paths)
    }
}

/// How `serve` keeps the catalog in step with its sources (`docs/live-catalog.md`).
public struct CatalogSettings: Sendable {
    /// Seconds between refreshes of every source; 0 turns the interval off (webhooks still refresh).
    public var refreshSeconds: Double = 60
    /// Where git sources are kept between refreshes; nil keeps them beside the database file
    /// (`<database>.clones`), or in a temporary folder when there is no database file.
    public var cloneDirectory: URL?
    /// How long one git clone or fetch may take, in seconds.
    public var gitTimeoutSeconds: Double = 120
    /// Largest webhook body accepted, in bytes (GitHub sends at most 25 MB; pushes are far smaller).
    public var maxWebhookBodySize = 5 << 20
    /// `GITHUB_WEBHOOK_SECRET`: checks `X-Hub-Signature-256`. Without it `/webhooks/github` refuses
    /// every request.
    public var githubWebhookSecret: Secret?
    /// `GITLAB_WEBHOOK_TOKEN`: compared with `X-Gitlab-Token`. Without it `/webhooks/gitlab`
    /// refuses every request.
    public var gitlabWebhookToken: Secret?

    /// Defaults: every 60 s, clones beside the database, no webhook secrets.
    public init() {}

    /// Where git sources are kept: the configured folder, else `<database>.clones`, else a new
    /// temporary folder (an in-memory catalog starts from scratch anyway).
    public func resolvedCloneDirectory(database: String?) -> URL {
        if let cloneDirectory { return cloneDirectory }
        if let database { return URL(fileURLWithPath: database + ".clones") }
        return FileManager.default.temporaryDirectory.appendingPathComponent("backline-clones-\(UUID().uuidString)")
    }
}

/// How Backline talks to Slack.
public struct SlackSettings: Sendable {
    /// Web API base URL: `https://slack.com/api`, GovSlack's, a proxy's or a local fake's.
    public var apiURL = SlackWebAPIClient.defaultBaseURL
    /// How long a command may take before Slack is acknowledged with "working on it" and the
    /// answer follows through `response_url`. Slack allows 3 s in total.
    public var replyBudget: Duration = .milliseconds(2500)
    /// `SLACK_SIGNING_SECRET`: verifies HTTP requests. Without it every Slack request is refused.
    public var signingSecret: Secret?
    /// `SLACK_BOT_TOKEN` (`xoxb-…`): Web API calls.
    public var botToken: SlackToken?
    /// `SLACK_APP_TOKEN` (`xapp-…`): Socket Mode. When set, Backline also dials out over Socket Mode.
    public var appToken: SlackToken?

    /// No credentials, the public Slack API.
    public init() {}
}

/// How Backline talks to Mattermost.
public struct MattermostSettings: Sendable {
    /// `MATTERMOST_COMMAND_TOKENS` (comma-separated): the tokens Mattermost sends with slash
    /// commands. Without one, `/mattermost/commands` refuses every request.
    public var commandTokens: [Secret] = []
    /// The Mattermost server, e.g. `https://chat.example.com`, for REST posts.
    public var serverURL: String?
    /// `MATTERMOST_BOT_TOKEN`: posts through the REST API (`POST /api/v4/posts`).
    public var botToken: Secret?
    /// `MATTERMOST_WEBHOOK_URL`: an incoming webhook, used when there is no bot token. Its URL is
    /// the credential (anyone who has it can post), so it is a secret too.
    public var incomingWebhookURL: Secret?

    /// Nothing configured.
    public init() {}
}

/// Goalies, pagers and incidents (`docs/oncall.md`).
public struct OnCallSettings: Sendable {
    /// Where rotation files are; nil looks for a `rotations` folder in each local catalog directory.
    public var rotationsDirectory: URL?
    /// Channel names that open an incident when created; `*` is any run of characters.
    public var incidentChannelPattern = "inc-*"
    /// Whether to keep a `@<team>-goalie` Slack user group per team (needs `usergroups:write`).
    public var keepUserGroups = true
    /// How long a pager's answer is reused before asking again, in seconds.
    public var pagerCacheSeconds: Double = 60
    /// PagerDuty's API root.
    public var pagerDutyURL = "https://api.pagerduty.com"
    /// `PAGERDUTY_TOKEN`: a read-only REST API key. Without it, PagerDuty schedules are not asked.
    public var pagerDutyToken: Secret?
    /// Opsgenie's API root (`https://api.eu.opsgenie.com` for EU accounts).
    public var opsgenieURL = "https://api.opsgenie.com"
    /// `OPSGENIE_API_KEY`: an API integration key with read access.
    public var opsgenieAPIKey: Secret?

    /// Defaults: rotations next to the catalog, `inc-*`, user groups on, no pagers.
    public init() {}
}
