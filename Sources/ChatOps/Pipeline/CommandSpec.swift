import Catalog
import Foundation

/// A chat command described as data: one YAML file in `commands/`.
///
/// A spec names either a built-in `handler` or a declarative `query`; the format is documented in
/// `docs/commands.md`.
///
/// ```yaml
/// name: deps
/// summary: What a component depends on, transitively, with owners
/// usage: /deps NAME [--depth N] [--reverse]
/// arguments:
///   - { name: name, type: entity, required: true }
///   - { name: depth, type: number, positional: false, default: 1, min: 1, max: 5 }
///   - { name: reverse, type: flag }
/// handler: deps
/// ```
public struct CommandSpec: Sendable, Hashable {
    /// The command's name without the slash, lower-case.
    public var name: String
    /// Other names that run the same command.
    public var aliases: [String]
    /// One line saying what it answers.
    public var summary: String
    /// The usage line, e.g. `/owner NAME`.
    public var usage: String
    /// Example invocations.
    public var examples: [String]
    /// The typed arguments, in positional order.
    public var arguments: [ArgumentSpec]
    /// Who sees the answer by default.
    public var visibility: Reply.Visibility
    /// Who may run it.
    public var allowed: CommandAccess
    /// The built-in handler that answers it, when it is not a declarative query.
    public var handler: String?
    /// The read-only query that answers it, when it has no built-in handler.
    public var query: QuerySpec?

    /// Creates a spec answered by a built-in handler.
    public init(
        name: String, aliases: [String] = [], summary: String, usage: String, examples: [String] = [],
        arguments: [ArgumentSpec] = [], visibility: Reply.Visibility = .ephemeral, allowed: CommandAccess = .anyone,
        handler: String
    ) {
        self.init(
            name: name, aliases: aliases, summary: summary, usage: usage, examples: examples, arguments: arguments,
            visibility: visibility, allowed: allowed, handler: handler, query: nil)
    }

    /// Creates a spec answered by a declarative query.
    public init(
        name: String, aliases: [String] = [], summary: String, usage: String, examples: [String] = [],
        arguments: [ArgumentSpec] = [], visibility: Reply.Visibility = .ephemeral, allowed: CommandAccess = .anyone,
        query: QuerySpec
    ) {
        self.init(
            name: name, aliases: aliases, summary: summary, usage: usage, examples: examples, arguments: arguments,
            visibility: visibility, allowed: allowed, handler: nil, query: query)
    }

    init(
        name: String, aliases: [String], summary: String, usage: String, examples: [String], arguments: [ArgumentSpec],
        visibility: Reply.Visibility, allowed: CommandAccess, handler: String?, query: QuerySpec?
    ) {
        self.name = name
        self.aliases = aliases
        self.summary = summary
        self.usage = usage
        self.examples = examples
        self.arguments = arguments
        self.visibility = visibility
        self.allowed = allowed
        self.handler = handler
        self.query = query
    }
}

/// Who may run a command: anyone, or members of the listed groups (and of their sub-groups).
public enum CommandAccess: Sendable, Hashable {
    /// Everyone who can reach the bot.
    case anyone
    /// Members of these groups, directly or through a child group.
    case members(of: [EntityRef])
}

/// A declarative answer: a read-only SQL query over the documented catalog views and a response
/// template that lays out its rows.
public struct QuerySpec: Sendable, Hashable {
    /// One `SELECT` (or `WITH … SELECT`) over the `catalog_*` views; `:name` parameters are bound
    /// from the command's arguments.
    public var sql: String
    /// The response template (`{{#rows}}…{{/rows}}`, `{{column}}`), see ``ResponseTemplate``.
    public var template: String
    /// At most this many rows are read; the rest are counted as "and N more".
    public var rowLimit: Int
    /// The query is interrupted after this long.
    public var timeLimit: Duration

    /// The row limit when a spec sets none.
    public static let defaultRowLimit = 200
    /// The largest row limit a spec may set.
    public static let maximumRowLimit = 1000
    /// The time limit when a spec sets none.
    public static let defaultTimeLimit = Duration.milliseconds(defaultTimeLimitMilliseconds)
    static let defaultTimeLimitMilliseconds = 500

    /// Creates a query spec.
    public init(sql: String, template: String, rowLimit: Int = QuerySpec.defaultRowLimit, timeLimit: Duration = QuerySpec.defaultTimeLimit) {
        self.sql = sql
        self.template = template
        self.rowLimit = rowLimit
        self.timeLimit = timeLimit
    }
}

/// A command spec file that cannot be used, named by file and field.
public struct CommandSpecError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file.
    public var file: String
    /// The line the problem is on, when known.
    public var line: Int?
    /// What is wrong.
    public var message: String

    /// Creates an error about `file`.
    public init(file: String, line: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { "\(file)\(line.map { ":\($0)" } ?? ""): \(message)" }
}
