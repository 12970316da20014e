/// The kinds Backstage defines. Entities of other kinds are kept too; they just get no kind rules.
public enum EntityKind: String, Sendable, CaseIterable {
    case component, api, system, domain, resource, group, user, location, template

    /// The spelling Backstage's schemas use (`Component`, `API`, ...).
    public var canonicalName: String {
        switch self {
        case .api: "API"
        default: rawValue.prefix(1).uppercased() + rawValue.dropFirst()
        }
    }

    /// The `apiVersion` values Backstage's kind schemas accept.
    var acceptedAPIVersions: Set<String> {
        switch self {
        case .template: ["scaffolder.backstage.io/v1beta3"]
        default: ["backstage.io/v1alpha1", "backstage.io/v1beta1"]
        }
    }

    /// Spec fields that must be present, and the JSON type each must have.
    var requiredSpecFields: [(field: String, type: SpecFieldType)] {
        switch self {
        case .component: [("type", .string), ("lifecycle", .string), ("owner", .string)]
        case .api: [("type", .string), ("lifecycle", .string), ("owner", .string), ("definition", .string)]
        case .resource: [("type", .string), ("owner", .string)]
        case .system, .domain: [("owner", .string)]
        case .group: [("type", .string), ("children", .stringArray)]
        case .user: [("memberOf", .stringArray)]
        case .template: [("type", .string), ("steps", .array)]
        case .location: []
        }
    }

    /// Optional spec fields whose type the kind schema fixes when they are present.
    var optionalSpecFields: [(field: String, type: SpecFieldType)] {
        switch self {
        case .component:
            [("system", .string), ("subcomponentOf", .string), ("providesApis", .stringArray),
             ("consumesApis", .stringArray), ("dependsOn", .stringArray), ("dependencyOf", .stringArray)]
        case .api: [("system", .string)]
        case .system: [("domain", .string)]
        case .resource: [("system", .string), ("dependsOn", .stringArray), ("dependencyOf", .stringArray)]
        case .domain: [("subdomainOf", .string)]
        case .group: [("parent", .string), ("members", .stringArray), ("profile", .object)]
        case .user: [("profile", .object)]
        case .location: [("type", .string), ("target", .string), ("targets", .stringArray), ("presence", .string)]
        case .template: [("owner", .string), ("output", .object)]
        }
    }
}

/// The JSON shapes a kind schema requires of a spec field.
enum SpecFieldType {
    case string, stringArray, array, object

    func accepts(_ value: JSONValue) -> Bool {
        switch (self, value) {
        case (.string, .string(let string)): !string.isEmpty
        case (.stringArray, .array(let elements)): elements.allSatisfy { $0.stringValue?.isEmpty == false }
        case (.array, .array): true
        case (.object, .object): true
        default: false
        }
    }

    var expectation: String {
        switch self {
        case .string: "a non-empty string"
        case .stringArray: "a list of non-empty strings"
        case .array: "a list"
        case .object: "an object"
        }
    }
}
