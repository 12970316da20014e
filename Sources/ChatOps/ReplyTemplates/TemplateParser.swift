import Foundation

/// Parses ``ResponseTemplate`` source into nodes, applying Mustache's "standalone tag" rule so
/// section tags on their own lines leave no blank lines behind.
struct TemplateParser {
    let source: String

    private enum Tag {
        case value(String)
        case open(String, inverted: Bool)
        case close(String)
        case comment
    }

    mutating func parse() throws -> [ResponseTemplate.Node] {
        var stack: [(name: String, inverted: Bool, nodes: [ResponseTemplate.Node])] = [("", false, [])]
        for line in lines() {
            let pieces = try split(line)
            let tags = pieces.compactMap { piece -> Tag? in if case .tag(let tag) = piece { return tag } else { return nil } }
            let textIsBlank = pieces.allSatisfy { piece in
                if case .text(let text) = piece { return text.allSatisfy(\.isWhitespace) } else { return true }
            }
            let standalone = tags.count == 1 && textIsBlank && { if case .value = tags[0] { false } else { true } }()
            for piece in pieces {
                switch piece {
                case .text(let text):
                    if !standalone, !text.isEmpty { stack[stack.count - 1].nodes.append(.text(text)) }
                case .tag(.value(let name)):
                    stack[stack.count - 1].nodes.append(.value(name))
                case .tag(.comment):
                    break
                case .tag(.open(let name, let inverted)):
                    stack.append((name, inverted, []))
                case .tag(.close(let name)):
                    guard stack.count > 1, let open = stack.last, open.name == name else {
                        throw ResponseTemplate.SyntaxError(message: "{{/\(name)}} closes no open {{#\(name)}}")
                    }
                    stack.removeLast()
                    stack[stack.count - 1].nodes.append(.section(open.name, inverted: open.inverted, open.nodes))
                }
            }
        }
        guard stack.count == 1 else { throw ResponseTemplate.SyntaxError(message: "{{#\(stack.last!.name)}} is never closed") }
        return stack[0].nodes
    }

    private enum Piece {
        case text(String)
        case tag(Tag)
    }

    /// Lines with their line breaks kept, so text between tags keeps its layout.
    private func lines() -> [Substring] {
        var lines: [Substring] = []
        var start = source.startIndex
        while let newline = source[start...].firstIndex(of: "\n") {
            lines.append(source[start...newline])
            start = source.index(after: newline)
        }
        if start < source.endIndex { lines.append(source[start...]) }
        return lines
    }

    private func split(_ line: Substring) throws -> [Piece] {
        var pieces: [Piece] = []
        var rest = line
        while let open = rest.range(of: "{{") {
            pieces.append(.text(String(rest[..<open.lowerBound])))
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                throw ResponseTemplate.SyntaxError(message: "a {{ tag is not closed with }}")
            }
            let body = rest[open.upperBound..<close.lowerBound].trimmingWhitespace()
            pieces.append(.tag(try tag(body)))
            rest = rest[close.upperBound...]
        }
        pieces.append(.text(String(rest)))
        return pieces
    }

    private func tag(_ body: String) throws -> Tag {
        guard let first = body.first else { throw ResponseTemplate.SyntaxError(message: "an empty {{}} tag") }
        let name = body.dropFirst().trimmingWhitespace()
        switch first {
        case "!": return .comment
        case "#", "^", "/":
            guard !name.isEmpty else { throw ResponseTemplate.SyntaxError(message: "{{\(first)}} needs a name") }
            return first == "/" ? .close(name) : .open(name, inverted: first == "^")
        default:
            return .value(body)
        }
    }
}
