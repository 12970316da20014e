import Catalog

/// Answers a spec that defines a declarative `query:` instead of a built-in handler: binds the
/// arguments as `:name` parameters, runs the SQL read-only within its limits, and lays the rows
/// out with the spec's template. No Swift is written per command.
struct QueryCommand: CommandHandler {
    let query: QuerySpec
    let template: ResponseTemplate

    init(query: QuerySpec, specName: String) throws {
        self.query = query
        do { template = try ResponseTemplate(query.template) } catch let error as ResponseTemplate.SyntaxError {
            throw CommandSpecError(file: "\(specName).yaml", message: "field \"query.template\" is not a valid template: \(error.message)")
        }
    }

    func run(_ invocation: Invocation, spec: CommandSpec, context: CommandContext) async throws -> Reply {
        let arguments = try spec.parseArguments(invocation.text)
        var parameters = arguments.queryParameters
        for argument in spec.arguments where parameters[argument.name] == nil { parameters[argument.name] = .null }
        let result: QueryRows
        do {
            result = try await context.catalog.readOnlyQuery(query.sql, parameters: parameters, rowLimit: query.rowLimit, timeLimit: query.timeLimit)
        } catch QueryError.timedOut(let limit) {
            throw QueryTooSlowError(command: spec.name, limit: limit)
        }
        // Other query errors are the command author's to fix: the router logs them once and the
        // caller gets the generic apology with a correlation id.

        let rows = JSONValue.array(result.rows.map(JSONValue.object))
        var scope = parameters
        scope["rows"] = rows
        scope["count"] = .number(Double(result.rows.count))
        scope["more"] = .number(Double(result.more))
        var blocks = template.blocks(.object(scope))
        if result.more > 0 {
            let more = result.more
            if let index = blocks.lastIndex(where: { if case .list = $0 { true } else { false } }),
               case .list(let title, let items, let existing) = blocks[index] {
                blocks[index] = .list(title: title, items: items, more: existing + more)
            } else {
                blocks.append(.context(.text("… and \(more) more rows")))
            }
        }
        let summary = blocks.lazy.compactMap { block -> String? in
            switch block {
            case .header(let text): text
            case .paragraph(let text): text.plain
            default: nil
            }
        }.first ?? "/\(spec.name): \(result.rows.count) rows"
        let data: JSONValue = .object([
            "command": .string(spec.name),
            "arguments": .object(parameters),
            "columns": .array(result.columns.map(JSONValue.string)),
            "rows": rows,
            "more": .number(Double(result.more)),
        ])
        return Reply(summary: summary, blocks: blocks, data: data)
    }
}

/// A declarative query ran past its time limit.
struct QueryTooSlowError: UserFacingError {
    let command: String
    let limit: Duration

    var userMessage: String { "/\(command) took longer than \(limit) and was stopped. Try narrower arguments, or ask the command's owners to speed it up." }
}
