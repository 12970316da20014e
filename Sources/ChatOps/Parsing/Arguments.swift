import Catalog

/// A command's arguments after binding: typed values by argument name.
public struct Arguments: Sendable, Hashable {
    /// The values given (or defaulted), by argument name.
    public var values: [String: ArgumentValue]

    /// Creates arguments from values.
    public init(_ values: [String: ArgumentValue] = [:]) {
        self.values = values
    }

    /// The value of `name`, if it was given or has a default.
    public subscript(name: String) -> ArgumentValue? { values[name] }

    /// A text, enum or number argument as text.
    public func text(_ name: String) -> String? {
        switch values[name] {
        case .text(let text)?, .choice(let text)?: text
        case .number(let number)?: String(number)
        case .entity(let entity)?: entity.text
        case .flag(let on)?: on ? "true" : "false"
        case nil: nil
        }
    }

    /// A number argument.
    public func number(_ name: String) -> Int? {
        if case .number(let number)? = values[name] { return number }
        return nil
    }

    /// A flag argument; false when not given.
    public func flag(_ name: String) -> Bool {
        if case .flag(let on)? = values[name] { return on }
        return false
    }

    /// An entity, team or user argument.
    public func entity(_ name: String) -> EntityArgument? {
        if case .entity(let entity)? = values[name] { return entity }
        return nil
    }

    /// The values as query parameters: text as text, numbers as integers, flags as 0/1, entities
    /// as what was typed (a chat mention as its user id).
    public var queryParameters: [String: JSONValue] {
        values.mapValues { value in
            switch value {
            case .text(let text), .choice(let text): .string(text)
            case .number(let number): .number(Double(number))
            case .flag(let on): .number(on ? 1 : 0)
            case .entity(let entity): .string(entity.text)
            }
        }
    }
}

/// One bound argument value.
public enum ArgumentValue: Sendable, Hashable {
    /// Free text.
    case text(String)
    /// A whole number within the spec's bounds.
    case number(Int)
    /// A flag.
    case flag(Bool)
    /// One of an enum's values, spelled as the spec spells it.
    case choice(String)
    /// Something that names a catalog entity.
    case entity(EntityArgument)
}

/// How a person named an entity: by name or ref, or by mentioning someone or a channel.
public enum EntityArgument: Sendable, Hashable {
    /// A bare name, `namespace/name` or `kind:namespace/name`, as typed.
    case name(String)
    /// A chat mention of a person, resolved through the `slack.com/user_id` annotation.
    case chatUser(id: String, label: String?)
    /// A chat channel, resolved to the team whose `slack.com/bot-notify` names it.
    case chatChannel(id: String, label: String?)

    /// What was typed, for messages and query parameters.
    public var text: String {
        switch self {
        case .name(let name): name
        case .chatUser(let id, _): id
        case .chatChannel(let id, let label): label.map { "#\($0)" } ?? id
        }
    }

    /// How to show it back to the person.
    public var display: String {
        switch self {
        case .name(let name): name
        case .chatUser(let id, let label): label.map { "@\($0)" } ?? id
        case .chatChannel(let id, let label): label.map { "#\($0)" } ?? id
        }
    }
}
