import Catalog
import OnCall
import Scaffolder
import TechHealth

/// The handlers Backline ships, by the id a spec's `handler:` names.
public enum BuiltInCommands {
    /// A router for `specs` with every built-in handler registered; `/help` lists `specs`.
    /// - Parameters:
    ///   - goalies: the rotations, for `/oncall` and the goalie in `/owner`; nil when not set up.
    ///   - incidents: incident handling, for `/incident`; nil without a chat platform to act in.
    ///   - goalieChanged: told when an override changes a team's goalie.
    ///   - health: the harvests and the measurer, for `/health`; nil when not set up.
    ///   - templates: the golden-path templates and their runner, for `/template`; nil when not set up.
    ///   - more: handlers the server provides (e.g. `alerts`, whose state is the server's), by id.
    public static func router(
        specs: [CommandSpec], goalies: GoalieDirectory? = nil, incidents: IncidentDesk? = nil,
        goalieChanged: @escaping @Sendable (EntityRef) async -> Void = { _ in },
        health: (store: TechHealthStore, measurer: HealthMeasurer)? = nil,
        templates: TemplateDesk? = nil, more: [String: any CommandHandler] = [:]
    ) throws -> CommandRouter {
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
        builder.register("catalog", CatalogCommand())
        builder.register("health", HealthCommand(store: health?.store, measurer: health?.measurer))
        builder.register("template", TemplateCommand(desk: templates))
        // The server replaces this with the real handler; without it /alerts says how to turn alerts on.
        builder.register("alerts", AlertsUnavailable())
        for (id, handler) in more { builder.register(id, handler) }
        return try builder.build(specs: specs)
    }
}
