/// A reference to an entity, `kind:namespace/name`, in canonical (lower-case) form.
///
/// Backstage compares refs case-insensitively and prints them lower-cased
/// (`component:default/playlist-api`); storing them that way makes equality and hashing the
/// catalog's own rule.
public struct EntityRef: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The kind, lower-cased (`component`).
    public let kind: String
    /// The namespace, lower-cased (`default`).
    public let namespace: String
    /// The name, lower-cased (`playlist-api`).
    public let name: String

    /// Creates a ref, lower-casing every part.
    public init(kind: String, namespace: String = EntityRef.defaultNamespace, name: String) {
        self.kind = kind.lowercased()
        self.namespace = namespace.lowercased()
        self.name = name.lowercased()
    }

    /// The namespace an entity lives in when it names none.
    public static let defaultNamespace = "default"

    /// The canonical string form, `kind:namespace/name`.
    public var description: String { "\(kind):\(namespace)/\(name)" }

    /// The shortest form that still identifies the entity for people: the namespace is left out
    /// when it is `default`.
    public var shortDescription: String {
        namespace == Self.defaultNamespace ? "\(kind):\(name)" : description
    }

    public static func < (lhs: EntityRef, rhs: EntityRef) -> Bool { lhs.description < rhs.description }

    public init(from decoder: any Decoder) throws {
        let string = try decoder.singleValueContainer().decode(String.self)
        self = try EntityRef(parsing: string)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// Why a string is not a valid entity reference.
public struct EntityRefError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text that failed to parse.
    public let reference: String
    /// Backstage's wording of the problem.
    public let reason: String

    public var description: String { reason }
}

extension EntityRef {
    /// Parses `[kind:][namespace/]name` as Backstage's `parseEntityRef` does.
    ///
    /// The string is split at the first `:` and the first `/`; a `:` after the first `/` belongs to
    /// the name. Missing parts take the defaults; with no default kind a missing kind is an error,
    /// which is why `dependsOn: [playlist-db]` is rejected.
    /// - Parameters:
    ///   - string: the reference text.
    ///   - defaultKind: the kind to assume when the text names none (per spec field).
    ///   - defaultNamespace: the namespace to assume, normally the referring entity's own.
    public init(parsing string: String, defaultKind: String? = nil, defaultNamespace: String = EntityRef.defaultNamespace) throws {
        let colon = string.firstIndex(of: ":")
        let slash = string.firstIndex(of: "/")
        var kind: Substring?
        var namespace: Substring?
        var name: Substring
        switch (colon, slash) {
        case (let colon?, let slash?) where colon < slash:
            kind = string[..<colon]
            namespace = string[string.index(after: colon)..<slash]
            name = string[string.index(after: slash)...]
        case (_, let slash?):
            namespace = string[..<slash]
            name = string[string.index(after: slash)...]
        case (let colon?, nil):
            kind = string[..<colon]
            name = string[string.index(after: colon)...]
        case (nil, nil):
            name = Substring(string)
        }
        if kind?.isEmpty == true || namespace?.isEmpty == true || name.isEmpty {
            throw EntityRefError(
                reference: string,
                reason: "Entity reference \"\(string)\" was not on the form [<kind>:][<namespace>/]<name>")
        }
        guard let resolvedKind = kind.map(String.init) ?? defaultKind else {
            throw EntityRefError(
                reference: string,
                reason: "Entity reference \"\(string)\" had missing or empty kind (e.g. did not start with \"component:\" or similar)")
        }
        self.init(kind: resolvedKind, namespace: namespace.map(String.init) ?? defaultNamespace, name: String(name))
    }

    /// Resolves a spec value that refers to another entity: a ref string or the compound
    /// `{kind, namespace, name}` form Backstage also accepts.
    /// - Parameters:
    ///   - value: the spec value.
    ///   - defaultKind: the field's default kind, if it has one.
    ///   - defaultNamespace: the referring entity's namespace.
    public init(value: JSONValue, defaultKind: String?, defaultNamespace: String) throws {
        switch value {
        case .string(let string):
            try self.init(parsing: string, defaultKind: defaultKind, defaultNamespace: defaultNamespace)
        case .object(let members):
            func part(_ key: String) throws -> String? {
                guard let member = members[key] else { return nil }
                guard let string = member.stringValue, !string.isEmpty else {
                    throw EntityRefError(reference: "\(key)", reason: "Entity reference field \"\(key)\" must be a non-empty string")
                }
                return string
            }
            guard let name = try part("name") else {
                throw EntityRefError(reference: "{...}", reason: "Entity reference object has no \"name\"")
            }
            guard let kind = try part("kind") ?? defaultKind else {
                throw EntityRefError(reference: name, reason: "Entity reference to \"\(name)\" had missing or empty kind")
            }
            self.init(kind: kind, namespace: try part("namespace") ?? defaultNamespace, name: name)
        default:
            throw EntityRefError(reference: value.typeName, reason: "Entity reference must be a string, found \(value.typeName)")
        }
    }
}
