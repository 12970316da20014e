import Foundation
import Yams

/// Reads a health data file into a Yams node tree, turning every failure into a
/// ``HealthDataError`` that names the file and line. Values are read as the scalar text written
/// (`1.10` stays `1.10`, never the number 1.1).
struct HealthYAMLFile {
    /// The file name used in errors.
    let file: String
    /// The document root; nil for an empty file.
    let root: Node?

    /// Files larger than this are refused: no real data file comes close, and reading is bounded.
    static let maximumBytes = 32 * 1024 * 1024

    /// Parses `text`.
    init(text: String, file: String) throws(HealthDataError) {
        self.file = file
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw HealthDataError(file: file, line: Self.line(of: error), message: "not valid YAML: \(Self.summary(of: error))")
        } catch {
            throw HealthDataError(file: file, message: "not valid YAML: \(error)")
        }
    }

    /// Reads and parses the file at `url`; `file` defaults to its path.
    static func load(_ url: URL, file: String? = nil) throws(HealthDataError) -> HealthYAMLFile {
        let name = file ?? url.path
        let data: Data
        do {
            let size = try url.resourceValues(forKeys: [.fileSizeKey]).fileSize ?? 0
            guard size <= maximumBytes else { throw HealthDataError(file: name, message: "larger than \(maximumBytes / 1024 / 1024) MiB") }
            data = try Data(contentsOf: url)
        } catch let error as HealthDataError {
            throw error
        } catch {
            throw HealthDataError(file: name, message: "cannot be read: \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw HealthDataError(file: name, message: "is not UTF-8 text") }
        return try HealthYAMLFile(text: text, file: name)
    }

    /// An error located at `node`.
    func error(_ message: String, at node: Node?) -> HealthDataError {
        HealthDataError(file: file, line: node?.mark?.line, message: message)
    }

    /// The root as a mapping (an empty file is an empty mapping).
    func rootMapping() throws(HealthDataError) -> [(key: String, keyNode: Node, value: Node)] {
        guard let root else { return [] }
        if case .scalar(let scalar) = root, scalar.string.isEmpty || scalar.string == "~" || scalar.string == "null" { return [] }
        return try mapping(root, what: "the file")
    }

    /// The entries of a mapping node, keys as text; an error naming `what` otherwise.
    func mapping(_ node: Node, what: String) throws(HealthDataError) -> [(key: String, keyNode: Node, value: Node)] {
        guard let mapping = node.mapping else { throw error("\(what) must be a mapping", at: node) }
        var entries: [(key: String, keyNode: Node, value: Node)] = []
        for (key, value) in mapping {
            guard let text = key.scalar?.string else { throw error("\(what) has a key that is not text", at: key) }
            entries.append((text, key, value))
        }
        return entries
    }

    /// The elements of a sequence node.
    func sequence(_ node: Node, what: String) throws(HealthDataError) -> [Node] {
        guard let sequence = node.sequence else { throw error("\(what) must be a list", at: node) }
        return Array(sequence)
    }

    /// The text of a scalar node; nil for `null`/`~`/empty.
    func scalar(_ node: Node, what: String) throws(HealthDataError) -> String? {
        guard let scalar = node.scalar else { throw error("\(what) must be a single value", at: node) }
        let text = scalar.string
        // A quoted "null" is text; a plain one is YAML's null.
        if scalar.style == .plain, text.isEmpty || text == "~" || text.lowercased() == "null" { return nil }
        return text
    }

    /// A `YYYY-MM-DD` scalar.
    func day(_ node: Node, what: String) throws(HealthDataError) -> CalendarDay? {
        guard let text = try scalar(node, what: what) else { return nil }
        guard let day = CalendarDay(text) else { throw error("\(what) \"\(text)\" is not a YYYY-MM-DD date", at: node) }
        return day
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        case .duplicatedKeysInMapping(_, let context): context.mark.line
        default: nil
        }
    }

    private static func summary(of error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _), .composer(let context, let problem, _, _):
            [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        case .duplicatedKeysInMapping(let duplicates, _): "duplicated keys \(duplicates.joined(separator: ", "))"
        default: String(describing: error)
        }
    }
}
