import Catalog

/// A recursive-descent parser over expression tokens, with Nunjucks' precedence: inline `if`, `or`,
/// `and`, `not`, `in`, `is`, comparisons, `~`, `+ -`, `* / // %`, unary minus, filters, then
/// member access and primaries.
struct ExpressionParser {
    private let source: SourceText
    private var tokens: [ExpressionToken]
    private var position = 0
    /// How deep the recursive descent is: a template is untrusted, and `((((…` or `not not not …`
    /// thousands deep would otherwise overflow the stack and crash the service.
    private var depth = 0
    static let maxDepth = 64

    /// Enters one level of nesting, refusing past ``maxDepth``.
    private mutating func descend() throws(TemplateError) {
        depth += 1
        guard depth <= Self.maxDepth else { throw source.error("expression nested more than \(Self.maxDepth) deep", at: current.offset) }
    }

    /// Parses a whole expression out of `source.characters[range]`.
    static func parse(_ source: SourceText, _ range: Range<Int>) throws(TemplateError) -> Expression {
        var parser = ExpressionParser(source: source, tokens: try ExpressionLexer.tokens(source, range))
        guard parser.current.kind != .end else { throw source.error("empty expression", at: range.lowerBound) }
        let expression = try parser.expression()
        try parser.expectEnd()
        return expression
    }

    init(source: SourceText, tokens: [ExpressionToken]) {
        self.source = source
        self.tokens = tokens
    }

    var current: ExpressionToken { tokens[position] }
    var atEnd: Bool { current.kind == .end }

    mutating func advance() -> ExpressionToken {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    func isName(_ name: String) -> Bool { current.kind == .name(name) }
    func isSymbol(_ symbol: String) -> Bool { current.kind == .symbol(symbol) }

    mutating func expectSymbol(_ symbol: String) throws(TemplateError) {
        guard isSymbol(symbol) else { throw unexpected(expecting: "\"\(symbol)\"") }
        _ = advance()
    }

    mutating func expectName() throws(TemplateError) -> String {
        guard case .name(let name) = current.kind else { throw unexpected(expecting: "a name") }
        _ = advance()
        return name
    }

    func expectEnd() throws(TemplateError) {
        guard atEnd else { throw unexpected(expecting: "the end of the expression") }
    }

    func unexpected(expecting: String) -> TemplateError {
        let found: String
        switch current.kind {
        case .end: found = "the end"
        case .name(let name): found = "\"\(name)\""
        case .string(let text): found = "the string \"\(text)\""
        case .number(let number): found = "the number \(number)"
        case .symbol(let symbol): found = "\"\(symbol)\""
        }
        return source.error("expected \(expecting), found \(found)", at: current.offset)
    }

    mutating func expression() throws(TemplateError) -> Expression {
        try descend()
        defer { depth -= 1 }
        let body = try or()
        guard isName("if") else { return body }
        _ = advance()
        let condition = try or()
        var otherwise: Expression?
        if isName("else") {
            _ = advance()
            otherwise = try or()
        }
        return .conditional(then: body, condition: condition, otherwise: otherwise)
    }

    private mutating func or() throws(TemplateError) -> Expression {
        var left = try and()
        while isName("or") {
            _ = advance()
            left = .binary("or", left, try and())
        }
        return left
    }

    private mutating func and() throws(TemplateError) -> Expression {
        var left = try not()
        while isName("and") {
            _ = advance()
            left = .binary("and", left, try not())
        }
        return left
    }

    private mutating func not() throws(TemplateError) -> Expression {
        try descend()
        defer { depth -= 1 }
        if isName("not") {
            _ = advance()
            return .unary("not", try not())
        }
        return try membership()
    }

    private mutating func membership() throws(TemplateError) -> Expression {
        var left = try isTest()
        while true {
            if isName("in") {
                _ = advance()
                left = .binary("in", left, try isTest())
            } else if isName("not"), position + 1 < tokens.count, tokens[position + 1].kind == .name("in") {
                _ = advance()
                _ = advance()
                left = .unary("not", .binary("in", left, try isTest()))
            } else {
                return left
            }
        }
    }

    private mutating func isTest() throws(TemplateError) -> Expression {
        let left = try comparison()
        guard isName("is") else { return left }
        _ = advance()
        var negated = false
        if isName("not") {
            _ = advance()
            negated = true
        }
        let offset = current.offset
        let name = try expectName()
        guard ValueTests.names.contains(name) else { throw source.error("unknown test \"\(name)\"", at: offset) }
        return .test(left, name: name, negated: negated)
    }

    private static let comparisons: Set<String> = ["==", "===", "!=", "!==", "<", ">", "<=", ">="]

    private mutating func comparison() throws(TemplateError) -> Expression {
        var left = try concatenation()
        while case .symbol(let symbol) = current.kind, Self.comparisons.contains(symbol) {
            _ = advance()
            left = .binary(symbol, left, try concatenation())
        }
        return left
    }

    private mutating func concatenation() throws(TemplateError) -> Expression {
        var left = try additive()
        while isSymbol("~") {
            _ = advance()
            left = .binary("~", left, try additive())
        }
        return left
    }

    private mutating func additive() throws(TemplateError) -> Expression {
        var left = try multiplicative()
        while case .symbol(let symbol) = current.kind, symbol == "+" || symbol == "-" {
            _ = advance()
            left = .binary(symbol, left, try multiplicative())
        }
        return left
    }

    private mutating func multiplicative() throws(TemplateError) -> Expression {
        var left = try unary()
        while case .symbol(let symbol) = current.kind, ["*", "/", "//", "%"].contains(symbol) {
            _ = advance()
            left = .binary(symbol, left, try unary())
        }
        return left
    }

    private mutating func unary() throws(TemplateError) -> Expression {
        try descend()
        defer { depth -= 1 }
        if isSymbol("-") || isSymbol("+") {
            guard case .symbol(let symbol) = advance().kind else { return try filters(try primary()) }
            return try filters(.unary(symbol, try unary()))
        }
        return try filters(try primary())
    }

    private mutating func filters(_ base: Expression) throws(TemplateError) -> Expression {
        var value = base
        while isSymbol("|") {
            _ = advance()
            let offset = current.offset
            let name = try expectName()
            guard Filters.names.contains(name) else { throw source.error("unknown filter \"\(name)\"", at: offset) }
            var arguments: [Expression] = []
            if isSymbol("(") {
                _ = advance()
                arguments = try list(closing: ")")
            }
            value = .filter(value, name: name, arguments: arguments, offset: offset)
        }
        return value
    }

    private mutating func list(closing: String) throws(TemplateError) -> [Expression] {
        var items: [Expression] = []
        while !isSymbol(closing) {
            items.append(try expression())
            guard isSymbol(",") else { break }
            _ = advance()
        }
        try expectSymbol(closing)
        return items
    }

    private mutating func primary() throws(TemplateError) -> Expression {
        let token = advance()
        var value: Expression
        switch token.kind {
        case .string(let text): value = .literal(.string(text))
        case .number(let number): value = .literal(.number(number))
        case .name(let name):
            switch name {
            case "true", "True": value = .literal(.bool(true))
            case "false", "False": value = .literal(.bool(false))
            case "none", "None", "null": value = .literal(.null)
            default: value = .variable(name)
            }
        case .symbol("("):
            value = try expression()
            try expectSymbol(")")
        case .symbol("["):
            value = .array(try list(closing: "]"))
        case .symbol("{"):
            var members: [Expression.ObjectMember] = []
            while !isSymbol("}") {
                let keyToken = advance()
                let key: String
                switch keyToken.kind {
                case .name(let name): key = name
                case .string(let text): key = text
                default:
                    position -= 1
                    throw unexpected(expecting: "an object key")
                }
                try expectSymbol(":")
                members.append(Expression.ObjectMember(key: key, value: try expression()))
                guard isSymbol(",") else { break }
                _ = advance()
            }
            try expectSymbol("}")
            value = .object(members)
        default:
            position = max(0, position - 1)
            throw unexpected(expecting: "a value")
        }
        while true {
            if isSymbol(".") {
                _ = advance()
                if case .number(let number) = current.kind {
                    _ = advance()
                    value = .index(value, .literal(.number(number)))
                } else {
                    value = .member(value, try expectName())
                }
            } else if isSymbol("[") {
                _ = advance()
                let index = try expression()
                try expectSymbol("]")
                value = .index(value, index)
            } else if isSymbol("(") {
                throw source.error("function calls are not supported in templates; use a filter", at: current.offset)
            } else {
                return value
            }
        }
    }
}
