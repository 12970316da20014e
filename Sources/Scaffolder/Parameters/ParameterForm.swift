import Catalog
import Foundation

/// A template's form: its fields across pages, and the preparation of given values into the
/// `parameters` a run sees: text from `--set` or chat read as the field's type, defaults filled in,
/// pickers resolved against the catalog, and every error collected at once.
public struct ParameterForm: Sendable {
    /// One field of the form.
    public struct Field: Sendable {
        /// The property's name (`parameters.<name>`).
        public var name: String
        /// The page it is on (0-based).
        public var page: Int
        /// Its schema, `ui:*` keys included.
        public var schema: JSONValue
        /// Whether the page requires it.
        public var isRequired: Bool

        /// `type`, or `string` when unstated.
        public var type: String { SchemaValidator.types(of: schema)?.first ?? "string" }
        /// `title`.
        public var title: String? { schema["title"]?.stringValue }
        /// `description`.
        public var description: String? { schema["description"]?.stringValue }
        /// `default`.
        public var defaultValue: JSONValue? { schema["default"] }
        /// `ui:field` (`OwnerPicker`, `RepoUrlPicker`, ...).
        public var picker: String? { schema["ui:field"]?.stringValue }
        /// Whether its value is a secret (`ui:widget: password` or `ui:backstage.review.mask`),
        /// masked in run records and chat.
        public var isSecret: Bool {
            schema["ui:widget"]?.stringValue == "password" || schema["ui:backstage"]?["review"]?["mask"] != nil
        }
    }

    /// The template.
    public let template: Template

    /// Creates the form of `template`.
    public init(template: Template) { self.template = template }

    /// Every field, page by page; fields that `dependencies` branches add come after their page's own.
    public var fields: [Field] {
        var fields: [Field] = []
        var seen = Set<String>()
        for (index, page) in template.pages.enumerated() {
            let required = Set(page.schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
            let properties = page.schema["properties"]?.objectValue ?? [:]
            for name in page.propertyNames where seen.insert(name).inserted {
                fields.append(Field(name: name, page: index, schema: properties[name]!, isRequired: required.contains(name)))
            }
            for (_, dependency) in page.schema["dependencies"]?.objectValue ?? [:] {
                for branch in dependency["oneOf"]?.arrayValue ?? [dependency] {
                    let branchRequired = Set(branch["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
                    for (name, schema) in (branch["properties"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) where seen.insert(name).inserted {
                        fields.append(Field(name: name, page: index, schema: schema, isRequired: branchRequired.contains(name)))
                    }
                }
            }
        }
        return fields
    }

    /// The names of secret fields, whose values are masked wherever a run is shown or kept.
    public var secretFields: Set<String> { Set(fields.filter(\.isSecret).map(\.name)) }

    /// Prepares `given` (from `--set`, `--values`, chat or a modal): reads text as each field's
    /// type, fills defaults, resolves pickers, and validates every page; all errors at once.
    public func prepare(_ given: [String: JSONValue], catalog: PickerCatalog?) async -> (values: [String: JSONValue], errors: [FieldError]) {
        var values: [String: JSONValue] = [:]
        var errors: [FieldError] = []
        let fields = fields
        let known = Set(fields.map(\.name))
        for name in given.keys.sorted() where !known.contains(name) {
            errors.append(FieldError(field: name, message: "is not a field of \(template.name) (fields: \(fields.map(\.name).joined(separator: ", ")))"))
        }
        for field in fields {
            if let value = given[field.name] {
                values[field.name] = Self.coerce(value, schema: field.schema)
            } else if let value = field.defaultValue {
                values[field.name] = value
            }
        }
        for field in fields {
            guard let value = values[field.name], !SchemaValidator.isMissing(value), let picker = field.picker else { continue }
            switch await Pickers.resolve(picker, value: value, schema: field.schema, catalog: catalog) {
            case .success(let resolved): values[field.name] = resolved
            case .failure(let error): errors.append(FieldError(field: field.name, message: error.message))
            }
        }
        var validator = SchemaValidator()
        for page in template.pages {
            validator.validateObject(values, schema: page.schema, path: "")
        }
        // A picker error already explains the field; the schema's complaint about it would repeat it.
        let explained = Set(errors.map(\.field))
        errors += validator.errors.filter { !explained.contains($0.field) }
        return (values, errors)
    }

    /// Text typed for a typed field, read as that type: `3` for a number, `yes` for a boolean,
    /// `a,b` or a JSON list for an array, JSON for an object. What does not read stays text, so
    /// the schema check reports it.
    static func coerce(_ value: JSONValue, schema: JSONValue) -> JSONValue {
        let type = SchemaValidator.types(of: schema)?.first ?? ""
        switch (type, value) {
        case ("number", .string(let text)), ("integer", .string(let text)):
            return Double(text.trimmingCharacters(in: .whitespaces)).map(JSONValue.number) ?? value
        case ("boolean", .string(let text)):
            switch text.lowercased() {
            case "true", "yes", "y", "1", "on": return .bool(true)
            case "false", "no", "n", "0", "off": return .bool(false)
            default: return value
            }
        case ("array", .string(let text)):
            if text.hasPrefix("["), let parsed = try? JSONValue(parsingJSON: text) { return coerce(parsed, schema: schema) }
            let items = text.split(separator: ",").map { JSONValue.string($0.trimmingCharacters(in: .whitespaces)) }
            return coerce(.array(items), schema: schema)
        case ("array", .array(let items)):
            guard let itemSchema = schema["items"] else { return value }
            return .array(items.map { coerce($0, schema: itemSchema) })
        case ("object", .string(let text)):
            if text.hasPrefix("{"), let parsed = try? JSONValue(parsingJSON: text) { return coerce(parsed, schema: schema) }
            return value
        case (_, .object(let members)):
            let properties = schema["properties"]?.objectValue ?? [:]
            return .object(members.reduce(into: [:]) { result, member in
                result[member.key] = properties[member.key].map { coerce(member.value, schema: $0) } ?? member.value
            })
        default:
            return value
        }
    }

    /// Puts `value` at the dotted `path` (`repo.owner`) in `values`, making objects on the way.
    public static func assign(_ path: String, _ value: JSONValue, into values: inout [String: JSONValue]) {
        let keys = path.split(separator: ".").map(String.init)
        guard let first = keys.first else { return }
        values[first] = place(value, at: keys.dropFirst(), in: values[first])
    }

    private static func place(_ value: JSONValue, at keys: ArraySlice<String>, in existing: JSONValue?) -> JSONValue {
        guard let key = keys.first else { return value }
        var members = existing?.objectValue ?? [:]
        members[key] = place(value, at: keys.dropFirst(), in: members[key])
        return .object(members)
    }
}
