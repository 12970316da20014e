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
    /// Parses every document of `text`.
    /// - Parameters:
    ///   - text: the file's content.
    ///   - substitutions: resolves `$text`/`$json`/`$yaml` placeholders relative to the file.
    static func parse(_ text: String, substitutions: PlaceholderResolver) throws(YAMLSyntaxError) -> [YAMLDocument] {
        var documents: [YAMLDocument] = []
        do {
            // The parser is driven directly: `compose_all`'s sequence swallows syntax errors.
            let parser = try Parser(yaml: text, resolver: .basic)
            var index = 0
            while let node = try parser.nextRoot() {
                index += 1
                if case .scalar(let scalar) = node, CoreSchema.value(of: scalar) == .null { continue }
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
/// placeholders on the way, within ``PlaceholderLimits``.
struct NodeConverter {
    /// Resolves placeholders; swapped for the included file's own while converting a `$yaml` file.
    private(set) var substitutions: PlaceholderResolver
    var problems: [FieldProblem] = []
    private var path = FieldPath()
    /// Maps and lists open above the current node, counted from the document into included files.
    private var depth = 0
    /// Values converted so far, counted into included files (aliases count each time they expand).
    private var values = 0
    /// Set once the document holds too many values: the rest is not converted, so the limit bounds
    /// the work too.
    private var isOverLimit = false
    /// Set once a branch nested too deep, to report that once; other branches still convert.
    private var hasReportedNesting = false

    init(substitutions: PlaceholderResolver) { self.substitutions = substitutions }

    mutating func convert(_ node: Node) -> JSONValue {
        guard !isOverLimit else { return .null }
        values += 1
        guard values <= PlaceholderLimits.maxValues else {
            isOverLimit = true
            report(limit: "document-size", "holds more than \(PlaceholderLimits.maxValues) values once its aliases are expanded")
            return .null
        }
        switch node {
        case .scalar(let scalar):
            return CoreSchema.value(of: scalar)
        case .sequence(let sequence):
            guard enterLevel() else { return .null }
            defer { depth -= 1 }
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
            guard enterLevel() else { return .null }
            defer { depth -= 1 }
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

    /// Opens one more map or list, unless that passes the nesting limit.
    private mutating func enterLevel() -> Bool {
        guard depth < PlaceholderLimits.maxNesting else {
            reportNesting("nests more than \(PlaceholderLimits.maxNesting) levels of maps and lists")
            return false
        }
        depth += 1
        return true
    }

    /// Reports passing the nesting limit, once per document.
    private mutating func reportNesting(_ message: String) {
        guard !hasReportedNesting else { return }
        hasReportedNesting = true
        report(limit: "nesting-depth", message)
    }

    /// Reports a limit at a short ancestor of the current field: the full path could be a hundred
    /// segments long.
    private mutating func report(limit rule: String, _ message: String) {
        let field = FieldPath.format(Array(path.segments.prefix(6)))
        problems.append(FieldProblem(field: field, rule: rule, message: "\"\(field)\": \(message)\(substitutions.whereabouts)"))
    }

    private mutating func substitute(_ directive: PlaceholderResolver.Directive, _ target: Node) -> JSONValue {
        guard let reference = target.string, !reference.isEmpty else {
            report("\(directive.rawValue) needs a path or URL as its value")
            return .null
        }
        let loaded: PlaceholderResolver.Loaded
        switch substitutions.resolve(directive, reference) {
        case .success(let file):
            loaded = file
        case .failure(let failure):
            report(failure.message, severity: failure.isFatal ? .error : .warning)
            return failure.fallback
        }
        switch directive {
        case .text:
            return .string(loaded.text)
        case .json:
            do {
                return try JSONReader.parse(loaded.text, maxDepth: PlaceholderLimits.maxNesting - depth)
            } catch is JSONReader.TooDeep {
                reportNesting("\(directive.rawValue) \(reference) nests more than \(PlaceholderLimits.maxNesting) levels of maps and lists, counted from the document")
                return .null
            } catch {
                report("\(directive.rawValue) \(reference) is not valid JSON")
                return .null
            }
        case .yaml:
            let node: Node?
            do {
                node = try Yams.compose(yaml: loaded.text, .basic)
            } catch {
                report("\(directive.rawValue) \(reference) is not valid YAML")
                return .null
            }
            guard let node else { return .null }
            // The included document converts in place, so its problems name fields below this one
            // and the nesting and size limits count across files.
            let outer = substitutions
            substitutions = loaded.nested
            defer { substitutions = outer }
            return convert(node)
        }
    }

    /// A placeholder problem on the current field.
    private mutating func report(_ message: String, severity: CatalogProblem.Severity = .error) {
        problems.append(FieldProblem(
            severity: severity, field: path.description, rule: "placeholder", message: "\"\(path)\": \(message)\(substitutions.whereabouts)"))
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
