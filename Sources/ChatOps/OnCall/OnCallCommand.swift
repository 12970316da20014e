import Catalog
import Foundation
import OnCall

/// `/oncall TEAM|SERVICE` answers who is goalie; `/oncall override …` sets or clears a stand-in.
/// The two live in their own types; this only tells them apart by the first word.
public struct OnCallCommand: CommandHandler {
    let goalies: GoalieDirectory?
    let goalieChanged: @Sendable (EntityRef) async -> Void

    /// Creates the handler.
    /// - Parameters:
    ///   - goalies: the rotations; nil when on-call is not set up.
    ///   - goalieChanged: told after an override changes a team's goalie (the server re-syncs the
    ///     team's goalie user group).
    public init(goalies: GoalieDirectory?, goalieChanged: @escaping @Sendable (EntityRef) async -> Void = { _ in }) {
        self.goalies = goalies
        self.goalieChanged = goalieChanged
    }

    public func run(_ invocation: Invocation, spec: CommandSpec, context: CommandContext) async throws -> Reply {
        let arguments = try spec.parseArguments(invocation.text)
        guard let goalies, !goalies.rotations.isEmpty else { throw OnCallUnavailable() }
        guard let subject = arguments.entity("subject") else { throw UsageError("Which team or service?", usage: spec.usage) }
        if case .name(let word) = subject, word.lowercased() == "override" {
            return try await OnCallOverride(goalies: goalies, spec: spec, goalieChanged: goalieChanged)
                .run(arguments, invocation: invocation, context: context)
        }
        return try await OnCallLookup(goalies: goalies, spec: spec).run(subject, context: context)
    }
}

/// On-call answers need rotation files.
struct OnCallUnavailable: UserFacingError {
    var userMessage: String { "No goalie rotations are set up. Add rotation files (see docs/oncall.md) and restart Backline." }
}
