/// Reads JSON text into a ``JSONValue``: the read-side twin of ``JSONWriter``.
///
/// Every answer loads a few entity bodies; `JSONDecoder` with `Codable` spent most of `/owner`'s
/// time there (its `JSONValue` decoding tries each type in turn and throws on every miss).
struct JSONReader {
    struct SyntaxError: Error, CustomStringConvertible {
        let offset: Int
        let expected: String
        var description: String { "invalid JSON at byte \(offset): expected \(expected)" }
    }

    /// The text nests arrays and objects deeper than the reader was allowed to go.
    struct TooDeep: Error {}

    /// How deep stored bodies may nest. Reading recurses once per level, so text that is not ours
    /// (a `$json` placeholder) passes a smaller limit; bodies are written from converted documents,
    /// which ``PlaceholderLimits/maxNesting`` already keeps far below this.
    static let defaultMaxDepth = 512

    private let bytes: [UInt8]
    private var position = 0
    private let maxDepth: Int
    private var depth = 0

    /// Parses one JSON value that fills the whole text, nesting at most `maxDepth` arrays and objects.
    static func parse(_ text: String, maxDepth: Int = defaultMaxDepth) throws -> JSONValue {
        var reader = JSONReader(bytes: Array(text.utf8), maxDepth: maxDepth)
        let value = try reader.value()
        reader.skipWhitespace()
        guard reader.position == reader.bytes.count else { throw SyntaxError(offset: reader.position, expected: "end of text") }
        return value
    }

    private init(bytes: [UInt8], maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    /// Counts one more level of nesting, throwing before the recursion could exhaust the stack.
    private mutating func enterLevel() throws {
        guard depth < maxDepth else { throw TooDeep() }
        depth += 1
    }

    private mutating func skipWhitespace() {
        while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x0A || bytes[position] == 0x0D || bytes[position] == 0x09 {
            position += 1
        }
    }

    private mutating func value() throws -> JSONValue {
        skipWhitespace()
        guard position < bytes.count else { throw SyntaxError(offset: position, expected: "a value") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default: return .number(try number())
        }
    }

    private mutating func literal(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count,
              word.withUTF8Buffer({ Array($0) }) == Array(bytes[position..<position + count]) else {
            throw SyntaxError(offset: position, expected: "\(word)")
        }
        position += count
    }

    private mutating func object() throws -> JSONValue {
        try enterLevel()
        defer { depth -= 1 }
        position += 1
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") { position += 1; return .object(members) }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw SyntaxError(offset: position, expected: "a key") }
            let key = try string()
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw SyntaxError(offset: position, expected: ":") }
            position += 1
            members[key] = try value()
            skipWhitespace()
            guard position < bytes.count else { throw SyntaxError(offset: position, expected: ", or }") }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            guard bytes[position] == UInt8(ascii: "}") else { throw SyntaxError(offset: position, expected: ", or }") }
            position += 1
            return .object(members)
        }
    }

    private mutating func array() throws -> JSONValue {
        try enterLevel()
        defer { depth -= 1 }
        position += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") { position += 1; return .array(elements) }
        while true {
            elements.append(try value())
            skipWhitespace()
            guard position < bytes.count else { throw SyntaxError(offset: position, expected: ", or ]") }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            guard bytes[position] == UInt8(ascii: "]") else { throw SyntaxError(offset: position, expected: ", or ]") }
            position += 1
            return .array(elements)
        }
    }

    private mutating func string() throws -> String {
        position += 1
        let start = position
        // Fast path: no escapes, the bytes are the string.
        while position < bytes.count, bytes[position] != UInt8(ascii: "\""), bytes[position] != UInt8(ascii: "\\") { position += 1 }
        guard position < bytes.count else { throw SyntaxError(offset: position, expected: "a closing quote") }
        if bytes[position] == UInt8(ascii: "\"") {
            position += 1
            return String(decoding: bytes[start..<position - 1], as: UTF8.self)
        }
        var output = Array(bytes[start..<position])
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: output, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard position < bytes.count else { break }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "n"): output.append(0x0A)
                case UInt8(ascii: "t"): output.append(0x09)
                case UInt8(ascii: "r"): output.append(0x0D)
                case UInt8(ascii: "b"): output.append(0x08)
                case UInt8(ascii: "f"): output.append(0x0C)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar), position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") {
                        position += 2
                        let low = try hex4()
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    output.append(contentsOf: String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8)
                default: output.append(escape)  // \" \\ \/
                }
            default:
                output.append(byte)
            }
        }
        throw SyntaxError(offset: position, expected: "a closing quote")
    }

    private mutating func hex4() throws -> UInt32 {
        guard position + 4 <= bytes.count, let value = UInt32(String(decoding: bytes[position..<position + 4], as: UTF8.self), radix: 16) else {
            throw SyntaxError(offset: position, expected: "four hex digits")
        }
        position += 4
        return value
    }

    private mutating func number() throws -> Double {
        let start = position
        while position < bytes.count, "+-0123456789.eE".utf8.contains(bytes[position]) { position += 1 }
        guard position > start, let number = Double(String(decoding: bytes[start..<position], as: UTF8.self)) else {
            throw SyntaxError(offset: start, expected: "a value")
        }
        return number
    }
}

extension Entity {
    /// Rebuilds a stored entity from its body (written by ``jsonBody``).
    init(jsonBody: String) throws {
        let value = try JSONReader.parse(jsonBody)
        guard let apiVersion = value["apiVersion"]?.stringValue, let kind = value["kind"]?.stringValue,
              let metadata = value["metadata"], let name = metadata["name"]?.stringValue else {
            throw JSONReader.SyntaxError(offset: 0, expected: "an entity body")
        }
        func strings(_ member: JSONValue?) -> [String: String] { member?.objectValue?.compactMapValues(\.stringValue) ?? [:] }
        self.init(
            apiVersion: apiVersion, kind: kind,
            metadata: EntityMetadata(
                name: name, namespace: metadata["namespace"]?.stringValue ?? EntityRef.defaultNamespace,
                title: metadata["title"]?.stringValue, description: metadata["description"]?.stringValue,
                labels: strings(metadata["labels"]), annotations: strings(metadata["annotations"]),
                tags: metadata["tags"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                links: metadata["links"]?.arrayValue?.compactMap { link in
                    link["url"]?.stringValue.map {
                        EntityLink(url: $0, title: link["title"]?.stringValue, icon: link["icon"]?.stringValue, type: link["type"]?.stringValue)
                    }
                } ?? []),
            spec: value["spec"] ?? .object([:]))
    }
}

extension JSONValue {
    /// Parses JSON text.
    public init(parsingJSON text: String) throws {
        self = try JSONReader.parse(text)
    }
}
