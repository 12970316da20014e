import ChatOps

/// While `serve`'s first ingest runs, answers every command that reads the catalog with "still
/// loading" instead of letting it answer "not found" from a catalog that is half read. `/help`
/// needs no catalog and answers as usual. Added only when the ingest runs in the background; once
/// loaded, one atomic load per command.
struct CatalogLoadingMiddleware: CommandMiddleware {
    let loading: CatalogLoading

    static let message = "The catalog is still loading (Backline has just started); please try again in a moment."

    func handle(_ command: RoutedCommand, context: CommandContext, next: CommandNext) async throws -> Reply {
        guard !loading.isLoaded, command.name != "help" else { return try await next(command, context) }
        return .problem(Self.message, kind: Reply.Outcome.unavailable.rawValue)
    }
}
