import Logging
import Foundation

/// Turns every failure into a reply. Errors written for users (``UserFacingError``) are shown as
/// they are; anything else becomes a short apology with a correlation id, and the full error is
/// logged once, here, for the operators.
public struct ErrorReplyMiddleware: CommandMiddleware {
    /// Creates the mapping.
    public init() {}

    public func handle(_ command: RoutedCommand, context: CommandContext, next: CommandNext) async throws -> Reply {
        do {
            return try await next(command, context)
        } catch {
            return Self.reply(to: error, command: command, context: context)
        }
    }

    /// The reply for `error`, logging it when it is the operators' to read.
    static func reply(to error: any Error, command: RoutedCommand, context: CommandContext) -> Reply {
        if let error = error as? any UserFacingError {
            return .problem(error.userMessage, kind: error.problemKind)
        }
        let correlationID = String(UUID().uuidString.prefix(8)).lowercased()
        context.logger.error("command failed", metadata: ["error": "\(error)", "correlation_id": "\(correlationID)"])
        return .problem(
            "Something went wrong answering /\(command.name). The operators can look it up with id \(correlationID).",
            kind: Reply.Outcome.internalError.rawValue)
    }
}
