import Catalog

/// A parsed `${{ }}` expression: the Nunjucks subset Backstage templates use.
indirect enum Expression: Sendable {
    /// A literal value: string, number, boolean, none.
    case literal(JSONValue)
    /// A name looked up in the scopes (`parameters`, `values`, a loop variable).
    case variable(String)
    /// `base.name`.
    case member(Expression, String)
    /// `base[index]`.
    case index(Expression, Expression)
    /// `[a, b]`.
    case array([Expression])
    /// `{key: value}`.
    case object([ObjectMember])
    /// `not x`, `-x`, `+x`.
    case unary(String, Expression)
    /// `a + b`, `a and b`, `a in b`, `a == b`, ...
    case binary(String, Expression, Expression)
    /// `a if condition else b` (`else` optional: then undefined).
    case conditional(then: Expression, condition: Expression, otherwise: Expression?)
    /// `value | name(arguments)`; `offset` is where the filter's name starts, for errors.
    case filter(Expression, name: String, arguments: [Expression], offset: Int)
    /// `value is [not] test`.
    case test(Expression, name: String, negated: Bool)

    /// One `key: value` of an object literal.
    struct ObjectMember: Sendable {
        let key: String
        let value: Expression
    }
}

/// One token of an expression, with the offset (in the source text) it starts at.
struct ExpressionToken: Sendable {
    enum Kind: Sendable, Equatable {
        case name(String)
        case string(String)
        case number(Double)
        case symbol(String)
        case end
    }

    let kind: Kind
    let offset: Int
}

/// Splits an expression's characters into tokens.
enum ExpressionLexer {
    private static let symbols = ["===", "!==", "==", "!=", "<=", ">=", "//", "**", "<", ">", "+", "-", "*", "/", "%", "~", "(", ")", "[", "]", "{", "}", ",", ":", ".", "|", "="]

    /// The tokens of `source.characters[range]`, ending with `.end`.
    static func tokens(_ source: SourceText, _ range: Range<Int>) throws(TemplateError) -> [ExpressionToken] {
        let chars = source.characters
        var tokens: [ExpressionToken] = []
        var i = range.lowerBound
        while i < range.upperBound {
            let c = chars[i]
            if c.isWhitespace {
                i += 1
                continue
            }
            if c == "\"" || c == "'" {
                let start = i
                var text = ""
                i += 1
                var closed = false
                while i < range.upperBound {
                    let d = chars[i]
                    if d == c {
                        closed = true
                        i += 1
                        break
                    }
                    if d == "\\", i + 1 < range.upperBound {
                        let e = chars[i + 1]
                        switch e {
                        case "n": text.append("\n")
                        case "t": text.append("\t")
                        case "r": text.append("\r")
                        default: text.append(e)
                        }
                        i += 2
                        continue
                    }
                    text.append(d)
                    i += 1
                }
                guard closed else { throw source.error("unterminated string", at: start) }
                tokens.append(ExpressionToken(kind: .string(text), offset: start))
                continue
            }
            if c.isNumber, c.isASCII {
                let start = i
                var text = ""
                while i < range.upperBound, chars[i].isASCII, chars[i].isNumber || chars[i] == "." || chars[i] == "_" {
                    // `1.name` is not a number followed by a member: numbers take one dot only.
                    if chars[i] == ".", text.contains(".") { break }
                    if chars[i] != "_" { text.append(chars[i]) }
                    i += 1
                }
                guard let value = Double(text) else { throw source.error("malformed number \"\(text)\"", at: start) }
                tokens.append(ExpressionToken(kind: .number(value), offset: start))
                continue
            }
            if c.isLetter || c == "_" || c == "$" {
                let start = i
                var text = ""
                while i < range.upperBound, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" || chars[i] == "$" {
                    text.append(chars[i])
                    i += 1
                }
                tokens.append(ExpressionToken(kind: .name(text), offset: start))
                continue
            }
            guard let symbol = symbols.first(where: { matches($0, chars, at: i, before: range.upperBound) }) else {
                throw source.error("unexpected character \"\(c)\"", at: i)
            }
            tokens.append(ExpressionToken(kind: .symbol(symbol), offset: i))
            i += symbol.count
        }
        tokens.append(ExpressionToken(kind: .end, offset: range.upperBound))
        return tokens
    }

    private static func matches(_ symbol: String, _ chars: [Character], at i: Int, before end: Int) -> Bool {
        var j = i
        for s in symbol {
            guard j < end, chars[j] == s else { return false }
            j += 1
        }
        return true
    }
}
