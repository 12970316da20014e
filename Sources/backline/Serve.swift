import ArgumentParser
import BacklineServer
import Foundation
import Hummingbird
import Logging

/// `backline serve`: the chat service.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the chat service: Slack (HTTP and Socket Mode) and Mattermost.",
        discussion: """
            Settings come from the YAML file (see config/backline.yaml), then these flags. Secrets \
            only come from the environment:
              SLACK_SIGNING_SECRET   verifies Slack HTTP requests (without it, /slack/* answers 401)
              SLACK_BOT_TOKEN        Web API calls (xoxb-…)
              SLACK_APP_TOKEN        turns on Socket Mode (xapp-…)
              SLACK_API_URL          Slack API base URL (default https://slack.com/api)
              MATTERMOST_COMMAND_TOKENS, MATTERMOST_BOT_TOKEN, MATTERMOST_WEBHOOK_URL
            Without --db, --catalog or a config file, it serves the bundled demo catalog from memory.

            Example:
              SLACK_SIGNING_SECRET=… backline serve --config config/backline.yaml --port 8080
            """)

    @Option(name: .long, help: ArgumentHelp("YAML configuration file.", valueName: "file"))
    var config: String?

    @Option(name: .long, help: "Address to listen on (default 127.0.0.1).")
    var host: String?

    @Option(name: .long, help: "Port to listen on (default 8080).")
    var port: Int?

    @OptionGroup var catalogOptions: CatalogOptions

    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error, critical (default: logging.level in the file, else info).")
    var logLevel: Logger.Level?

    @Option(name: .long, help: "Log format: text or json, one object per line (default: logging.format in the file, else text).")
    var logFormat: LoggingSettings.Format?

    func run() async throws {
        var configuration = try catalogOptions.configuration(file: config)
        if let host { configuration.host = host }
        if let port { configuration.port = port }
        if let logLevel { configuration.logging.level = logLevel }
        if let logFormat { configuration.logging.format = logFormat }
        let logging = configuration.logging
        // With traces on, every line written during a trace names it (trace_id, span_id).
        let traceIDs = configuration.tracing.isEnabled ? BacklineTracing.logMetadataProvider : nil
        LoggingSystem.bootstrap { label in logging.makeHandler(label: label, metadataProvider: traceIDs) }
        // Listens at once; the catalog sources are read in the background (/readyz waits for them).
        let app = try await buildApplication(configuration: configuration, logger: Logger(label: "backline"), ingestWhileServing: true)
        try await app.runService()
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
extension LoggingSettings.Format: ExpressibleByArgument {}
