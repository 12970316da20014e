import Foundation
import Catalog

/// Renders the `${{ }}` in a template's values (step inputs, `if`, `each`, output) against the run's
/// context. A string that is exactly one expression keeps the expression's type; any other string
/// is rendered as text.
struct ValueRenderer {
    let template: Template

    /// Where `text` appears in the template file, so an error inside it names the file's own line
    /// and column (the YAML reader does not keep positions of values).
    private func origin(of text: String) -> SourcePosition {
        let firstLine = text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? text
        guard !firstLine.isEmpty, let range = template.text.range(of: firstLine) else { return SourcePosition(line: 1, column: 1) }
        let before = template.text[..<range.lowerBound]
        let line = before.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
        let column = before.distance(from: before.lastIndex(of: "\n").map { before.index(after: $0) } ?? before.startIndex, to: before.endIndex) + 1
        return SourcePosition(line: line, column: column)
    }

    private func parse(_ text: String) throws(TemplateError) -> TextTemplate {
        try TextTemplate(text, file: template.origin.displayName, origin: origin(of: text))
    }

    /// Parses every string in `value`, throwing the first error.
    func check(_ value: JSONValue) throws(TemplateError) {
        switch value {
        case .string(let text) where TextTemplate.mayContainSyntax(text): _ = try parse(text)
        case .array(let items): for item in items { try check(item) }
        case .object(let members): for (_, member) in members { try check(member) }
        default: break
        }
    }

    /// `value` with every string rendered; nil when it renders to undefined.
    func render(_ value: JSONValue, _ context: [String: JSONValue]) throws(TemplateError) -> JSONValue? {
        switch value {
        case .string(let text):
            guard TextTemplate.mayContainSyntax(text) else { return value }
            // `${{ x }}` alone (spaces around it allowed) keeps x's type, as Backstage does; any
            // other text renders as it is written, its own whitespace kept.
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            let single = try parse(trimmed)
            if let expression = single.singleExpression() { return try single.evaluate(expression, context) }
            return .string(try (trimmed == text ? single : parse(text)).render(context))
        case .array(let items):
            var rendered: [JSONValue] = []
            for item in items {
                if let value = try render(item, context) { rendered.append(value) }
            }
            return .array(rendered)
        case .object(let members):
            var rendered: [String: JSONValue] = [:]
            for (key, member) in members {
                if let value = try render(member, context) { rendered[key] = value }
            }
            return .object(rendered)
        default: return value
        }
    }
}
