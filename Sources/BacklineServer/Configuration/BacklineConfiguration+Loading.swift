import Foundation
import Logging
import Scaffolder
import Secrets
import Slack
import TechHealth
import Yams

/// A configuration file or environment value that cannot be used; the message says what to set.
public struct ConfigurationError: Error, CustomStringConvertible, Sendable {
    /// What is wrong and how to fix it.
    public var description: String
}

extension BacklineConfiguration {
    /// The file's shape (`config/backline.yaml` documents every key).
    private struct File: Decodable {
        struct Server: Decodable { var host: String?; var port: Int?; var maxBodySize: Int? }
        struct Slack: Decodable { var apiURL: String?; var replyBudgetMilliseconds: Int? }
        struct Mattermost: Decodable { var serverURL: String? }
        struct OnCall: Decodable {
            var rotations: String?
            var incidentChannelPattern: String?
            var userGroups: Bool?
            var pagerCacheSeconds: Double?
            var pagerDutyURL: String?
            var opsgenieURL: String?
        }
        /// `catalog:` is either the list of sources or a mapping with `sources` and the refresh settings.
        struct Catalog: Decodable {
            var sources: [String]?
            var refreshSeconds: Double?
            var cloneDirectory: String?
            var gitTimeoutSeconds: Double?
            var maxWebhookBodySize: Int?

            private enum Keys: String, CodingKey { case sources, refreshSeconds, cloneDirectory, gitTimeoutSeconds, maxWebhookBodySize }

            init(from decoder: any Decoder) throws {
                if let list = try? decoder.singleValueContainer().decode([String].self) {
                    sources = list
                    return
                }
                let container = try decoder.container(keyedBy: Keys.self)
                sources = try container.decodeIfPresent([String].self, forKey: .sources)
                refreshSeconds = try container.decodeIfPresent(Double.self, forKey: .refreshSeconds)
                cloneDirectory = try container.decodeIfPresent(String.self, forKey: .cloneDirectory)
                gitTimeoutSeconds = try container.decodeIfPresent(Double.self, forKey: .gitTimeoutSeconds)
                maxWebhookBodySize = try container.decodeIfPresent(Int.self, forKey: .maxWebhookBodySize)
            }
        }
        struct Health: Decodable {
            var releases: String?
            var eol: String?
            var policy: String?
            var scorecards: String?
            var cloneSourceLocations: Bool?
            var docsMaxCodeCommits: Int?
            var docsMaxCodeDays: Int?
            var registries: Registries?
        }
        /// `health.registries`: online release data.
        struct Registries: Decodable {
            var enabled: Bool?
            var ttlSeconds: Double?
            var retrySeconds: Double?
            var timeoutSeconds: Double?
            var maxResponseBytes: Int?
            var gitTimeoutSeconds: Double?
            var ecosystems: [String]?
            var urls: [String: String]?
        }
        struct Logging: Decodable { var format: String?; var level: String? }
        var server: Server?
        var logging: Logging?
        var health: Health?
        var database: String?
        var catalog: Catalog?
        var commands: String?
        var slack: Slack?
        var mattermost: Mattermost?
        var oncall: OnCall?
        var outbox: OutboxFile?
        var digests: DigestsFile?
        var scaffolder: ScaffolderFile?
    }

    /// Reads a YAML configuration file (when given) and the environment's secrets.
    /// - Parameters:
    ///   - file: the YAML file; relative paths inside it resolve against its folder.
    ///   - environment: where secrets come from (`SLACK_SIGNING_SECRET`, `SLACK_BOT_TOKEN`, ...).
    public static func load(file: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> BacklineConfiguration {
        var configuration = BacklineConfiguration()
        if let file {
            let url = URL(fileURLWithPath: file)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw ConfigurationError(description: "\(file): cannot read the configuration file")
            }
            let decoded: File
            do {
                decoded = try YAMLDecoder().decode(File.self, from: text)
            } catch {
                throw ConfigurationError(description: "\(file): \(error)")
            }
            let base = url.deletingLastPathComponent()
            func resolve(_ path: String) -> String {
                path.hasPrefix("/") || path.contains("://") || path.hasPrefix("git") ? path : base.appendingPathComponent(path).standardizedFileURL.path
            }
            if let host = decoded.server?.host { configuration.host = host }
            if let port = decoded.server?.port { configuration.port = port }
            if let size = decoded.server?.maxBodySize { configuration.maxBodySize = size }
            configuration.databasePath = decoded.database.map(resolve)
            configuration.catalogPaths = (decoded.catalog?.sources ?? []).map(resolve)
            if let catalog = decoded.catalog {
                if let seconds = catalog.refreshSeconds {
                    guard seconds == 0 || seconds >= 1 else {
                        throw ConfigurationError(description: "\(file): catalog.refreshSeconds must be 0 (off) or at least 1")
                    }
                    configuration.catalog.refreshSeconds = seconds
                }
                configuration.catalog.cloneDirectory = catalog.cloneDirectory.map { URL(fileURLWithPath: resolve($0)) }
                if let seconds = catalog.gitTimeoutSeconds {
                    guard seconds > 0 else { throw ConfigurationError(description: "\(file): catalog.gitTimeoutSeconds must be positive") }
                    configuration.catalog.gitTimeoutSeconds = seconds
                }
                if let size = catalog.maxWebhookBodySize { configuration.catalog.maxWebhookBodySize = size }
            }
            if let commands = decoded.commands { configuration.commandsDirectory = URL(fileURLWithPath: resolve(commands)) }
            if let apiURL = decoded.slack?.apiURL { configuration.slack.apiURL = apiURL }
            if let budget = decoded.slack?.replyBudgetMilliseconds {
                guard (100...2900).contains(budget) else {
                    throw ConfigurationError(description: "\(file): slack.replyBudgetMilliseconds must be between 100 and 2900 (Slack waits 3000 ms)")
                }
                configuration.slack.replyBudget = .milliseconds(budget)
            }
            configuration.mattermost.serverURL = decoded.mattermost?.serverURL
            if let logging = decoded.logging { try apply(logging, to: &configuration.logging, file: file) }
            if let health = decoded.health {
                try apply(health, to: &configuration.health, file: file, resolve: resolve)
            }
            try applyDelivery(decoded, to: &configuration, file: file)
            if let oncall = decoded.oncall {
                configuration.oncall.rotationsDirectory = oncall.rotations.map { URL(fileURLWithPath: resolve($0)) }
                if let pattern = oncall.incidentChannelPattern { configuration.oncall.incidentChannelPattern = pattern }
                if let keep = oncall.userGroups { configuration.oncall.keepUserGroups = keep }
                if let seconds = oncall.pagerCacheSeconds {
                    guard seconds >= 0 else { throw ConfigurationError(description: "\(file): oncall.pagerCacheSeconds must not be negative") }
                    configuration.oncall.pagerCacheSeconds = seconds
                }
                if let url = oncall.pagerDutyURL { configuration.oncall.pagerDutyURL = url }
                if let url = oncall.opsgenieURL { configuration.oncall.opsgenieURL = url }
            }
        }
        configuration.applySecrets(from: environment)
        configuration.tracing = try TracingSettings(environment: environment)
        return configuration
    }

    /// Reads `outbox:` and `digests:` from the same file (their own decoding, so this stays apart
    /// from the sections above).
    private static func applyDelivery(_ decoded: File, to configuration: inout BacklineConfiguration, file: String) throws {
        if let outbox = decoded.outbox { configuration.outbox = try outbox.settings(file: file) }
        if let digests = decoded.digests { configuration.digests = try digests.settings(file: file) }
        if let scaffolder = decoded.scaffolder { configuration.scaffolder = try scaffolder.settings(file: file) }
    }

    /// `logging:`: the format and level, checked against the values that exist.
    private static func apply(_ logging: File.Logging, to settings: inout LoggingSettings, file: String) throws {
        if let format = logging.format {
            guard let value = LoggingSettings.Format(rawValue: format) else {
                throw ConfigurationError(description: "\(file): logging.format must be text or json, not \"\(format)\"")
            }
            settings.format = value
        }
        if let level = logging.level {
            guard let value = Logger.Level(rawValue: level) else {
                let levels = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
                throw ConfigurationError(description: "\(file): logging.level must be one of \(levels), not \"\(level)\"")
            }
            settings.level = value
        }
    }

    /// `health:`: file paths relative to the configuration file, and the harvest's settings.
    private static func apply(_ health: File.Health, to settings: inout HealthSettings, file: String, resolve: (String) -> String) throws {
        if let path = health.releases { settings.releases = URL(fileURLWithPath: resolve(path)) }
        if let path = health.eol { settings.eol = URL(fileURLWithPath: resolve(path)) }
        if let path = health.policy { settings.policy = URL(fileURLWithPath: resolve(path)) }
        if let path = health.scorecards { settings.scorecards = URL(fileURLWithPath: resolve(path)) }
        if let clone = health.cloneSourceLocations { settings.cloneSourceLocations = clone }
        if let commits = health.docsMaxCodeCommits {
            guard commits >= 0 else { throw ConfigurationError(description: "\(file): health.docsMaxCodeCommits must not be negative") }
            settings.docsMaxCodeCommits = commits
        }
        if let days = health.docsMaxCodeDays {
            guard days >= 0 else { throw ConfigurationError(description: "\(file): health.docsMaxCodeDays must not be negative") }
            settings.docsMaxCodeDays = days
        }
        if let registries = health.registries { try apply(registries, to: &settings.registries, file: file) }
    }

    /// `health.registries`: which registries, where, and how long answers are kept.
    private static func apply(_ registries: File.Registries, to settings: inout RegistrySettings, file: String) throws {
        func invalid(_ message: String) -> ConfigurationError { ConfigurationError(description: "\(file): health.registries.\(message)") }
        if let enabled = registries.enabled { settings.enabled = enabled }
        if let seconds = registries.ttlSeconds {
            guard seconds >= 0, seconds.isFinite else { throw invalid("ttlSeconds must not be negative") }
            settings.ttl = seconds
        }
        if let seconds = registries.retrySeconds {
            guard seconds >= 0, seconds.isFinite else { throw invalid("retrySeconds must not be negative") }
            settings.retryAfterFailure = seconds
        }
        if let seconds = registries.timeoutSeconds {
            guard seconds > 0, seconds <= 600 else { throw invalid("timeoutSeconds must be between 0 and 600") }
            settings.limits.timeout = .milliseconds(Int64(seconds * 1000))
        }
        if let seconds = registries.gitTimeoutSeconds {
            guard seconds > 0, seconds <= 600 else { throw invalid("gitTimeoutSeconds must be between 0 and 600") }
            settings.gitTimeout = .milliseconds(Int64(seconds * 1000))
        }
        if let bytes = registries.maxResponseBytes {
            guard bytes >= 1024 else { throw invalid("maxResponseBytes must be at least 1024") }
            settings.limits.maxResponseBytes = bytes
        }
        if let names = registries.ecosystems {
            var chosen = Set<Ecosystem>()
            for name in names {
                guard let ecosystem = Ecosystem(rawValue: name), RegistrySettings.supported.contains(ecosystem) else {
                    let known = RegistrySettings.supported.map(\.rawValue).sorted().joined(separator: ", ")
                    throw invalid("ecosystems: no registry client for \"\(name)\" (known: \(known))")
                }
                chosen.insert(ecosystem)
            }
            settings.ecosystems = chosen
        }
        for (key, value) in registries.urls ?? [:] {
            let url = value.trimmingCharacters(in: .whitespaces)
            if key == "mavenSearch" {
                // An empty value turns the search off (a mirror without one): Maven versions stay undated.
                if url.isEmpty {
                    settings.mavenSearchURL = nil
                } else {
                    guard RegistryURLCheck.isHTTP(url) else { throw invalid("urls.mavenSearch must be an http(s) URL without credentials") }
                    settings.mavenSearchURL = url
                }
                continue
            }
            guard let ecosystem = Ecosystem(rawValue: key), RegistrySettings.supported.contains(ecosystem) else {
                throw invalid("urls: unknown registry \"\(key)\" (known: npm, pypi, maven, mavenSearch, go, cargo, rubygems, swift)")
            }
            let valid = ecosystem == .swift ? RegistryURLCheck.isGitPrefix(url) : RegistryURLCheck.isHTTP(url)
            guard valid else {
                throw invalid(ecosystem == .swift
                    ? "urls.swift must be a git URL prefix such as https:// or file:///srv/mirrors/"
                    : "urls.\(key) must be an http(s) URL without credentials")
            }
            settings.baseURLs[ecosystem] = url
        }
    }

    /// Secrets only ever come from the environment, never from files or flags.
    mutating func applySecrets(from environment: [String: String]) {
        func value(_ name: String) -> String? {
            guard let value = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
            return value
        }
        if let url = value("SLACK_API_URL") { slack.apiURL = url }
        slack.signingSecret = value("SLACK_SIGNING_SECRET").map(Secret.init)
        slack.botToken = value("SLACK_BOT_TOKEN").map(SlackToken.init)
        slack.appToken = value("SLACK_APP_TOKEN").map(SlackToken.init)
        mattermost.commandTokens = value("MATTERMOST_COMMAND_TOKENS")?.split(separator: ",").compactMap { token in
            let trimmed = token.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty ? nil : Secret(trimmed)
        } ?? []
        mattermost.botToken = value("MATTERMOST_BOT_TOKEN").map(Secret.init)
        mattermost.incomingWebhookURL = value("MATTERMOST_WEBHOOK_URL").map(Secret.init)
        oncall.pagerDutyToken = value("PAGERDUTY_TOKEN").map(Secret.init)
        oncall.opsgenieAPIKey = value("OPSGENIE_API_KEY").map(Secret.init)
        catalog.githubWebhookSecret = value("GITHUB_WEBHOOK_SECRET").map(Secret.init)
        catalog.gitlabWebhookToken = value("GITLAB_WEBHOOK_TOKEN").map(Secret.init)
        scaffolder.github.token = value("GITHUB_TOKEN").map(Secret.init)
    }

    /// What works and what does not with these credentials, one line each, for the start-up log.
    /// Names the missing settings; never prints a secret.
    public var capabilities: [String] {
        var lines: [String] = []
        lines.append(slack.signingSecret != nil
            ? "Slack HTTP: /slack/commands, /slack/events and /slack/interactivity verify signatures"
            : "Slack HTTP: SLACK_SIGNING_SECRET is not set, so every request to /slack/* is refused with 401")
        lines.append(slack.botToken != nil
            ? "Slack Web API: bot token set (\(slack.apiURL))"
            : "Slack Web API: SLACK_BOT_TOKEN is not set; replies still go inline and through response_url, but nothing is posted on Backline's own initiative")
        lines.append(slack.appToken != nil
            ? "Slack Socket Mode: on (SLACK_APP_TOKEN set)"
            : "Slack Socket Mode: off (set SLACK_APP_TOKEN to dial out from behind a firewall)")
        lines.append(mattermost.commandTokens.isEmpty
            ? "Mattermost: MATTERMOST_COMMAND_TOKENS is not set, so /mattermost/commands refuses every request"
            : "Mattermost: /mattermost/commands accepts \(mattermost.commandTokens.count) command token(s)")
        lines.append(catalog.refreshSeconds > 0
            ? "Catalog: every source is refreshed every \(Int(catalog.refreshSeconds)) s"
            : "Catalog: the refresh interval is off (catalog.refreshSeconds: 0); only push webhooks refresh")
        lines.append("Push webhooks: GitHub \(catalog.githubWebhookSecret == nil ? "off (set GITHUB_WEBHOOK_SECRET)" : "on (/webhooks/github)"), GitLab \(catalog.gitlabWebhookToken == nil ? "off (set GITLAB_WEBHOOK_TOKEN)" : "on (/webhooks/gitlab)")")
        lines.append("Pagers: PagerDuty \(oncall.pagerDutyToken == nil ? "off (set PAGERDUTY_TOKEN)" : "on (\(oncall.pagerDutyURL))"), Opsgenie \(oncall.opsgenieAPIKey == nil ? "off (set OPSGENIE_API_KEY)" : "on (\(oncall.opsgenieURL))")")
        lines.append(tracing.capability)
        return lines
    }
}
