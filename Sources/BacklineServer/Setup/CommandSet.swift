import ChatOps
import Foundation

/// The built-in handlers, bound to the specs in `commands/`.
public enum CommandSet {
    /// Loads the specs in `directory` and freezes them into a router.
    public static func router(commandsDirectory: URL) throws -> CommandRouter {
        try BuiltInCommands.router(specs: CommandSpec.load(from: commandsDirectory))
    }
}
