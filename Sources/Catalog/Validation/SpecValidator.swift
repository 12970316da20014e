/// The per-kind `spec` rules (the kind JSON schemas) and the references spec fields make.
enum SpecValidator {
    static func validate(_ spec: [String: JSONValue], of kind: EntityKind, problems: inout [FieldProblem]) {
        for (field, type) in kind.requiredSpecFields {
            let path = "spec.\(field)"
            guard let value = spec[field] else {
                problems.append(FieldProblem(
                    field: path, rule: "required-field",
                    message: "\"\(path)\" is required for kind \(kind.canonicalName); expected \(type.expectation)"))
                continue
            }
            if !type.accepts(value) {
                problems.append(FieldProblem(
                    field: path, rule: "spec-field-type",
                    message: "\"\(path)\" is not valid; expected \(type.expectation) but found \(describe(value))"))
            }
        }
        for (field, type) in kind.optionalSpecFields {
            guard let value = spec[field], !type.accepts(value) else { continue }
            problems.append(FieldProblem(
                field: "spec.\(field)", rule: "spec-field-type",
                message: "\"spec.\(field)\" is not valid; expected \(type.expectation) but found \(describe(value))"))
        }
        if kind == .location, let presence = spec["presence"]?.stringValue, presence != "required", presence != "optional" {
            problems.append(FieldProblem(
                field: "spec.presence", rule: "location-presence",
                message: "\"spec.presence\" is not valid; expected \"required\" or \"optional\" but found \"\(presence)\""))
        }
    }

    /// Parses every reference in the spec and returns the relations, both directions.
    static func relations(
        from spec: [String: JSONValue], of kind: EntityKind, source: EntityRef, problems: inout [FieldProblem]
    ) -> [Relation] {
        var relations: [Relation] = []
        for relationField in RelationField.fields(for: kind) {
            guard let value = spec[relationField.field] else { continue }
            let values: [(path: String, value: JSONValue)]
            if relationField.isList {
                guard let elements = value.arrayValue else { continue }  // type errors are reported by `validate`
                values = elements.enumerated().map { ("spec.\(relationField.field)[\($0.offset)]", $0.element) }
            } else {
                values = [("spec.\(relationField.field)", value)]
            }
            for (path, value) in values {
                guard value.stringValue?.isEmpty == false else { continue }
                do {
                    let target = try EntityRef(value: value, defaultKind: relationField.defaultKind, defaultNamespace: source.namespace)
                    let relation = Relation(source: source, type: relationField.type, target: target)
                    relations.append(relation)
                    relations.append(relation.reversed)
                } catch let error as EntityRefError {
                    problems.append(FieldProblem(field: path, rule: "entity-ref", message: "\"\(path)\": \(error.reason)"))
                } catch {
                    problems.append(FieldProblem(field: path, rule: "entity-ref", message: "\"\(path)\": \(error)"))
                }
            }
        }
        return relations
    }

    private static func describe(_ value: JSONValue) -> String {
        if case .string(let string) = value { return string.isEmpty ? "an empty string" : "\"\(string)\"" }
        return value.typeName
    }
}
