import ChatOps
import Logging

/// The outermost step of the command pipeline: times each command, counts it by transport,
/// command and outcome, and writes one log line carrying the invocation id, transport, command,
/// outcome and duration (the logger's metadata holds the first three).
struct CommandObservingMiddleware: CommandMiddleware {
    let metrics: BacklineMetrics

    func handle(_ command: RoutedCommand, context: CommandContext, next: CommandNext) async throws -> Reply {
        let clock = ContinuousClock()
        let start = clock.now
        let reply = try await next(command, context)
        let duration = start.duration(to: clock.now)
        let outcome = reply.outcome.rawValue
        metrics.commandAnswered(transport: command.invocation.source.rawValue, command: command.name, outcome: outcome, duration: duration)
        context.logger.info("command answered", metadata: ["outcome": "\(outcome)", "duration_ms": "\(duration.seconds * 1000)"])
        return reply
    }
}
