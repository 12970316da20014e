import Catalog

/// Text with `${{ expr }}` outputs and Nunjucks block tags: `{% if %}`/`{% elif %}`/`{% else %}`/
/// `{% endif %}`, `{% for x in xs %}`…`{% else %}`…`{% endfor %}`, `{% set x = expr %}`,
/// `{% raw %}`…`{% endraw %}`, `{# comments #}`, and `-` whitespace control on every delimiter.
///
/// Plain `{{ x }}` is text (GitHub Actions workflows are full of it) unless `cookiecutterCompat`
/// makes `{{ }}` the output delimiter. Parsing checks every tag, filter and expression up front, so
/// a template with a typo fails before anything runs, naming file, line and column.
public struct TextTemplate: Sendable {
    indirect enum Node: Sendable {
        case text(String)
        case output(Expression)
        case branches([Branch], otherwise: [Node])
        case loop(names: [String], iterable: Expression, body: [Node], empty: [Node])
        case set(String, Expression)
    }

    struct Branch: Sendable {
        let condition: Expression
        let body: [Node]
    }

    let nodes: [Node]
    let source: SourceText
    /// Whether the text holds no template syntax at all (renders to itself).
    public let isPlain: Bool

    /// Parses `text`. `file` and `origin` are what errors name; `cookiecutter` switches the output
    /// delimiter from `${{` to `{{`.
    public init(_ text: String, file: String, origin: SourcePosition = SourcePosition(line: 1, column: 1), cookiecutter: Bool = false) throws(TemplateError) {
        let source = SourceText(text, file: file, origin: origin)
        self.source = source
        var parser = TextTemplateParser(source: source, outputOpen: cookiecutter ? "{{" : "${{")
        let (nodes, end) = try parser.parseNodes(until: [])
        if let end { throw source.error("unexpected {% \(end.name) %}", at: end.offset) }
        self.nodes = nodes
        isPlain = nodes.allSatisfy { if case .text = $0 { true } else { false } }
    }

    /// Whether `text` could hold template syntax at all (a fast check before parsing).
    public static func mayContainSyntax(_ text: String, cookiecutter: Bool = false) -> Bool {
        text.contains(cookiecutter ? "{{" : "${{") || text.contains("{%") || text.contains("{#")
    }

    /// Renders the text with `variables` as the root scope.
    public func render(_ variables: [String: JSONValue]) throws(TemplateError) -> String {
        var scopes = Scopes(variables)
        var out = ""
        try render(nodes, &scopes, into: &out)
        return out
    }

    /// When the whole text is exactly one output expression, its value with its type kept (a list
    /// stays a list, undefined stays undefined); nil otherwise.
    func singleExpression() -> Expression? {
        guard nodes.count == 1, case .output(let expression) = nodes[0] else { return nil }
        return expression
    }

    /// Evaluates one expression against `variables`.
    func evaluate(_ expression: Expression, _ variables: [String: JSONValue]) throws(TemplateError) -> JSONValue? {
        try ExpressionEvaluator(source: source).evaluate(expression, Scopes(variables))
    }

    private func render(_ nodes: [Node], _ scopes: inout Scopes, into out: inout String) throws(TemplateError) {
        let evaluator = ExpressionEvaluator(source: source)
        for node in nodes {
            switch node {
            case .text(let text): out += text
            case .output(let expression): out += TemplateValues.text(try evaluator.evaluate(expression, scopes))
            case .set(let name, let expression): scopes.set(name, try evaluator.evaluate(expression, scopes))
            case .branches(let branches, let otherwise):
                var taken = false
                for branch in branches {
                    guard TemplateValues.isTruthy(try evaluator.evaluate(branch.condition, scopes)) else { continue }
                    try render(branch.body, &scopes, into: &out)
                    taken = true
                    break
                }
                if !taken { try render(otherwise, &scopes, into: &out) }
            case .loop(let names, let iterable, let body, let empty):
                let items: [(JSONValue, JSONValue)]
                switch try evaluator.evaluate(iterable, scopes) {
                case .array(let values)?: items = values.map { ($0, .null) }
                case .object(let members)?: items = members.keys.sorted().map { (.string($0), members[$0]!) }
                case .string(let text)?: items = text.map { (.string(String($0)), .null) }
                default: items = []
                }
                if items.isEmpty {
                    try render(empty, &scopes, into: &out)
                    continue
                }
                for (position, item) in items.enumerated() {
                    var frame: [String: JSONValue] = [
                        "loop": .object([
                            "index": .number(Double(position + 1)), "index0": .number(Double(position)),
                            "first": .bool(position == 0), "last": .bool(position == items.count - 1),
                            "length": .number(Double(items.count)), "revindex": .number(Double(items.count - position)),
                        ])
                    ]
                    if names.count >= 2 {
                        if case .array(let parts) = item.0, item.1 == .null {
                            for (index, name) in names.enumerated() where index < parts.count { frame[name] = parts[index] }
                        } else {
                            frame[names[0]] = item.0
                            frame[names[1]] = item.1
                        }
                    } else {
                        frame[names[0]] = item.0
                    }
                    scopes.frames.append(frame)
                    defer { scopes.frames.removeLast() }
                    try render(body, &scopes, into: &out)
                }
            }
        }
    }
}

/// The tag that ended a block (`endif`, `else`, ...), for the block that is waiting for it.
struct EndTag {
    let name: String
    let offset: Int
    let content: Range<Int>
}

/// Splits template text into nodes, finding each delimiter and its matching close.
struct TextTemplateParser {
    let source: SourceText
    let outputOpen: String
    private var index = 0
    private var trimNextText = false
    private var chars: [Character] { source.characters }

    init(source: SourceText, outputOpen: String) {
        self.source = source
        self.outputOpen = outputOpen
    }

    /// Parses nodes until one of `endTags` (returned) or the end of the text (nil).
    mutating func parseNodes(until endTags: Set<String>) throws(TemplateError) -> ([TextTemplate.Node], EndTag?) {
        var nodes: [TextTemplate.Node] = []
        while index < chars.count {
            guard let delimiter = nextDelimiter(from: index) else {
                appendText(index..<chars.count, trimEnd: false, to: &nodes)
                index = chars.count
                break
            }
            let (start, kind) = delimiter
            let openLength = kind == .output ? outputOpen.count : 2
            let trimBefore = start + openLength < chars.count && chars[start + openLength] == "-"
            appendText(index..<start, trimEnd: trimBefore, to: &nodes)
            let innerStart = start + openLength + (trimBefore ? 1 : 0)
            switch kind {
            case .comment:
                guard let close = find("#}", from: innerStart) else { throw source.error("unterminated comment", at: start) }
                trimNextText = close > innerStart && chars[close - 1] == "-"
                index = close + 2
            case .output:
                guard let close = findClose("}}", from: innerStart) else { throw source.error("unterminated ${{ expression: no closing }}", at: start) }
                let trimAfter = close > innerStart && chars[close - 1] == "-"
                let innerEnd = trimAfter ? close - 1 : close
                nodes.append(.output(try ExpressionParser.parse(source, innerStart..<innerEnd)))
                trimNextText = trimAfter
                index = close + 2
            case .tag:
                guard let close = findClose("%}", from: innerStart) else { throw source.error("unterminated {% tag: no closing %}", at: start) }
                let trimAfter = close > innerStart && chars[close - 1] == "-"
                let innerEnd = trimAfter ? close - 1 : close
                trimNextText = trimAfter
                index = close + 2
                var nameStart = innerStart
                while nameStart < innerEnd, chars[nameStart].isWhitespace { nameStart += 1 }
                var nameEnd = nameStart
                while nameEnd < innerEnd, chars[nameEnd].isLetter || chars[nameEnd] == "_" { nameEnd += 1 }
                let name = String(chars[nameStart..<nameEnd])
                let content = nameEnd..<innerEnd
                if endTags.contains(name) { return (nodes, EndTag(name: name, offset: nameStart, content: content)) }
                nodes.append(contentsOf: try block(name, at: nameStart, content: content))
            }
        }
        // The block that waited for an end tag reports it missing, at its own start.
        return (nodes, nil)
    }

    private mutating func block(_ name: String, at offset: Int, content: Range<Int>) throws(TemplateError) -> [TextTemplate.Node] {
        switch name {
        case "if":
            var branches: [TextTemplate.Branch] = []
            var condition = try ExpressionParser.parse(source, content)
            while true {
                let (body, end) = try parseNodes(until: ["elif", "elseif", "else", "endif"])
                branches.append(TextTemplate.Branch(condition: condition, body: body))
                guard let end else { throw source.error("missing {% endif %}", at: offset) }
                switch end.name {
                case "elif", "elseif":
                    condition = try ExpressionParser.parse(source, end.content)
                case "else":
                    let (otherwise, last) = try parseNodes(until: ["endif"])
                    guard last != nil else { throw source.error("missing {% endif %}", at: offset) }
                    return [.branches(branches, otherwise: otherwise)]
                default:
                    return [.branches(branches, otherwise: [])]
                }
            }
        case "for":
            var parser = ExpressionParser(source: source, tokens: try ExpressionLexer.tokens(source, content))
            var names = [try parser.expectName()]
            while parser.isSymbol(",") {
                _ = parser.advance()
                names.append(try parser.expectName())
            }
            guard parser.isName("in") else { throw parser.unexpected(expecting: "\"in\"") }
            _ = parser.advance()
            let iterable = try parser.expression()
            try parser.expectEnd()
            let (body, end) = try parseNodes(until: ["else", "endfor"])
            guard let end else { throw source.error("missing {% endfor %}", at: offset) }
            var empty: [TextTemplate.Node] = []
            if end.name == "else" {
                let (nodes, last) = try parseNodes(until: ["endfor"])
                guard last != nil else { throw source.error("missing {% endfor %}", at: offset) }
                empty = nodes
            }
            return [.loop(names: names, iterable: iterable, body: body, empty: empty)]
        case "set":
            var parser = ExpressionParser(source: source, tokens: try ExpressionLexer.tokens(source, content))
            let variable = try parser.expectName()
            try parser.expectSymbol("=")
            let value = try parser.expression()
            try parser.expectEnd()
            return [.set(variable, value)]
        case "raw", "verbatim":
            // Everything up to the matching end tag is text, delimiters included.
            let endName = "end" + name
            var search = index
            while let open = find("{%", from: search) {
                var cursor = open + 2
                if cursor < chars.count, chars[cursor] == "-" { cursor += 1 }
                while cursor < chars.count, chars[cursor].isWhitespace { cursor += 1 }
                let word = endName.count
                if cursor + word <= chars.count, String(chars[cursor..<(cursor + word)]) == endName, let close = find("%}", from: cursor + word) {
                    let text = String(chars[index..<open])
                    trimNextText = close > 0 && chars[close - 1] == "-"
                    index = close + 2
                    return [.text(text)]
                }
                search = open + 2
            }
            throw source.error("missing {% \(endName) %}", at: offset)
        case "":
            throw source.error("empty tag", at: offset)
        case "else", "elif", "elseif", "endif", "endfor", "endraw", "endverbatim":
            throw source.error("unexpected {% \(name) %}: no block is open here", at: offset)
        default:
            throw source.error("unknown tag \"\(name)\"", at: offset)
        }
    }

    private enum DelimiterKind { case output, tag, comment }

    private func nextDelimiter(from start: Int) -> (Int, DelimiterKind)? {
        let first = Array(outputOpen)
        var i = start
        while i + 1 < chars.count {
            let c = chars[i]
            if c == first[0], matches(first, at: i) { return (i, .output) }
            if c == "{" {
                if chars[i + 1] == "%" { return (i, .tag) }
                if chars[i + 1] == "#" { return (i, .comment) }
            }
            i += 1
        }
        return nil
    }

    private func matches(_ pattern: [Character], at i: Int) -> Bool {
        guard i + pattern.count <= chars.count else { return false }
        for (offset, c) in pattern.enumerated() where chars[i + offset] != c { return false }
        return true
    }

    private func find(_ text: String, from start: Int) -> Int? {
        let pattern = Array(text)
        var i = start
        while i + pattern.count <= chars.count {
            if matches(pattern, at: i) { return i }
            i += 1
        }
        return nil
    }

    /// The offset of `close` after `start`, skipping quoted strings and balanced braces (so an
    /// object literal's `}` does not end the expression).
    private func findClose(_ close: String, from start: Int) -> Int? {
        let pattern = Array(close)
        var depth = 0
        var i = start
        while i < chars.count {
            let c = chars[i]
            if c == "\"" || c == "'" {
                i += 1
                while i < chars.count, chars[i] != c {
                    if chars[i] == "\\" { i += 1 }
                    i += 1
                }
                i += 1
                continue
            }
            if depth == 0, matches(pattern, at: i) { return i }
            if c == "{" { depth += 1 }
            if c == "}" { depth = max(0, depth - 1) }
            i += 1
        }
        return nil
    }

    private mutating func appendText(_ range: Range<Int>, trimEnd: Bool, to nodes: inout [TextTemplate.Node]) {
        guard !range.isEmpty else {
            trimNextText = false
            return
        }
        var lower = range.lowerBound, upper = range.upperBound
        if trimNextText {
            while lower < upper, chars[lower].isWhitespace { lower += 1 }
            trimNextText = false
        }
        if trimEnd {
            while upper > lower, chars[upper - 1].isWhitespace { upper -= 1 }
        }
        if lower < upper { nodes.append(.text(String(chars[lower..<upper]))) }
    }
}
