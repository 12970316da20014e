import Catalog
import Foundation

/// Checks values against the JSON Schema subset real templates use: `type`, `required`, `enum`,
/// `const`, `pattern`, `minLength`/`maxLength`, `minimum`/`maximum`, `items`,
/// `minItems`/`maxItems`/`uniqueItems`, nested `properties`, and `dependencies` (with `oneOf`
/// branches chosen by the `enum` of the field they depend on). Every error is collected, none
/// stops the check.
struct SchemaValidator {
    /// Patterns are the template author's, values the user's; both are bounded so a bad pair
    /// cannot make the check slow.
    static let maxPatternLength = 1000
    static let maxCheckedTextLength = 10_000

    var errors: [FieldError] = []

    mutating func validate(_ value: JSONValue?, schema: JSONValue, path: String) {
        guard let value else { return }
        if let types = Self.types(of: schema), !types.contains(where: { Self.matches(value, type: $0) }) {
            report(path, "must be \(types.map(Self.article).joined(separator: " or ")), not \(Self.article(value.typeName))")
            return
        }
        if let options = schema["enum"]?.arrayValue, !options.contains(value) {
            let shown = options.prefix(10).map { TemplateValues.text($0) }.joined(separator: ", ")
            report(path, "must be one of: \(shown)\(options.count > 10 ? ", …" : "")")
        }
        if let constant = schema["const"], constant != value { report(path, "must be \(TemplateValues.json(constant))") }
        switch value {
        case .string(let text):
            if let minimum = schema["minLength"].map(TemplateValues.number), Double(text.count) < minimum {
                report(path, "must be at least \(TemplateValues.numberText(minimum)) characters long")
            }
            if let maximum = schema["maxLength"].map(TemplateValues.number), Double(text.count) > maximum {
                report(path, "must be at most \(TemplateValues.numberText(maximum)) characters long")
            }
            if let pattern = schema["pattern"]?.stringValue { check(text, pattern: pattern, path: path) }
        case .number(let number):
            if schema["type"]?.stringValue == "integer", number.rounded() != number { report(path, "must be a whole number") }
            if let minimum = schema["minimum"].map(TemplateValues.number), number < minimum {
                report(path, "must be at least \(TemplateValues.numberText(minimum))")
            }
            if let maximum = schema["maximum"].map(TemplateValues.number), number > maximum {
                report(path, "must be at most \(TemplateValues.numberText(maximum))")
            }
            if let minimum = schema["exclusiveMinimum"].map(TemplateValues.number), number <= minimum {
                report(path, "must be more than \(TemplateValues.numberText(minimum))")
            }
            if let maximum = schema["exclusiveMaximum"].map(TemplateValues.number), number >= maximum {
                report(path, "must be less than \(TemplateValues.numberText(maximum))")
            }
        case .array(let items):
            if let minimum = schema["minItems"].map(TemplateValues.number), Double(items.count) < minimum {
                report(path, "must have at least \(TemplateValues.numberText(minimum)) item(s)")
            }
            if let maximum = schema["maxItems"].map(TemplateValues.number), Double(items.count) > maximum {
                report(path, "must have at most \(TemplateValues.numberText(maximum)) item(s)")
            }
            if schema["uniqueItems"] == .bool(true), Set(items).count != items.count { report(path, "must not repeat an item") }
            if let itemSchema = schema["items"], itemSchema.objectValue != nil {
                for (index, item) in items.enumerated() { validate(item, schema: itemSchema, path: "\(path)[\(index)]") }
            }
        case .object(let members):
            validateObject(members, schema: schema, path: path)
        default: break
        }
    }

    /// An object's `required`, `properties` and `dependencies`.
    mutating func validateObject(_ members: [String: JSONValue], schema: JSONValue, path: String) {
        for name in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where Self.isMissing(members[name]) {
            report(Self.join(path, name), "is required")
        }
        for (name, propertySchema) in schema["properties"]?.objectValue ?? [:] {
            validate(members[name], schema: propertySchema, path: Self.join(path, name))
        }
        for (name, dependency) in schema["dependencies"]?.objectValue ?? [:] where !Self.isMissing(members[name]) {
            if let fields = dependency.arrayValue {
                for field in fields.compactMap(\.stringValue) where Self.isMissing(members[field]) {
                    report(Self.join(path, field), "is required when \(name) is given")
                }
            } else if let branches = dependency["oneOf"]?.arrayValue {
                // The branch whose `enum` for the field matches its value applies (rjsf's rule).
                let chosen = branches.first { branch in
                    guard let options = branch["properties"]?[name]?["enum"]?.arrayValue else { return false }
                    return options.contains(members[name]!)
                }
                if let chosen { validateObject(members, schema: chosen, path: path) }
            } else {
                validateObject(members, schema: dependency, path: path)
            }
        }
    }

    private mutating func check(_ text: String, pattern: String, path: String) {
        guard pattern.count <= Self.maxPatternLength, let expression = try? NSRegularExpression(pattern: pattern) else {
            report(path, "cannot be checked: the template's pattern is not a usable regular expression")
            return
        }
        guard text.count <= Self.maxCheckedTextLength else {
            report(path, "is longer than \(Self.maxCheckedTextLength) characters")
            return
        }
        let range = NSRange(text.startIndex..., in: text)
        if expression.firstMatch(in: text, range: range) == nil { report(path, "must match the pattern \(pattern)") }
    }

    private mutating func report(_ path: String, _ message: String) {
        errors.append(FieldError(field: path, message: message))
    }

    static func join(_ path: String, _ name: String) -> String { path.isEmpty ? name : "\(path).\(name)" }

    /// What a form treats as not filled in.
    static func isMissing(_ value: JSONValue?) -> Bool {
        switch value {
        case nil, .null?: true
        case .string(let text)?: text.isEmpty
        default: false
        }
    }

    static func types(of schema: JSONValue) -> [String]? {
        switch schema["type"] {
        case .string(let type)?: [type]
        case .array(let types)?: types.compactMap(\.stringValue)
        default: nil
        }
    }

    static func matches(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("string", .string), ("boolean", .bool), ("number", .number), ("array", .array), ("object", .object), ("null", .null): true
        case ("integer", .number(let number)): number.rounded() == number
        default: false
        }
    }

    static func article(_ type: String) -> String {
        switch type {
        case "array", "object", "integer": "an \(type)"
        case "null": "null"
        default: "a \(type)"
        }
    }
}
