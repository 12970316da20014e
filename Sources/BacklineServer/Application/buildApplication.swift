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
///   - ingestWhileServing: listen at once and read the catalog sources in the background (`serve`:
///     `/readyz` says 503 until that first ingest ends); otherwise they are read before this returns.
public func buildApplication(
    configuration: BacklineConfiguration, logger: Logger = Logger(label: "backline"), ingestWhileServing: Bool = false
) async throws -> some ApplicationProtocol {
    if configuration.databasePath == nil {
        logger.warning("no database configured: the catalog and Slack event receipts live in memory and are lost on restart (set --db)")
    }
    let parts = try await BacklineParts(configuration: configuration, logger: logger, mode: .service, ingestWhileServing: ingestWhileServing)
    return buildApplication(parts: parts, configuration: configuration, logger: logger)
}

/// Builds the service from parts already wired (tests keep a handle on them, e.g. to await a
/// catalog refresh); ``buildApplication(configuration:logger:)`` is this with fresh parts.
/// - Parameter parts: the wired parts, built in ``BacklineParts/Mode/service`` mode.
public func buildApplication(parts: BacklineParts, configuration: BacklineConfiguration, logger: Logger) -> some ApplicationProtocol {
    buildApplication(parts: parts, configuration: configuration, logger: logger, refreshClock: ContinuousClock())
}

/// Builds the service from wired parts, with the catalog refresh interval on `refreshClock`
/// (tests pass a manual clock).
public func buildApplication<C: Clock>(
    parts: BacklineParts, configuration: BacklineConfiguration, logger: Logger, refreshClock: C
) -> some ApplicationProtocol where C.Duration == Duration {
    parts.ingestReport?.log(sources: parts.catalogSources, logger: logger)
    let router = Router()
    // Chat requests start a trace each; nothing is added when tracing is off.
    if parts.tracing.tracer != nil { router.add(middleware: TransportSpanMiddleware<BasicRequestContext>(tracing: parts.tracing)) }
    HealthRoutes(readiness: parts.readiness).register(on: router)
    MetricsRoutes(metrics: parts.metrics) { [database = parts.database, metrics = parts.metrics] in
        // Counts are read at scrape time: a GROUP BY each, cheaper than keeping gauges in step.
        if let counts = try? await database.catalog.entityCountsByKind() { metrics.catalogEntities(counts) }
        if let counts = try? await database.outbox.counts() {
            let oldest = (try? await database.outbox.oldestUnsentEnqueuedAt()) ?? nil
            metrics.outbox(counts, oldestUnsentAge: oldest.map { max(0, Date().timeIntervalSince($0)) } ?? 0)
        }
    }.register(on: router)
    GitWebhookRoutes(
        refresher: parts.catalogRefresher, githubSecret: configuration.catalog.githubWebhookSecret,
        gitlabToken: configuration.catalog.gitlabWebhookToken, maxBodySize: configuration.catalog.maxWebhookBodySize
    ).register(on: router)
    SlackRoutes(gateway: parts.slackGateway, verifier: parts.signatureVerifier, maxBodySize: configuration.maxBodySize).register(on: router)
    MattermostRoutes(
        answerer: parts.answerer, runner: parts.runner, client: parts.mattermost, tokens: configuration.mattermost.commandTokens,
        maxBodySize: configuration.maxBodySize
    ).register(on: router)

    var app = Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Backline"),
        logger: logger)
    // First, so it stops last: spans of the replies the runner finishes during shutdown are flushed.
    if let exporter = parts.tracing.exporter { app.addServices(exporter) }
    app.addServices(parts.runner)
    let interval = configuration.catalog.refreshSeconds > 0 ? Duration.milliseconds(Int64(configuration.catalog.refreshSeconds * 1000)) : nil
    app.addServices(
        CatalogRefreshService(
            refresher: parts.catalogRefresher, interval: interval, clock: refreshClock, logger: logger, firstIngest: parts.catalogLoading))
    if let userGroups = parts.goalieUserGroups {
        app.addServices(GoalieUserGroupService(groups: userGroups, clock: ContinuousClock(), logger: logger))
    }
    if let socketMode = parts.socketModeClient { app.addServices(socketMode) }
    app.addServices(
        OutboxDeliveryService(
            store: parts.database.outbox, slack: parts.outboxSlack, mattermost: parts.mattermost, settings: configuration.outbox,
            clock: ContinuousClock(), logger: logger),
        SchedulerService(
            jobs: parts.scheduledJobs, store: parts.database.schedules, clock: ContinuousClock(),
            holder: LeaseHolder.make(instance: configuration.outbox.instanceName ?? LeaseHolder.defaultInstance), logger: logger))
    for line in configuration.capabilities { logger.info("\(line)") }
    return app
}

