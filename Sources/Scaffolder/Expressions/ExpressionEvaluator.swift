import Catalog
import Foundation

/// The variables an expression sees: stacked frames, innermost last (a `for` loop pushes one).
struct Scopes: Sendable {
    var frames: [[String: JSONValue]]

    init(_ root: [String: JSONValue]) { frames = [root] }

    func lookup(_ name: String) -> JSONValue? {
        for frame in frames.reversed() {
            if let value = frame[name] { return value }
        }
        return nil
    }

    mutating func set(_ name: String, _ value: JSONValue?) {
        frames[frames.count - 1][name] = value
    }
}

/// Evaluates parsed expressions. It reads only the scopes it is given: there is no way from an
/// expression to files, the environment, the network or the clock.
struct ExpressionEvaluator {
    let source: SourceText

    func evaluate(_ expression: Expression, _ scopes: Scopes) throws(TemplateError) -> JSONValue? {
        switch expression {
        case .literal(let value): return value
        case .variable(let name): return scopes.lookup(name)
        case .member(let base, let name): return Self.member(try evaluate(base, scopes), name)
        case .index(let base, let index):
            let container = try evaluate(base, scopes)
            let key = try evaluate(index, scopes)
            switch (container, key) {
            case (.array(let items)?, .number(let number)?):
                let position = Int(number)
                return Double(position) == number && position >= 0 && position < items.count ? items[position] : nil
            case (.string(let text)?, .number(let number)?):
                let characters = Array(text)
                let position = Int(number)
                return Double(position) == number && position >= 0 && position < characters.count ? .string(String(characters[position])) : nil
            default: return Self.member(container, TemplateValues.text(key))
            }
        case .array(let items):
            var values: [JSONValue] = []
            for item in items { values.append(try evaluate(item, scopes) ?? .null) }
            return .array(values)
        case .object(let members):
            var values: [String: JSONValue] = [:]
            for member in members {
                if let value = try evaluate(member.value, scopes) { values[member.key] = value }
            }
            return .object(values)
        case .unary(let op, let operand):
            let value = try evaluate(operand, scopes)
            switch op {
            case "not": return .bool(!TemplateValues.isTruthy(value))
            case "-": return .number(-TemplateValues.number(value))
            default: return .number(TemplateValues.number(value))
            }
        case .binary(let op, let leftExpression, let rightExpression):
            let left = try evaluate(leftExpression, scopes)
            switch op {
            case "and": return TemplateValues.isTruthy(left) ? try evaluate(rightExpression, scopes) : left
            case "or": return TemplateValues.isTruthy(left) ? left : try evaluate(rightExpression, scopes)
            default: return Self.binary(op, left, try evaluate(rightExpression, scopes))
            }
        case .conditional(let then, let condition, let otherwise):
            if TemplateValues.isTruthy(try evaluate(condition, scopes)) { return try evaluate(then, scopes) }
            guard let otherwise else { return nil }
            return try evaluate(otherwise, scopes)
        case .filter(let base, let name, let argumentExpressions, let offset):
            let value = try evaluate(base, scopes)
            var arguments: [JSONValue?] = []
            for argument in argumentExpressions { arguments.append(try evaluate(argument, scopes)) }
            do throws(FilterError) {
                return try Filters.apply(name, value, arguments)
            } catch {
                throw source.error("filter \(name): \(error.message)", at: offset)
            }
        case .test(let base, let name, let negated):
            return .bool(ValueTests.apply(name, try evaluate(base, scopes)) != negated)
        }
    }

    /// `base.name`: an object's member, or a list's or string's `length`; anything else is undefined.
    static func member(_ base: JSONValue?, _ name: String) -> JSONValue? {
        switch base {
        case .object(let members)?: return members[name]
        case .array(let items)? where name == "length": return .number(Double(items.count))
        case .string(let text)? where name == "length": return .number(Double(text.count))
        default: return nil
        }
    }

    static func binary(_ op: String, _ left: JSONValue?, _ right: JSONValue?) -> JSONValue? {
        switch op {
        case "in":
            switch right {
            case .array(let items)?: return .bool(items.contains { TemplateValues.equal($0, left) })
            case .string(let text)?: return .bool(text.contains(TemplateValues.text(left)))
            case .object(let members)?: return .bool(members[TemplateValues.text(left)] != nil)
            default: return .bool(false)
            }
        case "~": return .string(TemplateValues.text(left) + TemplateValues.text(right))
        case "+":
            switch (left, right) {
            case (.string?, _), (_, .string?), (.array?, _), (_, .array?), (.object?, _), (_, .object?):
                return .string(TemplateValues.text(left) + TemplateValues.text(right))
            default: return .number(TemplateValues.number(left) + TemplateValues.number(right))
            }
        case "-": return .number(TemplateValues.number(left) - TemplateValues.number(right))
        case "*": return .number(TemplateValues.number(left) * TemplateValues.number(right))
        case "/": return .number(TemplateValues.number(left) / TemplateValues.number(right))
        case "//": return .number((TemplateValues.number(left) / TemplateValues.number(right)).rounded(.down))
        case "%": return .number(TemplateValues.number(left).truncatingRemainder(dividingBy: TemplateValues.number(right)))
        case "==": return .bool(TemplateValues.equal(left, right))
        case "!=": return .bool(!TemplateValues.equal(left, right))
        case "===": return .bool(left == right)
        case "!==": return .bool(left != right)
        default:
            let order: Bool
            if case .string(let a)? = left, case .string(let b)? = right {
                switch op {
                case "<": order = a < b
                case ">": order = a > b
                case "<=": order = a <= b
                default: order = a >= b
                }
            } else {
                let a = TemplateValues.number(left), b = TemplateValues.number(right)
                switch op {
                case "<": order = a < b
                case ">": order = a > b
                case "<=": order = a <= b
                default: order = a >= b
                }
            }
            return .bool(order)
        }
    }
}
