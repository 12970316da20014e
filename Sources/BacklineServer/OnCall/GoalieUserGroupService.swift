import Foundation
import Logging
import OnCall
import ServiceLifecycle

/// Wakes at every hand-off (and override start or end) and brings the goalie user groups in
/// step. It also wakes at least every few hours, so overrides set by another instance are seen.
public struct GoalieUserGroupService<C: Clock>: Service where C.Duration == Duration {
    let groups: GoalieUserGroups
    let clock: C
    let now: @Sendable () -> Date
    let logger: Logger
    /// The longest sleep between syncs.
    static var longestSleep: TimeInterval { 6 * 3600 }

    /// Creates the service.
    /// - Parameters:
    ///   - clock: what it sleeps on; tests pass a manual clock.
    ///   - now: the wall-clock time hand-offs are compared with (moves with `clock` in tests).
    public init(groups: GoalieUserGroups, clock: C, now: @escaping @Sendable () -> Date = { Date() }, logger: Logger) {
        self.groups = groups
        self.clock = clock
        self.now = now
        self.logger = logger
    }

    public func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while true {
                    let date = now()
                    await groups.syncAll(at: date)
                    let next = try await groups.goalies.nextChange(after: date)
                    let wait = min(next.map { $0.timeIntervalSince(date) } ?? Self.longestSleep, Self.longestSleep)
                    // A second past the hand-off, so the new shift is the one in force.
                    try await clock.sleep(for: .milliseconds(Int64((max(0, wait) + 1) * 1000)))
                }
            }
        } catch is CancellationError {
            logger.debug("goalie user group service stopped")
        }
    }
}
