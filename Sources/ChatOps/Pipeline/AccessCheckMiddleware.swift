/// Refuses a command restricted to some groups (its spec's `allowed`) to anyone outside them.
public struct AccessCheckMiddleware: CommandMiddleware {
    /// Creates the check.
    public init() {}

    public func handle(_ command: RoutedCommand, context: CommandContext, next: CommandNext) async throws -> Reply {
        if let spec = command.spec, try await !spec.allowed.permits(command.invocation.caller, catalog: context.catalog) {
            throw NotAllowedError(command: spec.name, groups: spec.allowed.groups)
        }
        return try await next(command, context)
    }
}
