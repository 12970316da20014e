import Foundation
import Yams

/// A chat command described as data: one YAML file in `commands/`.
///
/// ```yaml
/// name: owner
/// summary: Who owns a service, API, system or any other entity
/// usage: /owner NAME
/// examples: ["/owner playlist-api", "/owner api:user-profile"]
/// handler: owner
/// ```
public struct CommandSpec: Sendable, Hashable, Codable {
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
    /// The built-in handler that answers it.
    public var handler: String

    /// Creates a spec.
    public init(name: String, aliases: [String] = [], summary: String, usage: String, examples: [String] = [], handler: String) {
        self.name = name
        self.aliases = aliases
        self.summary = summary
        self.usage = usage
        self.examples = examples
        self.handler = handler
    }

    enum CodingKeys: String, CodingKey {
        case name, aliases, summary, usage, examples, handler
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        aliases = try container.decodeIfPresent([String].self, forKey: .aliases) ?? []
        summary = try container.decode(String.self, forKey: .summary)
        usage = try container.decode(String.self, forKey: .usage)
        examples = try container.decodeIfPresent([String].self, forKey: .examples) ?? []
        handler = try container.decode(String.self, forKey: .handler)
    }
}

/// A command spec file that cannot be used, named by file and field.
public struct CommandSpecError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file.
    public var file: String
    /// What is wrong.
    public var message: String

    public var description: String { "\(file): \(message)" }
}

extension CommandSpec {
    /// Loads every `*.yaml`/`*.yml` spec in `directory`, sorted by file name.
    public static func load(from directory: URL) throws -> [CommandSpec] {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
            .sorted()
        return try files.map { try load(file: directory.appendingPathComponent($0)) }
    }

    /// Loads one spec file.
    public static func load(file: URL) throws -> CommandSpec {
        let name = file.lastPathComponent
        guard let text = try? String(contentsOf: file, encoding: .utf8) else {
            throw CommandSpecError(file: name, message: "cannot read the file")
        }
        let spec: CommandSpec
        do {
            spec = try YAMLDecoder().decode(CommandSpec.self, from: text)
        } catch let DecodingError.keyNotFound(key, _) {
            throw CommandSpecError(file: name, message: "missing field \"\(key.stringValue)\"")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw CommandSpecError(file: name, message: "field \"\(field)\": \(context.debugDescription)")
        } catch {
            throw CommandSpecError(file: name, message: "\(error)")
        }
        try spec.validate(file: name)
        return spec
    }

    func validate(file: String) throws {
        func isCommandName(_ text: String) -> Bool {
            !text.isEmpty && text.count <= 32 && text.allSatisfy { ($0.isLetter && $0.isLowercase) || $0.isNumber || $0 == "-" || $0 == "_" }
        }
        for (field, value) in [("name", name)] + aliases.enumerated().map({ ("aliases[\($0.offset)]", $0.element) }) where !isCommandName(value) {
            throw CommandSpecError(file: file, message: "field \"\(field)\": \"\(value)\" is not a command name (lower-case letters, digits, - and _, at most 32 characters, no slash)")
        }
        if summary.trimmingWhitespace().isEmpty { throw CommandSpecError(file: file, message: "field \"summary\" is empty") }
        if !usage.hasPrefix("/\(name)") { throw CommandSpecError(file: file, message: "field \"usage\" must start with /\(name)") }
    }
}
