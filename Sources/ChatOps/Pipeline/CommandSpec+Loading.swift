import Catalog
import Foundation
import Yams

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
        guard let text = try? String(contentsOf: file, encoding: .utf8) else {
            throw CommandSpecError(file: file.lastPathComponent, message: "cannot read the file")
        }
        return try parse(text, file: file.lastPathComponent)
    }

    /// Reads and validates a spec from YAML text.
    /// - Parameters:
    ///   - text: the YAML.
    ///   - file: the name errors should carry.
    public static func parse(_ text: String, file: String) throws -> CommandSpec {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else { throw CommandSpecError(file: file, message: "the file is empty") }
            root = node
        } catch let error as CommandSpecError {
            throw error
        } catch {
            throw CommandSpecError(file: file, message: "not valid YAML: \(error)")
        }
        let fields = try SpecFields(file: file, path: "", node: root)
        try fields.rejectUnknownKeys(["name", "aliases", "summary", "usage", "examples", "arguments", "visibility", "allowed", "handler", "query"])
        let handler = try fields.string("handler")
        let query = try fields.node("query").map { try QuerySpec(SpecFields(file: file, path: "query", node: $0)) }
        switch (handler, query) {
        case (nil, nil): throw CommandSpecError(file: file, message: "give either field \"handler\" (a built-in) or field \"query\" (sql and template)")
        case (.some, .some): throw fields.error("query", "cannot be combined with field \"handler\": give one of them")
        default: break
        }
        let spec = CommandSpec(
            name: try fields.requiredString("name"),
            aliases: try fields.strings("aliases"),
            summary: try fields.requiredString("summary"),
            usage: try fields.requiredString("usage"),
            examples: try fields.strings("examples"),
            arguments: try fields.list("arguments").map(ArgumentSpec.init(fields:)),
            visibility: try visibility(fields),
            allowed: try access(fields),
            handler: handler, query: query)
        try spec.validate(fields)
        return spec
    }

    private static func visibility(_ fields: SpecFields) throws -> Reply.Visibility {
        switch try fields.string("visibility") {
        case nil, "ephemeral": .ephemeral
        case "in_channel": .inChannel
        case let other?: throw fields.error("visibility", "is \"\(other)\"; use ephemeral or in_channel")
        }
    }

    private static func access(_ fields: SpecFields) throws -> CommandAccess {
        let values = try fields.strings("allowed")
        if values.isEmpty || values == ["any"] { return .anyone }
        return .members(of: try values.map { value in
            do { return try EntityRef(parsing: value, defaultKind: "group") } catch let error as EntityRefError {
                throw fields.error("allowed", "has \"\(value)\": \(error.reason); use any, or a list of groups")
            }
        })
    }

    private func validate(_ fields: SpecFields) throws {
        func isCommandName(_ text: String) -> Bool {
            !text.isEmpty && text.count <= 32 && text.allSatisfy { ($0.isLetter && $0.isLowercase) || $0.isNumber || $0 == "-" || $0 == "_" }
        }
        if !isCommandName(name) { throw fields.error("name", "is \"\(name)\": a command name has lower-case letters, digits, - and _, at most 32 characters, no slash") }
        for (index, alias) in aliases.enumerated() where !isCommandName(alias) {
            throw CommandSpecError(
                file: fields.file, line: fields.mapping.first { $0.key.string == "aliases" }?.key.mark?.line,
                message: "field \"aliases[\(index)]\" is \"\(alias)\": a command name has lower-case letters, digits, - and _, at most 32 characters")
        }
        if summary.trimmingWhitespace().isEmpty { throw fields.error("summary", "is empty") }
        if !usage.hasPrefix("/\(name)") { throw fields.error("usage", "must start with /\(name)") }
        var seen: Set<String> = []
        for (index, argument) in arguments.enumerated() {
            if !seen.insert(argument.name).inserted { throw fields.error("arguments", "item \(index) repeats the name \"\(argument.name)\"") }
            if argument.type == .text, argument.positional,
               arguments[(index + 1)...].contains(where: \.positional) {
                throw fields.error("arguments", "item \(index): a positional text argument takes the rest of the line, so it must be the last positional one")
            }
        }
    }
}

extension ArgumentSpec {
    init(fields: SpecFields) throws {
        try fields.rejectUnknownKeys(["name", "type", "required", "positional", "summary", "values", "default", "min", "max"])
        let name = try fields.requiredString("name")
        guard !name.isEmpty, name.allSatisfy({ ($0.isLetter && $0.isASCII) || $0.isNumber || $0 == "_" }), name.first?.isLetter == true else {
            throw fields.error("name", "is \"\(name)\": use letters, digits and _ (it is also the query parameter :\(name))")
        }
        let typeName = try fields.requiredString("type")
        guard let type = ArgumentType(rawValue: typeName) else {
            throw fields.error("type", "is \"\(typeName)\"; use one of \(ArgumentType.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let values = try fields.strings("values")
        if type == .enum, values.isEmpty { throw fields.error("values", "must list the accepted values of an enum argument") }
        if type != .enum, !values.isEmpty { throw fields.error("values", "only applies to enum arguments") }
        if type != .number, try fields.int("min") != nil || fields.int("max") != nil {
            throw fields.error(try fields.int("min") != nil ? "min" : "max", "only applies to number arguments")
        }
        self.init(
            name: name, type: type, required: try fields.bool("required") ?? false,
            positional: try fields.bool("positional") ?? true, summary: try fields.string("summary"),
            values: values, defaultValue: try fields.string("default"),
            minimum: try fields.int("min"), maximum: try fields.int("max"))
        if let defaultValue, type == .enum, !values.contains(where: { $0.lowercased() == defaultValue.lowercased() }) {
            throw fields.error("default", "is \"\(defaultValue)\", which is not one of values")
        }
        if let defaultValue, type == .number, Int(defaultValue) == nil { throw fields.error("default", "must be a whole number") }
        if required, defaultValue != nil { throw fields.error("default", "makes no sense for a required argument") }
    }
}

extension QuerySpec {
    init(_ fields: SpecFields) throws {
        try fields.rejectUnknownKeys(["sql", "template", "row_limit", "time_limit_ms"])
        let sql = try fields.requiredString("sql")
        let start = sql.drop { $0.isWhitespace }.prefix(6).lowercased()
        guard start.hasPrefix("select") || start.hasPrefix("with") else {
            throw fields.error("sql", "must be one read-only SELECT (or WITH … SELECT) over the catalog_* views")
        }
        let template = try fields.requiredString("template")
        do { _ = try ResponseTemplate(template) } catch let error as ResponseTemplate.SyntaxError {
            throw fields.error("template", "is not a valid template: \(error.message)")
        }
        let rowLimit = try fields.int("row_limit") ?? QuerySpec.defaultRowLimit
        guard (1...QuerySpec.maximumRowLimit).contains(rowLimit) else { throw fields.error("row_limit", "must be between 1 and \(QuerySpec.maximumRowLimit)") }
        let milliseconds = try fields.int("time_limit_ms") ?? QuerySpec.defaultTimeLimitMilliseconds
        guard (1...10_000).contains(milliseconds) else { throw fields.error("time_limit_ms", "must be between 1 and 10000") }
        self.init(sql: sql, template: template, rowLimit: rowLimit, timeLimit: .milliseconds(milliseconds))
    }
}
