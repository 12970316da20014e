import Foundation
import Yams

/// One YAML document of a catalog file, converted to JSON with its source positions kept.
struct YAMLDocument {
    /// 1-based position of the document in its file.
    let index: Int
    /// The line the document starts on.
    let line: Int
    /// The document as JSON, with `$text`/`$json`/`$yaml` placeholders already substituted.
    let value: JSONValue
    /// Problems found while substituting placeholders.
    let problems: [FieldProblem]
    /// The parsed tree, kept to find the line of any field a later check complains about.
    private let node: Node

    init(index: Int, node: Node, value: JSONValue, problems: [FieldProblem]) {
        self.index = index
        self.line = node.mark?.line ?? 1
        self.node = node
        self.value = value
        self.problems = problems
    }

    /// The line of `path` (`metadata.tags[2]`), or of its nearest ancestor that exists.
    func line(of path: String?) -> Int {
        guard let path else { return line }
        var current = node
        var best = line
        for segment in FieldPath.segments(path) {
            let next: Node?
            switch segment {
            case .key(let key): next = current.mapping?.first(where: { $0.key.string == key })?.value
            case .index(let index): next = current.sequence.flatMap { index < $0.count ? $0[index] : nil }
            }
            guard let next else { break }
            // A key's line is where people look for it; the value may start on the next line.
            if case .key(let key) = segment, let keyNode = current.mapping?.first(where: { $0.key.string == key })?.key {
                best = keyNode.mark?.line ?? best
            } else {
                best = next.mark?.line ?? best
            }
            current = next
        }
        return best
    }
}

/// A parse failure that makes the whole file unreadable.
struct YAMLSyntaxError: Error {
    let line: Int?
    let message: String
}

/// Splits a file into its YAML documents (`---`), skipping empty ones as Backstage does.
enum YAMLDocuments {
    /// The YAML 1.2 core schema, as Backstage's `yaml` parser reads files: only `true`/`false` are
    /// booleans (`yes`, `on` stay strings) and there are no implicit timestamps.
    static let coreSchema: Resolver = {
        do {
            return try Resolver.basic
                .appending(.null, "^(?:~|null|Null|NULL|)$")
                .appending(.bool, "^(?:true|True|TRUE|false|False|FALSE)$")
                .appending(.int, "^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
                .appending(.float, #"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"#)
        } catch {
            preconditionFailure("the YAML core-schema patterns are constant and valid: \(error)")
        }
    }()

    /// Parses every document of `text`.
    /// - Parameters:
    ///   - text: the file's content.
    ///   - substitutions: resolves `$text`/`$json`/`$yaml` placeholders relative to the file.
    static func parse(_ text: String, substitutions: PlaceholderResolver) throws(YAMLSyntaxError) -> [YAMLDocument] {
        var documents: [YAMLDocument] = []
        do {
            // The parser is driven directly: `compose_all`'s sequence swallows syntax errors.
            let parser = try Parser(yaml: text, resolver: coreSchema)
            var index = 0
            while let node = try parser.nextRoot() {
                index += 1
                if case .scalar(let scalar) = node, scalar.string.isEmpty || node.tagName == .null { continue }
                var converter = NodeConverter(substitutions: substitutions)
                let value = converter.convert(node)
                documents.append(YAMLDocument(index: index, node: node, value: value, problems: converter.problems))
            }
        } catch let error as YamlError {
            throw YAMLSyntaxError(line: error.line, message: "Failed to parse YAML: \(error.summary)")
        } catch {
            throw YAMLSyntaxError(line: nil, message: "Failed to parse YAML: \(error)")
        }
        return documents
    }
}

/// Converts a YAML node tree to JSON the way a YAML 1.2 core-schema loader would, resolving
/// placeholders on the way.
struct NodeConverter {
    let substitutions: PlaceholderResolver
    var problems: [FieldProblem] = []
    private var path = FieldPath()

    init(substitutions: PlaceholderResolver) { self.substitutions = substitutions }

    mutating func convert(_ node: Node) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            switch node.tagName {
            case .null: return .null
            case .bool: return node.bool.map(JSONValue.bool) ?? .string(scalar.string)
            case .int: return node.int.map { .number(Double($0)) } ?? .string(scalar.string)
            case .float: return node.float.map(JSONValue.number) ?? .string(scalar.string)
            default: return .string(scalar.string)
            }
        case .sequence(let sequence):
            var elements: [JSONValue] = []
            elements.reserveCapacity(sequence.count)
            for (index, element) in sequence.enumerated() {
                path.push(.index(index))
                elements.append(convert(element))
                path.pop()
            }
            return .array(elements)
        case .mapping(let mapping):
            if mapping.count == 1, let (key, value) = mapping.first(where: { _ in true }),
               let directive = key.string.flatMap(PlaceholderResolver.Directive.init(rawValue:)) {
                return substitute(directive, value)
            }
            var members: [String: JSONValue] = [:]
            members.reserveCapacity(mapping.count)
            for (key, value) in mapping {
                let name = key.string ?? ""
                path.push(.key(name))
                members[name] = convert(value)
                path.pop()
            }
            return .object(members)
        case .alias:
            return .null  // compose() dereferences aliases; a bare alias node cannot occur
        }
    }

    private mutating func substitute(_ directive: PlaceholderResolver.Directive, _ target: Node) -> JSONValue {
        guard let reference = target.string, !reference.isEmpty else {
            problems.append(FieldProblem(
                field: path.description, rule: "placeholder",
                message: "\"\(path)\": \(directive.rawValue) needs a path or URL as its value"))
            return .null
        }
        switch substitutions.resolve(directive, reference) {
        case .success(let value):
            return value
        case .failure(let failure):
            problems.append(FieldProblem(
                severity: failure.isFatal ? .error : .warning, field: path.description, rule: "placeholder",
                message: "\"\(path)\": \(failure.message)"))
            return failure.fallback
        }
    }
}

extension YamlError {
    /// The 1-based line libyaml reported, when it reported one.
    var line: Int? {
        switch self {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        case .duplicatedKeysInMapping(_, let context): context.mark.line
        default: nil
        }
    }

    /// The problem without the echoed source snippet Yams appends.
    var summary: String {
        switch self {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _), .composer(let context, let problem, _, _):
            [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        case .duplicatedKeysInMapping(let duplicates, _):
            "duplicated keys \(duplicates.joined(separator: ", "))"
        default:
            String(describing: self)
        }
    }
}

extension Node {
    /// The resolved tag (`!!bool`, `!!int`, ...) of a plain scalar.
    var tagName: Tag.Name { Tag.Name(rawValue: tag.rawValue) }
}
