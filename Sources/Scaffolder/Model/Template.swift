import Catalog
import Foundation

/// A `scaffolder.backstage.io/v1beta3` `Template`: the form (parameter pages), the steps that run
/// actions, and the output shown at the end.
public struct Template: Sendable {
    /// `metadata.name`: what `/template run NAME` names.
    public var name: String
    /// `metadata.title`, for people.
    public var title: String?
    /// `metadata.description`.
    public var description: String?
    /// `metadata.tags`.
    public var tags: [String]
    /// `spec.owner`: who keeps the template.
    public var owner: String?
    /// `spec.type`: what it creates (`service`, `website`, `documentation`, ...).
    public var type: String
    /// The form's pages, in order (a single schema is one page).
    public var pages: [ParameterPage]
    /// The steps, run in order.
    public var steps: [TemplateStep]
    /// `spec.output`: `links`, `text` and any other templated values.
    public var output: JSONValue
    /// Groups allowed to run it (`spec.allowed`, Backline's own key); empty means everyone.
    public var allowedGroups: [String]
    /// Where it was read from, for relative `url:`s and for errors.
    public var origin: TemplateOrigin
    /// The file's text, to place errors in values on their line.
    let text: String

    /// The title when set, else the name.
    public var displayName: String { title ?? name }

    /// Every action id the steps use, in order, once each.
    public var actionIDs: [String] {
        var seen = Set<String>()
        return steps.map(\.action).filter { seen.insert($0).inserted }
    }
}

/// Where a template came from: its file, the folder its relative URLs start from, and the root
/// they may not leave (the configured folder or the catalog source).
public struct TemplateOrigin: Sendable, Hashable {
    /// The template file.
    public var file: URL
    /// The root of the source holding it: `fetch:template` may climb to sibling folders inside it,
    /// never outside.
    public var root: URL
    /// How errors name the file (relative to the root when inside it).
    public var displayName: String

    /// Creates an origin; `root` defaults to the file's folder.
    public init(file: URL, root: URL? = nil) {
        self.file = file.standardizedFileURL
        self.root = (root ?? file.deletingLastPathComponent()).standardizedFileURL
        let rootPath = self.root.path.hasSuffix("/") ? self.root.path : self.root.path + "/"
        displayName = self.file.path.hasPrefix(rootPath) ? String(self.file.path.dropFirst(rootPath.count)) : self.file.lastPathComponent
    }

    /// The folder relative URLs resolve against.
    public var directory: URL { file.deletingLastPathComponent() }
}

/// One page of the form: a JSON Schema object with `ui:*` keys merged in.
public struct ParameterPage: Sendable {
    /// The page's title.
    public var title: String?
    /// The page's description.
    public var description: String?
    /// The schema (`properties`, `required`, `dependencies`, ...).
    public var schema: JSONValue

    /// The properties in the order the file lists them is lost to the YAML reader's dictionaries,
    /// so `ui:order` decides when given, else required fields first, then by name.
    public var propertyNames: [String] {
        let properties = schema["properties"]?.objectValue ?? [:]
        if let order = schema["ui:order"]?.arrayValue?.compactMap(\.stringValue) {
            return order.filter { properties[$0] != nil } + properties.keys.filter { !order.contains($0) }.sorted()
        }
        let required = Set(schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        return properties.keys.sorted { (required.contains($0) ? 0 : 1, $0) < (required.contains($1) ? 0 : 1, $1) }
    }
}

/// One step: an action with templated input, optionally conditional (`if`) or repeated (`each`).
public struct TemplateStep: Sendable {
    /// The id other steps use to read its output (`steps.<id>.output`).
    public var id: String
    /// A name for people.
    public var name: String?
    /// The action id (`fetch:template`, `publish:git`, ...).
    public var action: String
    /// The input, with `${{ }}` still in it.
    public var input: JSONValue
    /// `if:`: the step is skipped when this renders false, undefined, null, "", 0 or [].
    public var condition: JSONValue?
    /// `each:`: the step runs once per element, with `each.value` (and `each.key`) in scope.
    public var each: JSONValue?
}

/// A template file that cannot be used.
public struct TemplateLoadError: Error, Sendable, CustomStringConvertible {
    /// The file.
    public var file: String
    /// Why.
    public var message: String
    /// Where in the file, when known.
    public var position: SourcePosition?

    /// Creates an error.
    public init(file: String, message: String, position: SourcePosition? = nil) {
        self.file = file
        self.message = message
        self.position = position
    }

    public var description: String { position.map { "\(file):\($0.line):\($0.column): \(message)" } ?? "\(file): \(message)" }
}

extension Template {
    /// The largest template file read: real ones are a few kilobytes.
    public static let maxFileSize = 1 << 20

    /// Reads the template file at `origin.file`.
    public init(origin: TemplateOrigin) throws {
        let data: Data
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: origin.file.path)
            if let size = attributes[.size] as? Int, size > Self.maxFileSize {
                throw TemplateLoadError(file: origin.displayName, message: "larger than \(Self.maxFileSize) bytes")
            }
            data = try Data(contentsOf: origin.file)
        } catch let error as TemplateLoadError {
            throw error
        } catch {
            throw TemplateLoadError(file: origin.displayName, message: "cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw TemplateLoadError(file: origin.displayName, message: "is not UTF-8 text") }
        try self.init(text: text, origin: origin)
    }

    /// Reads a template from its YAML `text`.
    public init(text: String, origin: TemplateOrigin) throws {
        let file = origin.displayName
        let document: JSONValue
        do {
            document = try YAMLValue.parse(text)
        } catch {
            throw TemplateLoadError(file: file, message: "\(error)")
        }
        try self.init(document: document, text: text, origin: origin)
    }

    /// Reads a template from its parsed document (a file, or an entity from the catalog).
    init(document: JSONValue, text: String, origin: TemplateOrigin) throws {
        let file = origin.displayName
        func fail(_ message: String) -> TemplateLoadError { TemplateLoadError(file: file, message: message) }
        guard document["kind"]?.stringValue == "Template" else { throw fail("kind must be Template") }
        let apiVersion = document["apiVersion"]?.stringValue ?? ""
        guard apiVersion == "scaffolder.backstage.io/v1beta3" else {
            throw fail("apiVersion \(apiVersion.isEmpty ? "is missing" : "\"\(apiVersion)\" is not supported"); Backline runs scaffolder.backstage.io/v1beta3")
        }
        guard let metadata = document["metadata"], let name = metadata["name"]?.stringValue, !name.isEmpty else { throw fail("metadata.name is required") }
        guard let spec = document["spec"]?.objectValue else { throw fail("spec is required") }
        guard let type = spec["type"]?.stringValue else { throw fail("spec.type is required") }
        guard let stepValues = spec["steps"]?.arrayValue else { throw fail("spec.steps is required (a list)") }
        var steps: [TemplateStep] = []
        var ids = Set<String>()
        for (index, value) in stepValues.enumerated() {
            guard let action = value["action"]?.stringValue, !action.isEmpty else { throw fail("spec.steps[\(index)].action is required") }
            let id = value["id"]?.stringValue ?? "step-\(index + 1)"
            guard ids.insert(id).inserted else { throw fail("spec.steps[\(index)]: step id \"\(id)\" is used twice") }
            steps.append(
                TemplateStep(
                    id: id, name: value["name"]?.stringValue, action: action, input: value["input"] ?? .object([:]),
                    condition: value["if"], each: value["each"]))
        }
        let pageValues: [JSONValue]
        switch spec["parameters"] {
        case .array(let list)?: pageValues = list
        case .object?: pageValues = [spec["parameters"]!]
        case nil, .null?: pageValues = []
        default: throw fail("spec.parameters must be an object or a list of objects")
        }
        let pages = try pageValues.enumerated().map { (index, page) throws -> ParameterPage in
            guard page.objectValue != nil else { throw fail("spec.parameters[\(index)] must be an object") }
            return ParameterPage(title: page["title"]?.stringValue, description: page["description"]?.stringValue, schema: page)
        }
        self.init(
            name: name, title: metadata["title"]?.stringValue, description: metadata["description"]?.stringValue,
            tags: metadata["tags"]?.arrayValue?.compactMap(\.stringValue) ?? [], owner: spec["owner"]?.stringValue, type: type,
            pages: pages, steps: steps, output: spec["output"] ?? .object([:]),
            allowedGroups: spec["allowed"]?.arrayValue?.compactMap(\.stringValue) ?? [], origin: origin, text: text)
        try checkExpressions()
    }

    /// Parses every templated string of the steps and output, so a typo is reported, with its
    /// line and column, before anything runs.
    func checkExpressions() throws {
        for step in steps {
            for value in [step.input, step.condition ?? .null, step.each ?? .null] {
                try ValueRenderer(template: self).check(value)
            }
        }
        try ValueRenderer(template: self).check(output)
    }
}
