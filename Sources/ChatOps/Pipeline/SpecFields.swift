import Foundation
import Yams

/// Reads one YAML mapping of a spec file field by field, so every error names the file, the line
/// and the field path (`arguments[1].type`) a person has to fix.
struct SpecFields {
    let file: String
    let path: String
    let mapping: Node.Mapping
    let line: Int

    init(file: String, path: String, node: Node) throws {
        self.file = file
        self.path = path
        line = node.mark?.line ?? 1
        guard let mapping = node.mapping else {
            throw CommandSpecError(file: file, line: line, message: "\(path.isEmpty ? "the file" : "field \"\(path)\"") must be a mapping of fields")
        }
        self.mapping = mapping
    }

    func field(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func error(_ key: String, _ message: String) -> CommandSpecError {
        let keyLine = mapping.first { $0.key.string == key }?.key.mark?.line ?? line
        return CommandSpecError(file: file, line: keyLine, message: "field \"\(field(key))\" \(message)")
    }

    /// Fails on keys the format does not have, so a typo (`hanlder:`) is an error, not a silent default.
    func rejectUnknownKeys(_ known: Set<String>) throws {
        for key in mapping.keys {
            guard let name = key.string, known.contains(name) else {
                throw CommandSpecError(
                    file: file, line: key.mark?.line ?? line,
                    message: "unknown field \"\(field(key.string ?? "?"))\" (known: \(known.sorted().joined(separator: ", ")))")
            }
        }
    }

    func node(_ key: String) -> Node? {
        guard let node = mapping[key], node.null == nil else { return nil }
        return node
    }

    func string(_ key: String) throws -> String? {
        guard let node = node(key) else { return nil }
        guard let scalar = node.scalar else { throw error(key, "must be text") }
        return scalar.string
    }

    func requiredString(_ key: String) throws -> String {
        guard let value = try string(key) else { throw missing(key) }
        return value
    }

    func missing(_ key: String) -> CommandSpecError {
        CommandSpecError(file: file, line: line, message: "missing field \"\(field(key))\"")
    }

    func bool(_ key: String) throws -> Bool? {
        guard let node = node(key) else { return nil }
        guard let value = node.bool else { throw error(key, "must be true or false") }
        return value
    }

    func int(_ key: String) throws -> Int? {
        guard let node = node(key) else { return nil }
        guard let value = node.int else { throw error(key, "must be a whole number") }
        return value
    }

    /// A list of strings; a single string is accepted as a list of one.
    func strings(_ key: String) throws -> [String] {
        guard let node = node(key) else { return [] }
        if let scalar = node.scalar { return [scalar.string] }
        guard let sequence = node.sequence else { throw error(key, "must be a list of text") }
        return try sequence.enumerated().map { index, element in
            guard let scalar = element.scalar else { throw error(key, "item \(index) must be text") }
            return scalar.string
        }
    }

    /// The mappings of a list field, each readable with its own path (`arguments[2]`).
    func list(_ key: String) throws -> [SpecFields] {
        guard let node = node(key) else { return [] }
        guard let sequence = node.sequence else { throw error(key, "must be a list") }
        return try sequence.enumerated().map { index, element in
            try SpecFields(file: file, path: "\(field(key))[\(index)]", node: element)
        }
    }
}
