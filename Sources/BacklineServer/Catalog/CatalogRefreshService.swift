import Logging
import ServiceLifecycle

/// Refreshes every catalog source on an interval, and any source a push webhook asks for at once.
/// Refreshes never overlap: one task does them all, in the order they were asked for.
public struct CatalogRefreshService<C: Clock>: Service where C.Duration == Duration {
    let refresher: CatalogRefresher
    /// Time between interval refreshes; nil leaves refreshing to webhooks.
    let interval: Duration?
    let clock: C
    let logger: Logger

    /// Creates the service.
    /// - Parameters:
    ///   - interval: time between refreshes of every source; nil for none (webhooks only).
    ///   - clock: what it waits on; tests pass a manual clock.
    public init(refresher: CatalogRefresher, interval: Duration?, clock: C, logger: Logger) {
        self.refresher = refresher
        self.interval = interval
        self.clock = clock
        self.logger = logger
    }

    public func run() async throws {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await refresher.run() }
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
