import Catalog
import Foundation

/// `/incident declare SUMMARY [SERVICE …]`, `/incident status`, `/incident resolve`.
public struct IncidentCommand: CommandHandler {
    let desk: IncidentDesk?

    /// Creates the handler; without a desk (no Slack bot token) it explains what to set.
    public init(desk: IncidentDesk?) {
        self.desk = desk
    }

    public func run(_ invocation: Invocation, spec: CommandSpec, context: CommandContext) async throws -> Reply {
        let arguments = try spec.parseArguments(invocation.text)
        guard let desk else {
            throw IncidentsUnavailable()
        }
        switch arguments.text("action") {
        case "declare":
            guard let summary = arguments.text("summary"), !summary.isEmpty else {
                throw UsageError("Say what is happening, e.g. /incident declare playlist-api returns 5xx", usage: spec.usage)
            }
            return try await desk.declare(summary: summary, by: invocation.caller.userID, in: invocation.channelID)
        case "resolve":
            return try await desk.resolve(in: invocation.channelID, by: invocation.caller.userID)
        default:
            return try await desk.status(in: invocation.channelID)
        }
    }
}

/// Incidents need a chat platform Backline can act in.
struct IncidentsUnavailable: UserFacingError {
    var userMessage: String { "Incidents need Slack with a bot token (SLACK_BOT_TOKEN) and the on-call set-up described in docs/oncall.md." }
}
