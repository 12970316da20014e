/// An `application/x-www-form-urlencoded` body: ordered name/value pairs, names may repeat.
///
/// Slack sends slash commands and interactivity this way. Decoding follows the WHATWG URL standard's
/// form parsing: `+` means space, `%XX` escapes are bytes, and the decoded bytes must be UTF-8.
public struct FormFields: Sendable, Hashable {
    /// One `name=value` pair.
    public struct Field: Sendable, Hashable {
        /// The decoded name.
        public var name: String
        /// The decoded value; empty when the pair had no `=`.
        public var value: String

        /// Creates a field.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Every pair in body order.
    public var fields: [Field]

    /// Creates fields from pairs.
    public init(_ fields: [Field] = []) {
        self.fields = fields
    }

    /// Creates fields from `(name, value)` pairs, keeping their order.
    public init(_ pairs: KeyValuePairs<String, String>) {
        self.fields = pairs.map { Field(name: $0.key, value: $0.value) }
    }

    /// The first value for `name`, if any.
    public subscript(name: String) -> String? {
        fields.first { $0.name == name }?.value
    }

    /// Every value for `name`, in order (for repeated keys).
    public func values(named name: String) -> [String] {
        fields.filter { $0.name == name }.map(\.value)
    }

    /// Decodes a form body.
    /// - Throws: ``SlackPayloadError/malformedForm(reason:)`` for a broken `%` escape or non-UTF-8 bytes.
    public init(decoding body: some Collection<UInt8>) throws(SlackPayloadError) {
        var fields: [Field] = []
        for pair in body.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let name: String
            let value: String
            if let equals = pair.firstIndex(of: UInt8(ascii: "=")) {
                name = try Self.unescape(pair[pair.startIndex..<equals])
                value = try Self.unescape(pair[pair.index(after: equals)...])
            } else {
                name = try Self.unescape(pair)
                value = ""
            }
            fields.append(Field(name: name, value: value))
        }
        self.fields = fields
    }

    /// Encodes the fields as a form body, percent-escaping everything but RFC 3986 unreserved characters.
    public func encoded() -> String {
        fields.map { Self.escape($0.name) + "=" + Self.escape($0.value) }.joined(separator: "&")
    }

    private static func unescape(_ bytes: some Collection<UInt8>) throws(SlackPayloadError) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "+"):
                out.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                let first = bytes.index(after: index)
                guard first != bytes.endIndex, bytes.index(after: first) != bytes.endIndex,
                    let high = Hex.value(of: bytes[first]), let low = Hex.value(of: bytes[bytes.index(after: first)])
                else {
                    throw .malformedForm(reason: "a '%' is not followed by two hex digits")
                }
                out.append(high << 4 | low)
                index = bytes.index(after: first)
            default:
                out.append(byte)
            }
            index = bytes.index(after: index)
        }
        guard let text = String(validating: out, as: UTF8.self) else {
            throw .malformedForm(reason: "a field is not valid UTF-8")
        }
        return text
    }

    private static func escape(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(byte)
            default:
                out.append(UInt8(ascii: "%"))
                out.append(contentsOf: Hex.encode([byte]).uppercased().utf8)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
