import Foundation

/// Binds lexed tokens to a spec's typed arguments. Every mismatch is a ``UsageError`` carrying the
/// command's usage line; nothing here can crash on what a person types.
enum ArgumentBinder {
    static func bind(_ tokens: [CommandToken], to spec: CommandSpec) throws -> Arguments {
        func usage(_ problem: String) -> UsageError { UsageError(problem, usage: spec.usage) }
        func argument(named raw: some StringProtocol) -> ArgumentSpec? {
            let name = raw.lowercased().replacingOccurrences(of: "-", with: "_")
            return spec.arguments.first { $0.name.lowercased() == name }
        }

        var values: [String: ArgumentValue] = [:]
        func assign(_ argument: ArgumentSpec, _ token: CommandToken) throws {
            guard values[argument.name] == nil else { throw usage("\(argument.name) is given twice.") }
            values[argument.name] = try convert(token, for: argument, usage: usage)
        }

        // Named values first (they may appear anywhere), then positions in what is left.
        var positional: [CommandToken] = []
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            guard case .word(let word) = token else { positional.append(token); continue }
            if word.hasPrefix("--"), word.count > 2 {
                let option = word.dropFirst(2)
                let equals = option.firstIndex(of: "=")
                let name = equals.map { option[..<$0] } ?? option
                guard let argument = argument(named: name) else {
                    let known = spec.arguments.filter { !$0.positional }.map { "--\($0.name)" }
                    throw usage("Unknown option --\(name).\(known.isEmpty ? "" : " Options: \(known.joined(separator: ", ")).")")
                }
                if let equals {
                    try assign(argument, .word(String(option[option.index(after: equals)...])))
                } else if argument.type == .flag {
                    try assign(argument, .word("true"))
                } else {
                    guard index < tokens.count else { throw usage("--\(argument.name) needs a value.") }
                    try assign(argument, tokens[index])
                    index += 1
                }
            } else if let equals = word.firstIndex(of: "="), equals != word.startIndex,
                      let argument = argument(named: word[..<equals]) {
                try assign(argument, .word(String(word[word.index(after: equals)...])))
            } else {
                positional.append(token)
            }
        }

        var remaining = positional[...]
        let open = spec.arguments.filter { $0.positional && values[$0.name] == nil }
        for (offset, argument) in open.enumerated() {
            guard let first = remaining.first else { break }
            if argument.type == .text, offset == open.count - 1 {
                values[argument.name] = .text(remaining.map(\.text).joined(separator: " "))
                remaining = []
            } else {
                values[argument.name] = try convert(first, for: argument, usage: usage)
                remaining = remaining.dropFirst()
            }
        }
        if let extra = remaining.first {
            throw usage("Unexpected \u{201C}\(extra.text)\u{201D}.")
        }
        for argument in spec.arguments where values[argument.name] == nil {
            if argument.required { throw usage("Missing \(argument.name.uppercased())\(argument.summary.map { ": \($0)" } ?? "").") }
            if let defaultValue = argument.defaultValue {
                values[argument.name] = try convert(.word(defaultValue), for: argument, usage: usage)
            }
        }
        return Arguments(values)
    }

    private static func convert(_ token: CommandToken, for argument: ArgumentSpec, usage: (String) -> UsageError) throws -> ArgumentValue {
        let text = token.text
        switch argument.type {
        case .text:
            return .text(text)
        case .enum:
            guard let value = argument.values.first(where: { $0.lowercased() == text.lowercased() }) else {
                throw usage("\(argument.name) must be one of \(argument.values.joined(separator: ", ")), not \u{201C}\(text)\u{201D}.")
            }
            return .choice(value)
        case .number:
            guard let number = Int(text) else { throw usage("\(argument.name) must be a whole number, not \u{201C}\(text)\u{201D}.") }
            if let minimum = argument.minimum, number < minimum { throw usage("\(argument.name) must be at least \(minimum).") }
            if let maximum = argument.maximum, number > maximum { throw usage("\(argument.name) must be at most \(maximum).") }
            return .number(number)
        case .flag:
            switch text.lowercased() {
            case "true", "yes", "on", "1": return .flag(true)
            case "false", "no", "off", "0": return .flag(false)
            default: throw usage("\(argument.name) is a flag: give --\(argument.name), or \(argument.name)=true or false.")
            }
        case .entity, .team, .user:
            switch token {
            case .user(let id, let label) where argument.type != .team:
                return .entity(.chatUser(id: id, label: label))
            case .channel(let id, let label) where argument.type != .user:
                return .entity(.chatChannel(id: id, label: label))
            case .word(let name), .quoted(let name):
                guard !name.isEmpty, !name.contains(where: \.isWhitespace) else {
                    throw usage("Give one \(noun(argument.type)) name, not \u{201C}\(name)\u{201D}.")
                }
                return .entity(.name(name))
            default:
                throw usage("\(argument.name) must be \(article(argument.type)) \(noun(argument.type)), not \u{201C}\(text)\u{201D}.")
            }
        }
    }

    private static func article(_ type: ArgumentSpec.ArgumentType) -> String {
        type == .entity ? "an" : "a"
    }

    private static func noun(_ type: ArgumentSpec.ArgumentType) -> String {
        switch type {
        case .team: "team"
        case .user: "person"
        default: "entity"
        }
    }
}

extension CommandSpec {
    /// Reads `text` (any transport's) into this command's typed arguments.
    /// - Throws: ``UsageError`` with this command's usage line when the text does not fit.
    public func parseArguments(_ text: String) throws -> Arguments {
        try ArgumentBinder.bind(CommandLexer.tokens(text), to: self)
    }
}
