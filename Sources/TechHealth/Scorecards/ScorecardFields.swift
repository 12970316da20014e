import Foundation
import Yams

/// Reads one YAML mapping of a scorecard file field by field, so every error carries the file,
/// the line and the field path (`checks[1].lessThan`) to fix. Anchors and aliases are never
/// followed: an alias where a value is expected is simply the wrong type.
struct ScorecardFields {
    let file: String
    let path: String
    let mapping: Node.Mapping
    let line: Int?

    init(file: String, path: String, node: Node) throws(ScorecardError) {
        self.file = file
        self.path = path
        line = node.mark?.line
        guard let mapping = node.mapping else {
            throw ScorecardError(
                file: file, line: line, field: path.isEmpty ? nil : path,
                message: path.isEmpty ? "the file must be a mapping of fields" : "field \"\(path)\" must be a mapping of fields")
        }
        self.mapping = mapping
    }

    /// The full path of a key (`checks[0].fact`).
    func field(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The line of a key, else of the mapping.
    func line(of key: String) -> Int? { keyNode(key)?.mark?.line ?? line }

    /// An error about one field, at its key's line.
    func error(_ key: String, _ message: String) -> ScorecardError {
        ScorecardError(file: file, line: line(of: key), field: field(key), message: "field \"\(field(key))\" \(message)")
    }

    /// Keys in file order.
    var keys: [String] { mapping.keys.compactMap { $0.scalar?.string } }

    /// Fails on keys the format does not have, so a typo (`lessThen:`) is an error, not a check
    /// that silently never runs.
    func rejectUnknownKeys(_ known: [String]) throws(ScorecardError) {
        for key in mapping.keys {
            guard let name = key.scalar?.string, known.contains(name) else {
                let shown = key.scalar?.string ?? "?"
                throw ScorecardError(
                    file: file, line: key.mark?.line ?? line, field: field(shown),
                    message: "unknown field \"\(field(shown))\" (known: \(known.joined(separator: ", ")))")
            }
        }
    }

    private func keyNode(_ key: String) -> Node? { mapping.keys.first { $0.scalar?.string == key } }

    /// The value of a key; nil when absent or written as YAML null.
    func node(_ key: String) -> Node? {
        guard let node = mapping[key] else { return nil }
        if let scalar = node.scalar, Self.isNull(scalar) { return nil }
        return node
    }

    func has(_ key: String) -> Bool { mapping[key] != nil }

    func string(_ key: String) throws(ScorecardError) -> String? {
        guard let node = node(key) else { return nil }
        guard let scalar = node.scalar else { throw error(key, "must be text") }
        return scalar.string
    }

    func requiredString(_ key: String) throws(ScorecardError) -> String {
        guard let value = try string(key) else { throw missing(key) }
        guard !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw error(key, "is empty") }
        return value
    }

    func missing(_ key: String) -> ScorecardError {
        ScorecardError(file: file, line: line, field: field(key), message: "missing field \"\(field(key))\"")
    }

    /// A list of text; a single text is a list of one.
    func strings(_ key: String) throws(ScorecardError) -> [String] {
        guard let node = node(key) else { return [] }
        if let scalar = node.scalar { return [scalar.string] }
        guard let sequence = node.sequence else { throw error(key, "must be text or a list of text") }
        var values: [String] = []
        for (index, element) in sequence.enumerated() {
            guard let scalar = element.scalar, !Self.isNull(scalar) else { throw error(key, "item \(index) must be text") }
            values.append(scalar.string)
        }
        return values
    }

    /// The mappings of a list field, each with its own path (`checks[2]`).
    func list(_ key: String) throws(ScorecardError) -> [ScorecardFields] {
        guard let node = node(key) else { return [] }
        guard let sequence = node.sequence else { throw error(key, "must be a list") }
        var items: [ScorecardFields] = []
        for (index, element) in sequence.enumerated() {
            items.append(try ScorecardFields(file: file, path: "\(field(key))[\(index)]", node: element))
        }
        return items
    }

    /// YAML's null: a plain `~`, `null` or nothing. A quoted "null" is text.
    static func isNull(_ scalar: Node.Scalar) -> Bool {
        scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// A plain `true`/`false` (quoted text is text, not a yes/no).
    static func bool(_ scalar: Node.Scalar) -> Bool? {
        guard scalar.style == .plain else { return nil }
        switch scalar.string.lowercased() {
        case "true": return true
        case "false": return false
        default: return nil
        }
    }

    /// A plain, finite number (`10`, `2.5`, `-1`).
    static func number(_ scalar: Node.Scalar) -> Double? {
        guard scalar.style == .plain, let value = Double(scalar.string.replacingOccurrences(of: "_", with: "")), value.isFinite else { return nil }
        return value
    }
}
