import Catalog
import ChatOps
import Foundation
import OnCall

/// The built-in handlers, bound to the specs in `commands/`.
public enum CommandSet {
    /// Loads the specs in `directory` and freezes them into a router.
    /// - Parameters:
    ///   - goalies: the rotations, for `/oncall` and the goalie in `/owner`; nil when not set up.
    ///   - incidents: incident handling, for `/incident`; nil without a chat platform to act in.
    ///   - goalieChanged: told when an override changes a team's goalie.
    public static func router(
        commandsDirectory: URL, goalies: GoalieDirectory? = nil, incidents: IncidentDesk? = nil,
        goalieChanged: @escaping @Sendable (EntityRef) async -> Void = { _ in }
    ) throws -> CommandRouter {
        let specs = try CommandSpec.load(from: commandsDirectory)
        var builder = CommandRouterBuilder()
        builder.register("owner", OwnerCommand(goalies: goalies))
        builder.register("oncall", OnCallCommand(goalies: goalies, goalieChanged: goalieChanged))
        builder.register("incident", IncidentCommand(desk: incidents))
        builder.register("help", HelpCommand(specs: { specs }))
        builder.register("whois", WhoisCommand())
        builder.register("search", SearchCommand())
        builder.register("deps", DepsCommand())
        builder.register("apis", ApisCommand())
        builder.register("docs", DocsCommand())
        return try builder.build(specs: specs)
    }
}
