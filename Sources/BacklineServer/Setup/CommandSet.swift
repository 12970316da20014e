import Catalog
import ChatOps
import Foundation
import OnCall
import Scaffolder
import TechHealth

/// The built-in handlers, bound to the specs in `commands/`.
public enum CommandSet {
    /// Loads the specs in `directory` and freezes them into a router.
    /// - Parameters:
    ///   - goalies: the rotations, for `/oncall` and the goalie in `/owner`; nil when not set up.
    ///   - incidents: incident handling, for `/incident`; nil without a chat platform to act in.
    ///   - goalieChanged: told when an override changes a team's goalie.
    ///   - health: the harvests and the measurer, for `/health`; nil when not set up.
    ///   - templates: the golden-path templates and their runner, for `/template`; nil when not set up.
    ///   - more: server-provided handlers by id (`alerts`).
    public static func router(
        commandsDirectory: URL, goalies: GoalieDirectory? = nil, incidents: IncidentDesk? = nil,
        goalieChanged: @escaping @Sendable (EntityRef) async -> Void = { _ in },
        health: (store: TechHealthStore, measurer: HealthMeasurer)? = nil,
        templates: TemplateDesk? = nil, more: [String: any CommandHandler] = [:]
    ) throws -> CommandRouter {
        try BuiltInCommands.router(
            specs: CommandSpec.load(from: commandsDirectory), goalies: goalies, incidents: incidents, goalieChanged: goalieChanged,
            health: health, templates: templates, more: more)
    }
}
