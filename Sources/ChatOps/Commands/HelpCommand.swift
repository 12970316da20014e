import Catalog

/// `/help [COMMAND]`: what Backline answers, or one command's usage and examples.
public struct HelpCommand: CommandHandler {
    /// The command table, filled in once the router is frozen.
    private let specs: @Sendable () -> [CommandSpec]

    /// Creates the handler; `specs` returns every command the router knows.
    public init(specs: @escaping @Sendable () -> [CommandSpec]) {
        self.specs = specs
    }

    public func run(_ invocation: Invocation, spec: CommandSpec, context: CommandContext) async throws -> Reply {
        var all: [CommandSpec] = []
        // Only what the caller may run: a restricted command is not advertised to others.
        for candidate in specs().sorted(by: { $0.name < $1.name })
        where try await candidate.allowed.permits(invocation.caller, catalog: context.catalog) {
            all.append(candidate)
        }
        let wanted = invocation.text.lowercased().drop { $0 == "/" }
        if !wanted.isEmpty {
            guard let command = all.first(where: { $0.name == wanted || $0.aliases.contains(String(wanted)) }) else {
                throw UsageError("There is no command /\(wanted).", usage: spec.usage)
            }
            var blocks: [ReplyBlock] = [.header("/\(command.name)"), .paragraph(.text(command.summary)), .fields([ReplyField("Usage", .code(command.usage))])]
            if !command.examples.isEmpty { blocks.append(.list(title: "Examples", items: command.examples.map(RichText.code), more: 0)) }
            if !command.aliases.isEmpty { blocks.append(.context(.text("Also: " + command.aliases.map { "/\($0)" }.joined(separator: ", ")))) }
            let data: JSONValue = .object([
                "command": "help", "name": .string(command.name), "summary": .string(command.summary), "usage": .string(command.usage),
                "examples": .array(command.examples.map(JSONValue.string)), "aliases": .array(command.aliases.map(JSONValue.string)),
            ])
            return Reply(summary: "\(command.usage): \(command.summary)", blocks: blocks, data: data)
        }
        let items = all.map { "\(code: $0.usage) \($0.summary)" as RichText }
        let data: JSONValue = .object([
            "command": "help",
            "commands": .array(all.map { .object(["name": .string($0.name), "usage": .string($0.usage), "summary": .string($0.summary)]) }),
        ])
        return Reply(
            summary: "Backline commands: " + all.map { "/\($0.name)" }.joined(separator: ", "),
            blocks: [.header("What Backline answers"), .list(title: nil, items: items, more: 0), .context("/help COMMAND shows usage and examples.")],
            data: data)
    }
}
