import Catalog

/// A tiny Mustache-like template for declarative command answers.
///
/// - `{{name}}` inserts a value: a column of the current row, else an argument or `count`/`more`.
/// - `{{#name}}…{{/name}}` repeats for each element of a list (`rows`), or shows once when the
///   value is present and not empty, false or zero.
/// - `{{^name}}…{{/name}}` shows when the value is missing, empty, false or zero.
/// - `{{! comment }}` is dropped. A section or comment tag alone on its line removes that line.
///
/// Inserted values stay values: they are never read as markup (see ``TemplateMarkup``), so catalog
/// text cannot format or break an answer.
public struct ResponseTemplate: Sendable, Hashable {
    /// A template that cannot be parsed.
    public struct SyntaxError: Error, Sendable, Hashable {
        /// What is wrong, for the command's author.
        public var message: String
    }

    indirect enum Node: Sendable, Hashable {
        case text(String)
        case value(String)
        case section(String, inverted: Bool, [Node])
    }

    /// One piece of rendered output: template text (may hold markup) or an inserted value.
    public enum Segment: Sendable, Hashable {
        /// Text from the template itself.
        case literal(String)
        /// A value from the data.
        case value(String)
    }

    let nodes: [Node]

    /// Parses `source`.
    /// - Throws: ``SyntaxError`` on unclosed or mismatched sections and unterminated tags.
    public init(_ source: String) throws {
        var parser = TemplateParser(source: source)
        nodes = try parser.parse()
    }

    /// Renders the template against `data`, an object of values.
    public func render(_ data: JSONValue) -> [Segment] {
        var output: [Segment] = []
        Self.render(nodes, stack: [data], into: &output)
        return output
    }

    /// Renders the template against `data` and lays the result out as reply blocks
    /// (see ``TemplateMarkup`` for the line markup).
    public func blocks(_ data: JSONValue) -> [ReplyBlock] {
        TemplateMarkup.blocks(render(data))
    }

    private static func render(_ nodes: [Node], stack: [JSONValue], into output: inout [Segment]) {
        for node in nodes {
            switch node {
            case .text(let text):
                output.append(.literal(text))
            case .value(let name):
                if let value = lookup(name, in: stack), let text = display(value) { output.append(.value(text)) }
            case .section(let name, let inverted, let children):
                let value = lookup(name, in: stack)
                if inverted {
                    if !isTruthy(value) { render(children, stack: stack, into: &output) }
                } else if case .array(let elements)? = value {
                    for element in elements { render(children, stack: stack + [element], into: &output) }
                } else if isTruthy(value) {
                    render(children, stack: stack + [value!], into: &output)
                }
            }
        }
    }

    private static func lookup(_ name: String, in stack: [JSONValue]) -> JSONValue? {
        if name == "." { return stack.last }
        for context in stack.reversed() {
            if let value = context[name] { return value }
        }
        return nil
    }

    private static func isTruthy(_ value: JSONValue?) -> Bool {
        switch value {
        case nil, .null?: false
        case .bool(let flag)?: flag
        case .number(let number)?: number != 0
        case .string(let text)?: !text.isEmpty
        case .array(let elements)?: !elements.isEmpty
        case .object?: true
        }
    }

    private static func display(_ value: JSONValue) -> String? {
        switch value {
        case .null: nil
        case .bool(let flag): flag ? "yes" : "no"
        case .number(let number): number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .string(let text): text.replacingNewlines()
        case .array(let elements): elements.compactMap(display).joined(separator: ", ")
        case .object: nil
        }
    }
}

extension String {
    /// Values are inserted on one line, so a description cannot start a new block.
    fileprivate func replacingNewlines() -> String {
        String(map { $0.isNewline ? " " : $0 })
    }
}
