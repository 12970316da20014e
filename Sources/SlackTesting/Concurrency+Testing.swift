import Logging
import ServiceLifecycle

/// Thrown by ``withTimeout(_:_:)`` when the operation takes too long.
public struct TimeoutError: Error, CustomStringConvertible {
    /// The limit that passed.
    public var timeout: Duration
    /// A one-line explanation, safe to log.
    public var description: String { "operation did not finish within \(timeout)" }
}

/// Runs `operation`, failing with ``TimeoutError`` if it has not finished after `timeout`.
/// The timeout is a guard against hangs, never a way to wait for something to happen.
public func withTimeout<T: Sendable>(
    _ timeout: Duration = .seconds(10), _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: timeout)
            throw TimeoutError(timeout: timeout)
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}

/// Runs `service` in its own `ServiceGroup` while `body` executes, then shuts it down gracefully
/// and waits for it, so tests exercise the same shutdown path as production.
///
/// `body` starts only once the group is running: a graceful shutdown requested earlier would race
/// with the group's start-up.
public func withRunningService<T>(
    _ service: some Service, logger: Logger, _ body: () async throws -> T
) async throws -> T {
    let (started, signalStarted) = AsyncStream.makeStream(of: Void.self)
    let serviceGroup = ServiceGroup(configuration: .init(
        services: [.init(service: service), .init(service: StartSignal(continuation: signalStarted))], logger: logger))
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask {
            // If the group fails to start, the wait below ends instead of hanging.
            defer { signalStarted.finish() }
            try await serviceGroup.run()
        }
        do {
            for await _ in started { break }
            let result = try await body()
            await serviceGroup.triggerGracefulShutdown()
            try await group.waitForAll()
            return result
        } catch {
            group.cancelAll()
            throw error
        }
    }
}

/// A service that says when the group it belongs to has started its services, then waits for the
/// group's graceful shutdown.
public struct StartSignal: Service {
    let continuation: AsyncStream<Void>.Continuation

    /// Creates a signal that yields on `continuation` once running.
    public init(continuation: AsyncStream<Void>.Continuation) {
        self.continuation = continuation
    }

    public func run() async throws {
        continuation.yield()
        continuation.finish()
        try await gracefulShutdown()
    }
}
