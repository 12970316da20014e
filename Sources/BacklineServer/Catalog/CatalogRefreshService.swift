import Catalog
import Logging
import ServiceLifecycle

/// Refreshes every catalog source on an interval, and any source a push webhook asks for at once.
/// Refreshes never overlap: one task does them all, in the order they were asked for. When `serve`
/// listens before it ingests, that task first reads every source once (the first ingest).
public struct CatalogRefreshService<C: Clock>: Service where C.Duration == Duration {
    let refresher: CatalogRefresher
    /// Time between interval refreshes; nil leaves refreshing to webhooks.
    let interval: Duration?
    let clock: C
    let logger: Logger
    /// The first ingest to run and report, when it did not run before serving.
    let firstIngest: CatalogLoading?

    /// Creates the service.
    /// - Parameters:
    ///   - interval: time between refreshes of every source; nil for none (webhooks only).
    ///   - clock: what it waits on; tests pass a manual clock.
    ///   - firstIngest: when not yet loaded, every source is read once before anything else, then
    ///     marked loaded.
    public init(refresher: CatalogRefresher, interval: Duration?, clock: C, logger: Logger, firstIngest: CatalogLoading? = nil) {
        self.refresher = refresher
        self.interval = interval
        self.clock = clock
        self.logger = logger
        self.firstIngest = firstIngest
    }

    public func run() async throws {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                if let firstIngest, !firstIngest.isLoaded {
                    // In the same task as the requested refreshes, so the two never overlap;
                    // pushes that arrive meanwhile wait their turn.
                    let outcomes = await refresher.refreshAll()
                    if !refresher.sources.isEmpty {
                        IngestReport.merged(outcomes.compactMap(\.report)).log(sources: refresher.sources.map(\.description), logger: logger)
                    }
                    firstIngest.finish()
                }
                await refresher.run()
            }
            if let interval {
                group.addTask { try? await cancelWhenGracefulShutdown { try await tick(every: interval) } }
            }
            // The refresh in progress finishes (its write is one transaction either way); then the
            // loop ends. Cancelling it instead could cut a handover post in half.
            try? await gracefulShutdown()
            refresher.finish()
        }
        logger.debug("catalog refresh service stopped")
    }

    /// Asks for every source on each tick, measured from the previous tick so a slow refresh does
    /// not push the next one back. Ends by throwing when cancelled.
    private func tick(every interval: Duration) async throws {
        var next = clock.now.advanced(by: interval)
        while true {
            try await clock.sleep(until: next, tolerance: nil)
            await refresher.request()
            next = next.advanced(by: interval)
            if next < clock.now { next = clock.now.advanced(by: interval) }
        }
    }
}
