/// A JSON value that remembers the line it starts on.
///
/// Foundation's JSON reader forgets positions, and every fact the inventory reports carries its
/// line, so `package.json`, `package-lock.json` and `Package.resolved` are read by this small strict
/// reader instead. It is bounded for untrusted input: nesting deeper than `maximumDepth` is an
/// error, not a stack overflow, and the input size is already capped by the caller.
struct LocatedJSON: Sendable {
    /// What the value is.
    indirect enum Value: Sendable {
        case object([Member])
        case array([LocatedJSON])
        case string(String)
        case number(String)
        case bool(Bool)
        case null
    }

    /// One `"key": value` of an object, with the key's line.
    struct Member: Sendable {
        let key: String
        let line: Int
        let value: LocatedJSON
    }

    /// Why a document was refused, with its 1-based line.
    struct SyntaxError: Error, Sendable {
        let message: String
        let line: Int
    }

    let value: Value
    let line: Int

    /// Nesting deeper than this is refused: no real manifest comes near it.
    static let maximumDepth = 256

    /// Parses a whole document.
    static func parse(_ text: String) throws(SyntaxError) -> LocatedJSON {
        var reader = Reader(bytes: Array(text.utf8))
        reader.skipWhitespace()
        let value = try reader.value(depth: 0)
        reader.skipWhitespace()
        guard reader.index == reader.bytes.count else { throw reader.error("unexpected text after the JSON value") }
        return value
    }

    /// The member named `key`, when this is an object that has one (the first, when repeated).
    subscript(key: String) -> LocatedJSON? {
        guard case .object(let members) = value else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The members, when this is an object.
    var members: [Member] {
        if case .object(let members) = value { return members }
        return []
    }

    /// The elements, when this is an array.
    var elements: [LocatedJSON] {
        if case .array(let elements) = value { return elements }
        return []
    }

    /// The text, when this is a string.
    var string: String? {
        if case .string(let text) = value { return text }
        return nil
    }

    /// The text of a string or number (lock-file versions are sometimes written as numbers).
    var scalarText: String? {
        switch value {
        case .string(let text), .number(let text): text
        default: nil
        }
    }

    /// The value, when this is a boolean.
    var bool: Bool? {
        if case .bool(let flag) = value { return flag }
        return nil
    }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0
        var line = 1

        func error(_ message: String) -> SyntaxError { SyntaxError(message: message, line: line) }

        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x0A: line += 1; index += 1
                case 0x20, 0x09, 0x0D: index += 1
                default: return
                }
            }
        }

        mutating func value(depth: Int) throws(SyntaxError) -> LocatedJSON {
            guard depth < LocatedJSON.maximumDepth else { throw error("nesting deeper than \(LocatedJSON.maximumDepth) levels") }
            guard index < bytes.count else { throw error("unexpected end of file") }
            let startLine = line
            switch bytes[index] {
            case UInt8(ascii: "{"):
                index += 1
                var members: [Member] = []
                skipWhitespace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                    index += 1
                    return LocatedJSON(value: .object(members), line: startLine)
                }
                while true {
                    skipWhitespace()
                    let keyLine = line
                    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a quoted key") }
                    let key = try string()
                    skipWhitespace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':' after a key") }
                    index += 1
                    skipWhitespace()
                    let member = try value(depth: depth + 1)
                    members.append(Member(key: key, line: keyLine, value: member))
                    skipWhitespace()
                    guard index < bytes.count else { throw error("unexpected end of file inside an object") }
                    if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                    if bytes[index] == UInt8(ascii: "}") { index += 1; break }
                    throw error("expected ',' or '}' in an object")
                }
                return LocatedJSON(value: .object(members), line: startLine)
            case UInt8(ascii: "["):
                index += 1
                var elements: [LocatedJSON] = []
                skipWhitespace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                    index += 1
                    return LocatedJSON(value: .array(elements), line: startLine)
                }
                while true {
                    skipWhitespace()
                    elements.append(try value(depth: depth + 1))
                    skipWhitespace()
                    guard index < bytes.count else { throw error("unexpected end of file inside an array") }
                    if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                    if bytes[index] == UInt8(ascii: "]") { index += 1; break }
                    throw error("expected ',' or ']' in an array")
                }
                return LocatedJSON(value: .array(elements), line: startLine)
            case UInt8(ascii: "\""):
                return LocatedJSON(value: .string(try string()), line: startLine)
            case UInt8(ascii: "t"): try literal("true"); return LocatedJSON(value: .bool(true), line: startLine)
            case UInt8(ascii: "f"): try literal("false"); return LocatedJSON(value: .bool(false), line: startLine)
            case UInt8(ascii: "n"): try literal("null"); return LocatedJSON(value: .null, line: startLine)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let start = index
                while index < bytes.count, Self.numberBytes.contains(bytes[index]) { index += 1 }
                return LocatedJSON(value: .number(String(decoding: bytes[start..<index], as: UTF8.self)), line: startLine)
            default:
                throw error("unexpected character")
            }
        }

        static let numberBytes: Set<UInt8> = Set("0123456789+-.eE".utf8)

        mutating func literal(_ word: String) throws(SyntaxError) {
            let expected = Array(word.utf8)
            guard index + expected.count <= bytes.count, Array(bytes[index..<index + expected.count]) == expected else {
                throw error("unexpected character")
            }
            index += expected.count
        }

        /// A quoted string; `index` is at the opening quote.
        mutating func string() throws(SyntaxError) -> String {
            index += 1
            var scalars: [UInt8] = []
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""):
                    index += 1
                    return String(decoding: scalars, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    index += 1
                    guard index < bytes.count else { break }
                    let escaped = bytes[index]
                    index += 1
                    switch escaped {
                    case UInt8(ascii: "n"): scalars.append(0x0A)
                    case UInt8(ascii: "t"): scalars.append(0x09)
                    case UInt8(ascii: "r"): scalars.append(0x0D)
                    case UInt8(ascii: "b"): scalars.append(0x08)
                    case UInt8(ascii: "f"): scalars.append(0x0C)
                    case UInt8(ascii: "u"):
                        guard index + 4 <= bytes.count,
                              let code = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
                        else { throw error("bad \\u escape") }
                        index += 4
                        // Surrogate halves are not valid scalars alone; a replacement character keeps the text readable.
                        let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
                        scalars.append(contentsOf: Array(String(Character(scalar)).utf8))
                    default: scalars.append(escaped)
                    }
                case 0x0A:
                    throw error("newline inside a string")
                default:
                    scalars.append(byte)
                    index += 1
                }
            }
            throw error("unterminated string")
        }
    }
}
