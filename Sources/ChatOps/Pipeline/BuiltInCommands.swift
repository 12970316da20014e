/// The handlers Backline ships, by the id a spec's `handler:` names.
public enum BuiltInCommands {
    /// A router for `specs` with every built-in handler registered; `/help` lists `specs`.
    public static func router(specs: [CommandSpec]) throws -> CommandRouter {
        var builder = CommandRouterBuilder()
        builder.register("owner", OwnerCommand())
        builder.register("help", HelpCommand(specs: { specs }))
        builder.register("whois", WhoisCommand())
        builder.register("search", SearchCommand())
        builder.register("deps", DepsCommand())
        builder.register("apis", ApisCommand())
        builder.register("docs", DocsCommand())
        return try builder.build(specs: specs)
    }
}
