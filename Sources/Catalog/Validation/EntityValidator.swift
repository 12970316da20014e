/// Validates one entity document with Backstage's rules and, when it is valid, builds the
/// ``Entity`` and the relations its spec declares.
///
/// The rules follow `@backstage/catalog-model`: the envelope schema, the default namespace, no
/// foreign root fields, the field formats of `makeValidator`, then the kind's own schema and the
/// references its spec fields make (the work of `BuiltinKindsEntityProcessor`).
public enum EntityValidator {
    /// The result of validating one document.
    public struct Outcome: Sendable {
        /// The entity, when no error was found.
        public var entity: Entity?
        /// The relations the entity's spec declares, in both directions.
        public var relations: [Relation]
        /// Errors and warnings, each naming its field.
        var problems: [FieldProblem]
    }

    static let rootKeys: Set<String> = ["apiVersion", "kind", "metadata", "spec"]

    /// Validates a document and builds the entity and its relations.
    static func validate(_ document: JSONValue) -> Outcome {
        var problems: [FieldProblem] = []
        func invalid(_ field: String, _ rule: String, expected: String, found: String) {
            problems.append(FieldProblem(
                field: field, rule: rule, message: "\"\(field)\" is not valid; expected \(expected) but found \"\(found)\""))
        }
        func missing(_ field: String, _ expected: String) {
            problems.append(FieldProblem(field: field, rule: "required-field", message: "\"\(field)\" is required; expected \(expected)"))
        }

        guard let root = document.objectValue else {
            problems.append(FieldProblem(rule: "document-shape", message: "Expected object at root, got \(document.typeName)"))
            return Outcome(entity: nil, relations: [], problems: problems)
        }
        for key in root.keys.sorted() where !rootKeys.contains(key) {
            problems.append(FieldProblem(field: key, rule: "root-fields", message: "Unknown field \(key); only apiVersion, kind, metadata and spec are allowed at the root"))
        }

        let apiVersion = root["apiVersion"]?.stringValue
        switch root["apiVersion"] {
        case nil: missing("apiVersion", "a string such as backstage.io/v1alpha1")
        case .string(let value) where !FieldFormats.isValidAPIVersion(value):
            invalid("apiVersion", "api-version", expected: "a string that is a sequence of [a-zA-Z0-9] of length 1-63, optionally prefixed by a DNS subdomain and a slash", found: value)
        case .string: break
        case let other?: invalid("apiVersion", "api-version", expected: "a string", found: other.typeName)
        }

        let kind = root["kind"]?.stringValue
        switch root["kind"] {
        case nil: missing("kind", "a string such as Component")
        case .string(let value) where !FieldFormats.isValidKind(value):
            invalid("kind", "kind", expected: "a string that is a letter followed by letters and digits, of length 1-63", found: value)
        case .string: break
        case let other?: invalid("kind", "kind", expected: "a string", found: other.typeName)
        }

        var metadata: EntityMetadata?
        switch root["metadata"] {
        case nil: missing("metadata", "an object with at least a name")
        case .object(let members): metadata = MetadataValidator.validate(members, problems: &problems)
        case let other?: invalid("metadata", "metadata", expected: "an object", found: other.typeName)
        }

        let spec = root["spec"] ?? .object([:])
        if spec.objectValue == nil {
            invalid("spec", "spec", expected: "an object", found: spec.typeName)
        }

        var relations: [Relation] = []
        if let kind, let apiVersion, let knownKind = EntityKind(rawValue: kind.lowercased()) {
            if !knownKind.acceptedAPIVersions.contains(apiVersion) {
                problems.append(FieldProblem(
                    field: "apiVersion", rule: "kind-api-version",
                    message: "\(knownKind.canonicalName) entities need apiVersion \(knownKind.acceptedAPIVersions.sorted().joined(separator: " or ")), found \"\(apiVersion)\""))
            }
            if knownKind == .location, root["spec"] == nil {
                missing("spec", "an object (it may be empty)")
            }
            if let specFields = spec.objectValue {
                SpecValidator.validate(specFields, of: knownKind, problems: &problems)
                if let metadata {
                    let ref = EntityRef(kind: kind, namespace: metadata.namespace, name: metadata.name)
                    relations = SpecValidator.relations(from: specFields, of: knownKind, source: ref, problems: &problems)
                }
            }
        }

        let hasErrors = problems.contains { $0.severity == .error }
        guard !hasErrors, let apiVersion, let kind, let metadata else {
            return Outcome(entity: nil, relations: [], problems: problems)
        }
        return Outcome(entity: Entity(apiVersion: apiVersion, kind: kind, metadata: metadata, spec: spec), relations: relations, problems: problems)
    }
}
