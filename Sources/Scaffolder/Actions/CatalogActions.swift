import Catalog
import Foundation
import Yams

/// `catalog:write`: writes an entity as `catalog-info.yaml` (or `filePath`) into the workspace.
public struct CatalogWriteAction: ScaffolderAction {
    public let id = "catalog:write"
    public let runsInDryRun = true

    /// Creates the action.
    public init() {}

    public func run(_ context: ActionContext) async throws -> [String: JSONValue] {
        guard let entity = context.input["entity"], entity.objectValue != nil else { throw ScaffolderError("input entity is required (an object)") }
        let path = context.string("filePath") ?? "catalog-info.yaml"
        try context.workspace.write(Data(YAMLText.document(entity).utf8), to: path)
        context.log.info("wrote \(path)")
        return [:]
    }
}

/// `catalog:register`: adds the new repository to Backline's catalog and ingests it at once, so
/// `/owner` answers for the new entity right away. Takes `catalogInfoUrl` (a git URL, optionally
/// `#branch`, or a `…/blob/<branch>/path` web URL) or `repoContentsUrl` + `catalogInfoPath`.
public struct CatalogRegisterAction: ScaffolderAction {
    public let id = "catalog:register"
    public let runsInDryRun = false

    /// Creates the action.
    public init() {}

    public func run(_ context: ActionContext) async throws -> [String: JSONValue] {
        let location: String
        if let url = context.string("catalogInfoUrl") {
            location = url
        } else if let contents = context.string("repoContentsUrl") {
            location = contents
        } else {
            throw ScaffolderError("input catalogInfoUrl, or repoContentsUrl and catalogInfoPath, is required")
        }
        guard let registrar = context.services.registrar else { throw ScaffolderError("there is no catalog to register \(location) in") }
        let source = Self.source(for: location)
        let refs: [EntityRef]
        do {
            refs = try await registrar.register(source)
        } catch {
            if context.bool("optional") == true {
                context.log.info("could not register \(location) (optional): \(error)")
                return [:]
            }
            throw ScaffolderError("could not register \(location): \(error)")
        }
        context.log.info("registered \(source) in the catalog: \(refs.map(\.description).joined(separator: ", "))")
        let preferred = refs.first { $0.kind != "location" } ?? refs.first
        var output: [String: JSONValue] = ["catalogInfoUrl": .string(location)]
        if let preferred { output["entityRef"] = .string(preferred.description) }
        return output
    }

    /// The catalog source a location names: `…/blob/<branch>/…` web URLs become the repository at
    /// that branch; any other URL (a `file://` or bare repository path included) is a git source.
    static func source(for location: String) -> CatalogSource {
        if let blob = location.range(of: "/blob/") {
            let repository = String(location[..<blob.lowerBound])
            let branch = location[blob.upperBound...].split(separator: "/").first.map(String.init)
            return .git(repository: repository.hasSuffix(".git") ? repository : repository + ".git", reference: branch)
        }
        if let hash = location.lastIndex(of: "#") {
            return .git(repository: String(location[..<hash]), reference: String(location[location.index(after: hash)...]))
        }
        return .git(repository: location, reference: nil)
    }
}

/// `catalog:fetch`: reads one entity (`entityRef`) or several (`entityRefs`) from the catalog.
public struct CatalogFetchAction: ScaffolderAction {
    public let id = "catalog:fetch"
    public let runsInDryRun = true

    /// Creates the action.
    public init() {}

    public func run(_ context: ActionContext) async throws -> [String: JSONValue] {
        guard let lookup = context.services.lookup else { throw ScaffolderError("there is no catalog to fetch from") }
        let optional = context.bool("optional") ?? false
        func fetch(_ text: String) async throws -> JSONValue {
            let ref: EntityRef
            do {
                ref = try EntityRef(parsing: text, defaultKind: context.string("defaultKind") ?? "Component", defaultNamespace: context.string("defaultNamespace") ?? "default")
            } catch {
                throw ScaffolderError("\(text) is not an entity reference: \(error)")
            }
            guard let entity = try await lookup(ref) else {
                if optional { return .null }
                throw ScaffolderError("\(ref) is not in the catalog")
            }
            return entity.document
        }
        if let one = context.string("entityRef") {
            return ["entity": try await fetch(one)]
        }
        guard let many = context.input["entityRefs"]?.arrayValue?.compactMap(\.stringValue) else {
            throw ScaffolderError("input entityRef or entityRefs is required")
        }
        var entities: [JSONValue] = []
        for text in many { entities.append(try await fetch(text)) }
        return ["entities": .array(entities)]
    }
}

/// YAML text of a JSON value, keys sorted with `apiVersion`, `kind`, `metadata`, `spec` first.
enum YAMLText {
    static func document(_ value: JSONValue) -> String {
        var lines: [String] = []
        write(value, indent: 0, into: &lines, inList: false)
        return lines.joined(separator: "\n") + "\n"
    }

    private static let leadingKeys = ["apiVersion", "kind", "metadata", "spec", "name", "namespace", "title", "description"]

    private static func orderedKeys(_ members: [String: JSONValue]) -> [String] {
        let first = leadingKeys.filter { members[$0] != nil }
        return first + members.keys.filter { !first.contains($0) }.sorted()
    }

    private static func write(_ value: JSONValue, indent: Int, into lines: inout [String], inList: Bool) {
        let pad = String(repeating: " ", count: indent)
        switch value {
        case .object(let members) where !members.isEmpty:
            for key in orderedKeys(members) {
                let member = members[key]!
                if isScalarLike(member) {
                    lines.append("\(pad)\(scalar(key)): \(scalarText(member))")
                } else {
                    lines.append("\(pad)\(scalar(key)):")
                    write(member, indent: indent + 2, into: &lines, inList: false)
                }
            }
        case .array(let items) where !items.isEmpty:
            for item in items {
                if isScalarLike(item) {
                    lines.append("\(pad)- \(scalarText(item))")
                } else {
                    var nested: [String] = []
                    write(item, indent: indent + 2, into: &nested, inList: true)
                    if var first = nested.first {
                        first = pad + "- " + first.dropFirst(indent + 2)
                        nested[0] = first
                    }
                    lines += nested
                }
            }
        default:
            lines.append(pad + scalarText(value))
        }
    }

    private static func isScalarLike(_ value: JSONValue) -> Bool {
        switch value {
        case .object(let members): members.isEmpty
        case .array(let items): items.isEmpty
        default: true
        }
    }

    private static func scalarText(_ value: JSONValue) -> String {
        switch value {
        case .object: "{}"
        case .array: "[]"
        case .string(let text): scalar(text)
        default: TemplateValues.json(value)
        }
    }

    /// A string as a plain scalar when YAML reads it back as the same string, else JSON-quoted
    /// (JSON strings are valid YAML).
    static func scalar(_ text: String) -> String {
        if let node = try? Yams.load(yaml: text) as? String, node == text, !text.contains(": "), !text.contains(" #"), !text.hasPrefix(" "),
            !text.hasSuffix(" "), !text.contains("\n"), !text.isEmpty
        {
            return text
        }
        return TemplateValues.quoted(text)
    }
}
