/// An invocation on its way through the pipeline, with the command it resolved to.
public struct RoutedCommand: Sendable {
    /// What was asked.
    public var invocation: Invocation
    /// The command's spec; nil when no command has that name (the handler step answers with the
    /// list of commands).
    public let spec: CommandSpec?

    /// The command's name for logs, metrics and traces: a known command's own name, else
    /// `unknown`, so a typo never becomes a new label.
    public var name: String { spec?.name ?? "unknown" }
}

/// The rest of the pipeline, as seen from one middleware.
public typealias CommandNext = @Sendable (RoutedCommand, CommandContext) async throws -> Reply

/// One concern wrapped around every command: logging, metrics, tracing, the access check, the
/// mapping of errors to replies. Each sees the routed command, may change the context, and calls
/// `next` (or answers without it). New concerns plug in here without touching the router.
public protocol CommandMiddleware: Sendable {
    /// Handles one command, calling `next` for the rest of the pipeline.
    func handle(_ command: RoutedCommand, context: CommandContext, next: CommandNext) async throws -> Reply
}

extension Array where Element == any CommandMiddleware {
    /// The chain, outermost first, ending in `last`.
    func chained(to last: @escaping CommandNext) -> CommandNext {
        reversed().reduce(last) { next, middleware in
            { command, context in try await middleware.handle(command, context: context, next: next) }
        }
    }
}
