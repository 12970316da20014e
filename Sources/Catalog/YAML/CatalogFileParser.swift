import Foundation

/// A valid entity read from a file, with where it was read from.
public struct ParsedEntity: Sendable, Hashable {
    /// The entity.
    public var entity: Entity
    /// The relations its spec declares (both directions).
    public var relations: [Relation]
    /// The 1-based document within the file.
    public var document: Int
    /// The line the document starts on.
    public var line: Int
}

/// Everything one catalog file yields: valid entities and every problem found.
public struct ParsedFile: Sendable {
    /// The entities that passed validation.
    public var entities: [ParsedEntity]
    /// Errors and warnings, located by document, line and field.
    public var problems: [CatalogProblem]
    /// The refs named by documents that failed validation but could still be identified; their
    /// previously stored version is kept rather than deleted.
    public var refsOfInvalidDocuments: Set<EntityRef>
    /// Whether the file could not be read or parsed as YAML at all.
    public var isUnreadable: Bool

    /// Whether any error was found.
    public var hasErrors: Bool { problems.contains { $0.severity == .error } }
}

/// Reads a catalog file: YAML documents → placeholders → validation → entities and relations.
public enum CatalogFileParser {
    /// Parses the text of one file whose placeholders may read anywhere under its own directory.
    /// - Parameters:
    ///   - text: the file's content.
    ///   - displayName: how problems name the file (`config/catalog/org/teams.yaml`).
    ///   - directory: where `$text`/`$json`/`$yaml` placeholders resolve, and what they may not leave.
    public static func parse(_ text: String, displayName: String, directory: URL) -> ParsedFile {
        parse(text, displayName: displayName, directory: directory, root: directory)
    }

    /// Parses the text of one file from a catalog source.
    /// - Parameters:
    ///   - text: the file's content.
    ///   - displayName: how problems name the file (`config/catalog/org/teams.yaml`).
    ///   - directory: where `$text`/`$json`/`$yaml` placeholders resolve (the file's directory).
    ///   - root: the source root (a directory source's directory, a git checkout): placeholders
    ///     that lead outside it, by absolute path, `..` or symbolic link, are errors.
    public static func parse(_ text: String, displayName: String, directory: URL, root: URL) -> ParsedFile {
        parse(text, displayName: displayName, directory: directory, root: root, file: nil)
    }

    /// Parses the text of `file`, which is known, so a `$yaml` placeholder including it is a cycle.
    static func parse(_ text: String, displayName: String, directory: URL, root: URL, file: String?) -> ParsedFile {
        let documents: [YAMLDocument]
        do {
            let substitutions = PlaceholderResolver(baseDirectory: directory.path, root: root.path, descriptor: file)
            documents = try YAMLDocuments.parse(text, substitutions: substitutions)
        } catch {
            let problem = CatalogProblem(file: displayName, line: error.line, rule: "yaml-syntax", message: error.message)
            return ParsedFile(entities: [], problems: [problem], refsOfInvalidDocuments: [], isUnreadable: true)
        }
        var result = ParsedFile(entities: [], problems: [], refsOfInvalidDocuments: [], isUnreadable: false)
        for document in documents {
            var outcome = EntityValidator.validate(document.value)
            // A field whose placeholder could not be read (or that passed a limit) is reported once,
            // for the placeholder.
            let placeholderFields = Set(document.problems.filter { $0.severity == .error }.compactMap(\.field))
            outcome.problems.removeAll { $0.field.map(placeholderFields.contains) ?? false }
            outcome.problems.insert(contentsOf: document.problems, at: 0)
            let hasPlaceholderError = document.problems.contains { $0.severity == .error }
            for problem in outcome.problems {
                result.problems.append(CatalogProblem(
                    severity: problem.severity, file: displayName, document: document.index,
                    line: document.line(of: problem.field), field: problem.field, rule: problem.rule, message: problem.message))
            }
            if let entity = outcome.entity, !hasPlaceholderError {
                if let first = result.entities.first(where: { $0.entity.ref == entity.ref }) {
                    result.problems.append(CatalogProblem(
                        severity: .warning, file: displayName, document: document.index, line: document.line, rule: "duplicate-entity",
                        message: "\(entity.ref) is already defined in document \(first.document) of this file; this definition is ignored"))
                    continue
                }
                result.entities.append(ParsedEntity(entity: entity, relations: outcome.relations, document: document.index, line: document.line))
            } else if let ref = identify(document.value) {
                result.refsOfInvalidDocuments.insert(ref)
            }
        }
        return result
    }

    /// Reads and parses a file from disk.
    /// - Parameters:
    ///   - url: the file.
    ///   - displayName: how problems name the file.
    ///   - root: what its placeholders may not leave; the file's own directory when nil.
    public static func parse(fileAt url: URL, displayName: String, root: URL? = nil) -> ParsedFile {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            let problem = CatalogProblem(file: displayName, rule: "unreadable-file", message: "cannot read \(url.path)")
            return ParsedFile(entities: [], problems: [problem], refsOfInvalidDocuments: [], isUnreadable: true)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            let problem = CatalogProblem(file: displayName, rule: "encoding", message: "the file is not UTF-8 text")
            return ParsedFile(entities: [], problems: [problem], refsOfInvalidDocuments: [], isUnreadable: true)
        }
        let directory = url.deletingLastPathComponent()
        return parse(text, displayName: displayName, directory: directory, root: root ?? directory, file: url.path)
    }

    /// The ref an invalid document is still recognisably about, if kind and name are readable.
    private static func identify(_ document: JSONValue) -> EntityRef? {
        guard let kind = document["kind"]?.stringValue, let name = document["metadata"]?["name"]?.stringValue,
              !kind.isEmpty, !name.isEmpty else { return nil }
        return EntityRef(kind: kind, namespace: document["metadata"]?["namespace"]?.stringValue ?? EntityRef.defaultNamespace, name: name)
    }
}
