/// One typed argument of a command, as its spec declares it.
///
/// Positional arguments are taken in order; every argument may also be given by name
/// (`depth=3`, `--depth 3`, `--depth=3`); flags are only ever given by name (`--reverse`).
public struct ArgumentSpec: Sendable, Hashable {
    /// What an argument holds, which decides how its text is read and checked.
    public enum ArgumentType: String, Sendable, Hashable, CaseIterable {
        /// A catalog entity: a name, `namespace/name`, a ref, or a chat mention of a person.
        case entity
        /// A group: a name, a ref, or a chat channel that a team announces as its own.
        case team
        /// A person: a chat mention (`<@U123>`), a catalog user name or ref.
        case user
        /// Free text; the last positional text argument takes every remaining word.
        case text
        /// One of `values`, case-insensitively.
        case `enum`
        /// A whole number, optionally within `min`…`max`.
        case number
        /// A switch that is off unless given (`--reverse`).
        case flag
    }

    /// The argument's name: how it is given by name and how queries bind it (`:name`).
    public var name: String
    /// How its text is read.
    public var type: ArgumentType
    /// Whether the command cannot run without it.
    public var required: Bool
    /// Whether it may be given by position; named-only arguments must be written `name=value`.
    public var positional: Bool
    /// One line for `/help`.
    public var summary: String?
    /// The accepted values of an `enum` argument.
    public var values: [String]
    /// The value used when it is not given.
    public var defaultValue: String?
    /// The smallest accepted `number`.
    public var minimum: Int?
    /// The largest accepted `number`.
    public var maximum: Int?

    /// Creates an argument spec. Flags are never positional, whatever `positional` says.
    public init(
        name: String, type: ArgumentType, required: Bool = false, positional: Bool = true, summary: String? = nil,
        values: [String] = [], defaultValue: String? = nil, minimum: Int? = nil, maximum: Int? = nil
    ) {
        self.name = name
        self.type = type
        self.required = required
        self.positional = positional && type != .flag
        self.summary = summary
        self.values = values
        self.defaultValue = defaultValue
        self.minimum = minimum
        self.maximum = maximum
    }
}
