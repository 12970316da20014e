import Catalog
import ChatOps
import Foundation
import Logging
import OnCall
import Secrets
import Slack

/// The pieces of Backline, wired once: the one composition root. `backline serve` (through
/// ``buildApplication(configuration:logger:)``) and `backline ask` both build these, so a command
/// answered at the terminal goes through the same database, catalog, goalies, router and answerer
/// (caller identity, invocation ids) as in chat.
public struct BacklineParts: Sendable {
    /// The deployment's database: one pool per file, every target migrated.
    public let database: BacklineDatabase
    /// The catalog sources ingested at start-up (the demo catalog when nothing else is given).
    public let catalogSources: [String]
    /// What the start-up ingest found, when one ran.
    public let ingestReport: IngestReport?
    /// Answers invocations from every transport.
    public let answerer: ChatAnswerer
    let runner: CommandRunner
    let slackGateway: SlackGateway
    let signatureVerifier: SlackSignatureVerifier?
    let socketModeClient: SocketModeClient?
    let mattermost: MattermostClient
    let goalies: GoalieDirectory
    let incidents: IncidentDesk?
    let goalieUserGroups: GoalieUserGroups?

    /// Opens the database, ingests the catalog sources and wires every part.
    /// - Parameters:
    ///   - configuration: the database, catalog sources, commands and credentials.
    ///   - logger: the parts' logger.
    ///   - progress: told after each batch of a long start-up ingest.
    public init(
        configuration: BacklineConfiguration, logger: Logger, progress: @Sendable (IngestProgress) -> Void = { _ in }
    ) async throws {
        database = try BacklineDatabase.open(path: configuration.databasePath)
        let sources = !configuration.catalogPaths.isEmpty ? configuration.catalogPaths
            : configuration.databasePath == nil ? [configuration.demoCatalogDirectory.path] : []
        catalogSources = sources
        ingestReport = sources.isEmpty ? nil
            : try await CatalogIngester(store: database.catalog).ingest(sources.map(CatalogSource.init(argument:)), progress: progress)
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
