import Catalog
import Foundation

/// How template values behave, following Nunjucks (which follows JavaScript): `nil` is
/// "undefined", what a missing property or variable is, and renders empty.
enum TemplateValues {
    /// JavaScript truthiness: false, 0, NaN, "", null and undefined are false; lists and objects
    /// (even empty ones) are true, as in Nunjucks' `{% if %}`.
    static func isTruthy(_ value: JSONValue?) -> Bool {
        switch value {
        case nil, .null: false
        case .bool(let flag): flag
        case .number(let number): number != 0 && !number.isNaN
        case .string(let text): !text.isEmpty
        case .array, .object: true
        }
    }

    /// The text a value renders as: undefined and null render empty, lists as their elements
    /// joined by commas (as JavaScript prints them), numbers without a needless `.0`.
    static func text(_ value: JSONValue?) -> String {
        switch value {
        case nil, .null: ""
        case .bool(let flag): flag ? "true" : "false"
        case .number(let number): numberText(number)
        case .string(let text): text
        case .array(let items): items.map { text($0) }.joined(separator: ",")
        case .object: "[object Object]"
        }
    }

    /// A number as JavaScript prints it.
    static func numberText(_ number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number < 0 ? "-Infinity" : "Infinity" }
        if number.rounded() == number, abs(number) < 1e15 { return String(Int64(number)) }
        return "\(number)"
    }

    /// A value as a number, as JavaScript's `Number(x)` would read it.
    static func number(_ value: JSONValue?) -> Double {
        switch value {
        case nil: .nan
        case .null: 0
        case .bool(let flag): flag ? 1 : 0
        case .number(let number): number
        case .string(let text):
            text.trimmingCharacters(in: .whitespaces).isEmpty ? 0 : Double(text.trimmingCharacters(in: .whitespaces)) ?? .nan
        case .array, .object: .nan
        }
    }

    /// Loose equality: the same value, or a number and a string that reads as it, or undefined
    /// and null.
    static func equal(_ left: JSONValue?, _ right: JSONValue?) -> Bool {
        switch (left, right) {
        case (nil, nil), (nil, .null?), (.null?, nil): return true
        case (.number(let a)?, .string(let text)?), (.string(let text)?, .number(let a)?):
            return a == number(.string(text))
        case (.bool?, .number?), (.number?, .bool?): return number(left) == number(right)
        default: return left == right
        }
    }

    /// JSON text of a value, as `JSON.stringify(value, null, indent)` writes it (keys sorted, so
    /// output is stable); undefined becomes `undefined`'s empty rendering.
    static func json(_ value: JSONValue?, indent: Int = 0) -> String {
        guard let value else { return "" }
        var out = ""
        writeJSON(value, indent: indent, depth: 0, into: &out)
        return out
    }

    private static func writeJSON(_ value: JSONValue, indent: Int, depth: Int, into out: inout String) {
        let newline = indent > 0 ? "\n" : ""
        let pad = { (level: Int) in String(repeating: " ", count: indent * level) }
        switch value {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .number(let number): out += number.isFinite ? numberText(number) : "null"
        case .string(let text): out += quoted(text)
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            out += "[" + newline
            for (index, item) in items.enumerated() {
                out += pad(depth + 1)
                writeJSON(item, indent: indent, depth: depth + 1, into: &out)
                out += (index < items.count - 1 ? "," : "") + newline
            }
            out += pad(depth) + "]"
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            out += "{" + newline
            let keys = members.keys.sorted()
            for (index, key) in keys.enumerated() {
                out += pad(depth + 1) + quoted(key) + (indent > 0 ? ": " : ":")
                writeJSON(members[key]!, indent: indent, depth: depth + 1, into: &out)
                out += (index < keys.count - 1 ? "," : "") + newline
            }
            out += pad(depth) + "}"
        }
    }

    /// A JSON string literal.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

/// The `is` tests: `x is defined`, `x is not none`, ...
enum ValueTests {
    static let names: Set<String> = ["defined", "undefined", "none", "null", "string", "number", "mapping", "iterable", "truthy", "falsy", "odd", "even"]

    static func apply(_ name: String, _ value: JSONValue?) -> Bool {
        switch name {
        case "defined": return value != nil
        case "undefined": return value == nil
        case "none", "null": return value == .null
        case "string": if case .string = value { return true } else { return false }
        case "number": if case .number = value { return true } else { return false }
        case "mapping": if case .object = value { return true } else { return false }
        case "iterable":
            switch value {
            case .array?, .string?: return true
            default: return false
            }
        case "truthy": return TemplateValues.isTruthy(value)
        case "falsy": return !TemplateValues.isTruthy(value)
        case "odd": return Int(TemplateValues.number(value)) % 2 != 0
        case "even": return Int(TemplateValues.number(value)) % 2 == 0
        default: return false
        }
    }
}
