import Logging
import ServiceLifecycle
import Synchronization
import Tracing

/// Runs chat work in a task group the service owns, so that replies finishing after Slack's
/// acknowledgement still belong to the service and graceful shutdown lets them finish.
///
/// A transport submits work with a budget: when the work finishes in time its result comes back
/// for the inline reply; otherwise the transport acknowledges at once and the runner delivers the
/// result later through the `late` closure (e.g. a post to `response_url`).
public final class CommandRunner: Service, Sendable {
    struct Job: Sendable {
        let work: @Sendable () async -> Void

        /// Work runs in the runner's task group, not in the task that submitted it: the trace in
        /// progress there (task-local) is carried over, so a late answer's spans join its trace.
        init(_ work: @escaping @Sendable () async -> Void) {
            guard let trace = ServiceContext.current else {
                self.work = work
                return
            }
            self.work = { await ServiceContext.$current.withValue(trace) { await work() } }
        }
    }

    private let jobs: AsyncStream<Job>
    private let continuation: AsyncStream<Job>.Continuation
    private let logger: Logger

    /// The outcome of submitted work.
    public enum Outcome<Value: Sendable>: Sendable {
        /// Finished within the budget.
        case finished(Value)
        /// Still running; the result goes to the `late` closure.
        case continuing
        /// The service is shutting down and takes no new work.
        case refused
    }

    /// Creates a runner; add it to the service group.
    public init(logger: Logger) {
        (jobs, continuation) = AsyncStream.makeStream(of: Job.self)
        self.logger = logger
    }

    public func run() async throws {
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                for await job in jobs {
                    group.addTask { await job.work() }
                }
            }
        } onGracefulShutdown: {
            // New work is refused; work already started runs to completion before run() returns.
            self.continuation.finish()
        }
        logger.debug("command runner drained")
    }

    /// Starts `work`, waits up to `budget` for it, and hands a late result to `late`.
    /// - Parameters:
    ///   - budget: how long the caller can wait.
    ///   - clock: the clock the budget is measured on.
    ///   - work: the work.
    ///   - late: receives the result when it arrives after the budget.
    public func run<Value: Sendable, C: Clock>(
        within budget: Duration, clock: C, _ work: @escaping @Sendable () async -> Value,
        late: @escaping @Sendable (Value) async -> Void
    ) async -> Outcome<Value> where C.Duration == Duration {
        let slot = ReplySlot<Value>()
        let deadline = clock.now.advanced(by: budget)
        let job = Job {
            let value = await work()
            if !slot.deliver(value) { await late(value) }
        }
        guard case .enqueued = continuation.yield(job) else { return .refused }
        if let value = await slot.value(before: deadline, on: clock) { return .finished(value) }
        return .continuing
    }

    /// Starts `work` in the background; nothing waits for it.
    @discardableResult
    public func detach(_ work: @escaping @Sendable () async -> Void) -> Bool {
        if case .enqueued = continuation.yield(Job(work)) { return true }
        return false
    }
}
