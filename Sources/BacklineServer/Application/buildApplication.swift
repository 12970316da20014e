import Catalog
import ChatOps
import Foundation
import Hummingbird
import Logging
import OnCall
import ServiceLifecycle
import Secrets
import Slack

/// Builds the Backline service: the catalog, the command pipeline, the HTTP routes and every
/// long-lived loop as a `Service`. `backline serve` and the tests call this same function.
///
/// ```swift
/// let app = try await buildApplication(configuration: .load(file: "config/backline.yaml"))
/// try await app.runService()   // stops gracefully on SIGINT/SIGTERM
/// ```
/// - Parameters:
///   - configuration: where to listen, the database and catalog, and credentials.
///   - logger: the service's logger.
public func buildApplication(configuration: BacklineConfiguration, logger: Logger = Logger(label: "backline")) async throws -> some ApplicationProtocol {
    let parts = try await BacklineParts(configuration: configuration, logger: logger)
    let router = Router()
    HealthRoutes(catalog: parts.database.catalog).register(on: router)
    SlackRoutes(gateway: parts.slackGateway, verifier: parts.signatureVerifier, maxBodySize: configuration.maxBodySize).register(on: router)
    MattermostRoutes(
        answerer: parts.answerer, runner: parts.runner, client: parts.mattermost, tokens: configuration.mattermost.commandTokens,
        maxBodySize: configuration.maxBodySize
    ).register(on: router)

    var app = Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Backline"),
        logger: logger)
    app.addServices(parts.runner)
    if let userGroups = parts.goalieUserGroups {
        app.addServices(GoalieUserGroupService(groups: userGroups, clock: ContinuousClock(), logger: logger))
    }
    if let socketMode = parts.socketModeClient { app.addServices(socketMode) }
    for line in configuration.capabilities { logger.info("\(line)") }
    return app
}

/// The pieces of a running Backline, wired once.
struct BacklineParts {
    let database: BacklineDatabase
    let answerer: ChatAnswerer
    let runner: CommandRunner
    let slackGateway: SlackGateway
    let signatureVerifier: SlackSignatureVerifier?
    let socketModeClient: SocketModeClient?
    let mattermost: MattermostClient
    let goalies: GoalieDirectory
    let incidents: IncidentDesk?
    let goalieUserGroups: GoalieUserGroups?

    init(configuration: BacklineConfiguration, logger: Logger) async throws {
        database = try BacklineDatabase.open(path: configuration.databasePath)
        if configuration.databasePath == nil {
            logger.warning("no database configured: the catalog and Slack event receipts live in memory and are lost on restart (set --db)")
        }
        let sources = !configuration.catalogPaths.isEmpty ? configuration.catalogPaths
            : configuration.databasePath == nil ? [configuration.demoCatalogDirectory.path] : []
        if !sources.isEmpty {
            let report = try await CatalogIngester(store: database.catalog).ingest(sources.map(CatalogSource.init(argument:)))
            let errors = report.problems.filter { $0.severity == .error }
            logger.info("catalog ingested", metadata: [
                "sources": "\(sources.joined(separator: ", "))", "added": "\(report.added.count)", "updated": "\(report.updated.count)",
                "removed": "\(report.removed.count)", "errors": "\(errors.count)",
            ])
            for problem in errors.prefix(20) { logger.warning("catalog problem: \(problem)") }
        }
        let webAPI = SlackWebAPIClient(baseURL: configuration.slack.apiURL, token: configuration.slack.botToken, logger: logger)
        let goalies = OnCallSetup.directory(
            configuration: configuration, catalogSources: sources, catalog: database.catalog, store: database.oncall, logger: logger)
        self.goalies = goalies
        let canPost = configuration.slack.botToken != nil
        let incidents = canPost
            ? IncidentDesk(
                catalog: database.catalog, goalies: goalies, actions: SlackIncidentActions(webAPI: webAPI),
                pattern: ChannelPattern(configuration.oncall.incidentChannelPattern), logger: logger)
            : nil
        self.incidents = incidents
        let userGroups = canPost && configuration.oncall.keepUserGroups && !goalies.rotations.isEmpty
            ? GoalieUserGroups(goalies: goalies, catalog: database.catalog, webAPI: webAPI, logger: logger) : nil
        goalieUserGroups = userGroups
        let runner = CommandRunner(logger: logger)
        self.runner = runner
        let commands = try CommandSet.router(
            commandsDirectory: configuration.commandsDirectory, goalies: goalies, incidents: incidents,
            goalieChanged: { team in
                // Overrides change the goalie now, not at the next hand-off.
                guard let userGroups else { return }
                runner.detach { await userGroups.sync(team: team, at: Date()) }
            })
        let identity = IdentityResolver(catalog: database.catalog, webAPI: configuration.slack.botToken == nil ? nil : webAPI, logger: logger)
        answerer = ChatAnswerer(router: commands, catalog: database.catalog, identity: identity, logger: logger)
        let gateway = SlackGateway(
            answerer: answerer, runner: runner, webAPI: webAPI, eventReceipts: database.eventReceipts,
            replyBudget: configuration.slack.replyBudget, canPost: canPost, incidents: incidents, logger: logger)
        slackGateway = gateway
        signatureVerifier = configuration.slack.signingSecret.map { SlackSignatureVerifier(signingSecret: $0.revealed) }
        socketModeClient = configuration.slack.appToken.map { appToken in
            SocketModeClient(webAPI: webAPI, appToken: appToken, logger: logger) { inbound, envelope in
                switch await gateway.handle(inbound, transport: .slackSocketMode) {
                case .message(let message) where envelope.acceptsResponsePayload: message
                default: nil
                }
            }
        }
        mattermost = MattermostClient(
            serverURL: configuration.mattermost.serverURL, botToken: configuration.mattermost.botToken,
            webhookURL: configuration.mattermost.incomingWebhookURL)
    }
}
