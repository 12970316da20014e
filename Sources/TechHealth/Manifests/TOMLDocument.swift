import TOMLKit

/// A TOML document as a plain Swift tree, read with TOMLKit (toml++).
///
/// TOMLKit's values are classes over C++ nodes with no source positions, so the tree is copied out
/// once into values the parsers can hold and pass around; lines are found in the text with
/// `TextLines`. toml++ bounds nesting itself, so hostile depth is a parse error, not a crash.
indirect enum TOMLDocument: Sendable {
    case table([String: TOMLDocument])
    case array([TOMLDocument])
    case string(String)
    case other(String)

    /// Why a document was refused.
    struct Refusal: Error, Sendable {
        let message: String
        let line: Int?
    }

    /// Parses `text`.
    static func parse(_ text: String) throws(Refusal) -> TOMLDocument {
        // toml++ reads a C string: a NUL byte would silently cut the document short.
        if text.utf8.contains(0) { throw Refusal(message: "not valid TOML: the file contains a NUL byte", line: nil) }
        do {
            let table = try TOMLTable(string: text)
            return convert(table.tomlValue)
        } catch let error as TOMLParseError {
            throw Refusal(message: "not valid TOML: \(error.description)", line: error.source.begin.line)
        } catch {
            throw Refusal(message: "not valid TOML", line: nil)
        }
    }

    private static func convert(_ value: TOMLValue) -> TOMLDocument {
        switch value.type {
        case .table:
            guard let table = value.table else { return .table([:]) }
            var members: [String: TOMLDocument] = [:]
            for (key, member) in zip(table.keys, table.values) { members[key] = convert(member) }
            return .table(members)
        case .array:
            guard let array = value.array else { return .array([]) }
            return .array(array.map { convert($0.tomlValue) })
        case .string:
            return .string(value.string ?? "")
        case .int:
            return .other(value.int.map(String.init) ?? "")
        case .double:
            return .other(value.double.map { String($0) } ?? "")
        case .bool:
            return .other(value.bool.map { String($0) } ?? "")
        default:
            return .other(value.debugDescription)
        }
    }

    /// The member named `key`, when this is a table.
    subscript(key: String) -> TOMLDocument? {
        if case .table(let members) = self { return members[key] }
        return nil
    }

    /// The member at a dotted path of keys.
    subscript(path keys: String...) -> TOMLDocument? {
        var current: TOMLDocument? = self
        for key in keys { current = current?[key] }
        return current
    }

    /// The members, when this is a table.
    var table: [String: TOMLDocument]? {
        if case .table(let members) = self { return members }
        return nil
    }

    /// The elements, when this is an array.
    var array: [TOMLDocument] {
        if case .array(let elements) = self { return elements }
        return []
    }

    /// The text, when this is a string.
    var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The text of a string, number or boolean.
    var scalarText: String? {
        switch self {
        case .string(let text), .other(let text): text
        default: nil
        }
    }
}
