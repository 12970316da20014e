import Catalog
import ChatOps
import Foundation
import Logging
import OnCall
import Secrets
import Scaffolder
import Slack
import TechHealth
import Tracing

/// The pieces of Backline, wired once: the one composition root. `backline serve` (through
/// ``buildApplication(configuration:logger:)``) and `backline ask` both build these, so a command
/// answered at the terminal goes through the same database, catalog, goalies, router and answerer
/// (caller identity, invocation ids) as in chat.
public struct BacklineParts: Sendable {
    /// How the parts will be used, which decides how the catalog is read.
    public enum Mode: Sendable {
        /// One answer and exit (`backline ask`): sources are read once, git sources cloned into a
        /// temporary folder, and a source that cannot be read is an error.
        case oneShot
        /// The long-running service: git sources are kept in the clone cache and fetched on every
        /// refresh, and a source that cannot be read is reported and keeps its last good entities.
        case service
    }

    /// The deployment's database: one pool per file, every target migrated.
    public let database: BacklineDatabase
    /// The catalog sources ingested at start-up (the demo catalog when nothing else is given).
    public let catalogSources: [String]
    /// What the start-up ingest found, when one ran.
    public let ingestReport: IngestReport?
    /// Answers invocations from every transport.
    public let answerer: ChatAnswerer
    /// Keeps the catalog in step with its sources (refresh loop, push webhooks, handovers).
    public let catalogRefresher: CatalogRefresher
    /// What the `/health` commands read: the harvests and the measurer loaded from the configured
    /// release, end-of-life and policy files.
    public let health: HealthContext
    /// Harvests every Component's manifests and docs; `serve` runs it after refreshes that changed
    /// something, `ask` after its ingest.
    public let healthHarvests: HealthHarvestRunner
    /// What the harvest after a one-shot ingest found (`ask`); nil in the service, whose harvests
    /// run after each refresh.
    public let harvestReport: HarvestReport?
    /// The scheduler's jobs, asked again every round; none until digests and alert rules add theirs
    /// (they should return none when `digests.enabled` is false).
    public var scheduledJobs: @Sendable () async throws -> [ScheduledJob] = { [] }
    /// The outbox worker's Slack client: no client-side posting pace and no 429 retries of its
    /// own, because the worker paces and reschedules itself; nil without a bot token.
    let outboxSlack: SlackWebAPIClient?
    /// Every series `GET /metrics` prints; this instance's own registry.
    public let metrics: BacklineMetrics
    /// What `GET /readyz` checks.
    public let readiness: Readiness
    /// Whether the first ingest has finished (at once unless it runs while serving).
    public let catalogLoading: CatalogLoading
    /// Where spans go (off unless `OTEL_EXPORTER_OTLP_ENDPOINT` is set; never in `ask`).
    public let tracing: BacklineTracing
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
    ///   - mode: a one-shot answer (`ask`) or the service (`serve`).
    ///   - ingestWhileServing: in the service, leave the first ingest to the catalog refresh
    ///     service so the server listens at once (`serve`); otherwise it runs here, before serving.
    ///   - progress: told after each batch of a long start-up ingest.
    public init(
        configuration: BacklineConfiguration, logger: Logger, mode: Mode = .oneShot, ingestWhileServing: Bool = false,
        progress: @Sendable (IngestProgress) -> Void = { _ in }
    ) async throws {
        // Only the service traces: `ask` answers once and exits, with no service group to export from.
        let tracing: BacklineTracing = if mode == .service { try BacklineTracing.make(settings: configuration.tracing, logger: logger) } else { .off }
        self.tracing = tracing
        database = try BacklineDatabase.open(path: configuration.databasePath, tracer: tracing.tracer)
        let metrics = BacklineMetrics()
        self.metrics = metrics
        let catalogLoading = CatalogLoading(loaded: !(mode == .service && ingestWhileServing))
        self.catalogLoading = catalogLoading
        let readiness = Readiness(
            catalog: database.catalog, databasePath: configuration.databasePath, outbox: database.outbox, catalogLoading: catalogLoading)
        self.readiness = readiness
        let sources = !configuration.catalogPaths.isEmpty ? configuration.catalogPaths
            : configuration.databasePath == nil ? [configuration.demoCatalogDirectory.path] : []
        catalogSources = sources
        let webAPI = SlackWebAPIClient(
            baseURL: configuration.slack.apiURL, token: configuration.slack.botToken, logger: logger,
            observer: tracing.observingSlackCalls(metrics.slackCallObserver))
        let goalies = OnCallSetup.directory(
            configuration: configuration, catalogSources: sources, catalog: database.catalog, store: database.oncall, logger: logger)
        self.goalies = goalies
        let canPost = configuration.slack.botToken != nil
        outboxSlack = canPost ? SlackWebAPIClient.forOutbox(baseURL: configuration.slack.apiURL, token: configuration.slack.botToken, logger: logger) : nil
        let gitTimeout = Duration.milliseconds(Int64(configuration.catalog.gitTimeoutSeconds * 1000))
        let cloneDirectory = mode == .service ? configuration.catalog.resolvedCloneDirectory(database: configuration.databasePath) : nil
        do {
            health = try HealthContext.load(
                store: database.health, releases: configuration.health.releases, eol: configuration.health.eol,
                policy: configuration.health.policy, scorecards: configuration.health.scorecards, docsPolicy: configuration.health.docsPolicy,
                registries: (configuration.health.registries, AsyncHTTPRegistryTransport()))
        } catch {
            throw ConfigurationError(description: "\(error)")
        }
        // Only the service reaches the network for source-location clones; `ask` reads what it ingested.
        let harvester = HealthHarvester(
            catalog: database.catalog, store: database.health,
            settings: HarvestSettings(
                cloneSourceLocations: mode == .service && configuration.health.cloneSourceLocations, cloneCache: cloneDirectory,
                gitTimeout: gitTimeout, docs: DocsFreshnessChecker(policy: configuration.health.docsPolicy)))
        let harvests = HealthHarvestRunner(harvester: harvester, scoring: health, metrics: metrics, logger: logger)
        healthHarvests = harvests
        // The service harvests after refreshes that changed something; `ask` harvests once below.
        var afterChanges: CatalogRefresher.AfterChanges?
        if mode == .service {
            afterChanges = { @Sendable directories in await harvests.harvest(sourceDirectories: directories) }
        }
        let refresher = CatalogRefresher(
            sources: sources.map(CatalogSource.init(argument:)),
            ingester: CatalogIngester(
                store: database.catalog, gitTimeout: gitTimeout, cloneCache: cloneDirectory),
            goalies: goalies, rotationsDirectory: configuration.oncall.rotationsDirectory,
            announcer: canPost ? HandoverAnnouncer(catalog: database.catalog, outbox: database.outbox, logger: logger) : nil, logger: logger,
            afterChanges: afterChanges)
        catalogRefresher = refresher
        await refresher.observe { outcome in
            metrics.catalogRefreshed(duration: .seconds(outcome.status.durationSeconds), failed: outcome.status.failure != nil)
        }
        switch mode {
        case .oneShot:
            if sources.isEmpty {
                ingestReport = nil
                harvestReport = nil
            } else {
                let ingest = try await OneShotIngest.run(
                    sources.map(CatalogSource.init(argument:)), store: database.catalog, gitTimeout: gitTimeout, progress: progress)
                defer { ingest.remove() }
                ingestReport = ingest.report
                // So `/health` answers at the terminal; a harvest that cannot be stored is logged,
                // not fatal: every other command still answers.
                do {
                    harvestReport = try await harvester.harvest(sourceDirectories: ingest.directories, now: Date())
                } catch {
                    logger.error("health harvest failed", metadata: ["error": "\(error)"])
                    harvestReport = nil
                }
                // Registry answers first (when enabled), so scoring reads the cache only.
                await health.warmRegistryCache()
                do {
                    try await health.score(catalog: database.catalog, now: Date())
                } catch {
                    logger.error("scorecards not evaluated", metadata: ["error": "\(error)"])
                }
            }
        case .service where ingestWhileServing:
            // The refresh service reads every source first, while the server already answers.
            harvestReport = nil
            ingestReport = nil
        case .service:
            harvestReport = nil
            let report = IngestReport.merged(await refresher.refreshAll().compactMap(\.report))
            ingestReport = sources.isEmpty ? nil : report
        }
        let incidents = canPost
            ? IncidentDesk(
                catalog: database.catalog, goalies: goalies, actions: SlackIncidentActions(webAPI: webAPI, outbox: database.outbox),
                pattern: ChannelPattern(configuration.oncall.incidentChannelPattern), logger: logger)
            : nil
        self.incidents = incidents
        let userGroups = canPost && configuration.oncall.keepUserGroups && !goalies.rotations.isEmpty
            ? GoalieUserGroups(goalies: goalies, catalog: database.catalog, webAPI: webAPI, logger: logger) : nil
        goalieUserGroups = userGroups
        let runner = CommandRunner(logger: logger)
        self.runner = runner
        let templates = Self.templateDesk(
            configuration: configuration, database: database, catalogSources: sources, slack: canPost ? webAPI : nil, logger: logger)
        let commands = try CommandSet.router(
            commandsDirectory: configuration.commandsDirectory, goalies: goalies, incidents: incidents,
            goalieChanged: { team in
                // Overrides change the goalie now, not at the next hand-off.
                guard let userGroups else { return }
                runner.detach { await userGroups.sync(team: team, at: Date()) }
            },
            health: (health.store, health.measurer),
            templates: templates,
            more: ["alerts": AlertsCommand(store: database.alerts)])
        let identity = IdentityResolver(catalog: database.catalog, webAPI: configuration.slack.botToken == nil ? nil : webAPI, logger: logger)
        // Timing, counting and the per-answer log line wrap the whole pipeline, refusals included;
        // the command's span wraps them, so that line carries its trace id.
        var outer: [any CommandMiddleware] = [CommandObservingMiddleware(metrics: metrics)]
        if tracing.tracer != nil { outer.insert(CommandTracingMiddleware(tracing: tracing), at: 0) }
        if !catalogLoading.isLoaded { outer.append(CatalogLoadingMiddleware(loading: catalogLoading)) }
        let observed = commands.wrapped(in: outer)
        answerer = ChatAnswerer(router: observed, catalog: database.catalog, identity: identity, logger: logger)
        let gateway = SlackGateway(
            answerer: answerer, runner: runner, webAPI: webAPI, eventReceipts: database.eventReceipts,
            replyBudget: configuration.slack.replyBudget, canPost: canPost, incidents: incidents, metrics: metrics,
            templateForms: canPost
                ? SlackTemplateForms(desk: templates, webAPI: webAPI, catalog: database.catalog, identity: identity, runner: runner, logger: logger) : nil,
            logger: logger)
        slackGateway = gateway
        signatureVerifier = configuration.slack.signingSecret.map { SlackSignatureVerifier(signingSecret: $0.revealed) }
        socketModeClient = configuration.slack.appToken.map { appToken in
            readiness.socketModeEnabled()
            var socketMode = SocketModeClient.Configuration()
            socketMode.connectionChanged = { connected in
                readiness.socketModeChanged(connected: connected)
                if connected { metrics.socketModeConnected() }
            }
            return SocketModeClient(webAPI: webAPI, appToken: appToken, configuration: socketMode, logger: logger) { inbound, envelope in
                let type = metrics.socketModeEnvelope(type: envelope.type)
                // Each envelope is its own trace, as each HTTP request is.
                return await tracing.withTransportSpan("slack socket-mode \(type)", kind: .consumer, transport: "slackSocketMode") { _ -> SocketModeAck.Payload? in
                    switch await gateway.handle(inbound, transport: .slackSocketMode) {
                    case .message(let message) where envelope.acceptsResponsePayload: .message(message)
                    case .viewResponse(let response): .viewResponse(response)
                    default: nil
                    }
                }
            }
        }
        mattermost = MattermostClient(
            serverURL: configuration.mattermost.serverURL, botToken: configuration.mattermost.botToken,
            webhookURL: configuration.mattermost.incomingWebhookURL)
        // The service's scheduler runs each team's digest and the alert rules (Digests/ProactiveJobs).
        if mode == .service {
            var planner = proactivePlanner(defaultTimeZone: configuration.digestTimeZone, logger: logger)
            planner.platform = configuration.proactivePlatform
            let jobs = try ProactiveJobs(
                planner: planner, outbox: database.outbox,
                settings: configuration.digests, logger: logger)
            scheduledJobs = { try await jobs.jobs() }
            // Alerts follow each harvest (the hourly job stays as the backstop for snoozes and
            // quiet hours that end between harvests).
            await harvests.whenHarvested { await jobs.alerts.evaluateLoggingFailure(after: "health harvest") }
        }
    }
}
