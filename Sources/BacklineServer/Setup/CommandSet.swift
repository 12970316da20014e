import ChatOps
import Foundation

/// The built-in handlers, bound to the specs in `commands/`.
public enum CommandSet {
    /// Loads the specs in `directory` and freezes them into a router.
    public static func router(commandsDirectory: URL) throws -> CommandRouter {
        let specs = try CommandSpec.load(from: commandsDirectory)
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
