/// `/alerts` where the server has not wired the alert store in (a router built without it).
struct AlertsUnavailable: CommandHandler {
    func run(_ invocation: Invocation, spec: CommandSpec, context: CommandContext) async throws -> Reply {
        throw AlertsNotSetUp()
    }
}

/// Alerts need the server's alert store.
struct AlertsNotSetUp: UserFacingError {
    var userMessage: String { "Alerts are not set up here: they are kept by `backline serve` in its database." }
}
