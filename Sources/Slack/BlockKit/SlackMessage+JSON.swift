import Foundation

/// Writes a ``SlackMessage`` as JSON text directly, byte for byte what ``SlackJSON/encode(_:)``
/// produces (compact, keys sorted, slashes unescaped), without `JSONEncoder`.
///
/// Every inline slash-command answer is one of these bodies; `JSONEncoder` (its boxing of every
/// value, the key sorting, the string escaping through `String`) cost more CPU than the rest of a
/// signed `/owner` answer after the catalog reads. The message shape is small and fixed, so the
/// writer spells each object's keys in sorted order by hand. `SlackMessageJSONTests` holds it to
/// `JSONEncoder`'s output for every block kind and for every character class that needs escaping.
extension SlackMessage {
    /// The message as Slack's JSON body, as UTF-8 bytes.
    public var jsonBytes: [UInt8] {
        var writer = SlackJSONWriter()
        writer.write(self)
        return writer.bytes
    }
}

/// A byte buffer with the few JSON forms Slack messages need.
struct SlackJSONWriter {
    private(set) var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(2048) }

    // Keys in sorted order: blocks, replace_original, response_type, text.
    mutating func write(_ message: SlackMessage) {
        open()
        var first = true
        if !message.blocks.isEmpty {
            key("blocks", first: &first)
            array(message.blocks) { $0.write($1) }
        }
        if let replace = message.replaceOriginal {
            key("replace_original", first: &first)
            raw(replace ? "true" : "false")
        }
        if let type = message.responseType {
            key("response_type", first: &first)
            string(type.rawValue)
        }
        key("text", first: &first)
        string(message.text)
        close()
    }

    mutating func write(_ block: Block) {
        if case .input(let input) = block {
            // Input blocks belong to modals and never reach a reply on the hot path; JSONEncoder's
            // bytes for them (sorted keys, compact) are exactly what the rest of this writer matches.
            bytes.append(contentsOf: (try? SlackJSON.encode(input)) ?? Data("{}".utf8))
            return
        }
        open()
        var first = true
        switch block {
        case .header(let text):
            key("text", first: &first)
            write(text)
            typeKey("header", first: &first)
        case .section(let text, let fields):
            if !fields.isEmpty {
                key("fields", first: &first)
                array(fields) { $0.write($1) }
            }
            if let text {
                key("text", first: &first)
                write(text)
            }
            typeKey("section", first: &first)
        case .context(let elements):
            key("elements", first: &first)
            array(elements) { $0.write($1) }
            typeKey("context", first: &first)
        case .divider:
            typeKey("divider", first: &first)
        case .actions(let blockID, let elements):
            if let blockID {
                key("block_id", first: &first)
                string(blockID)
            }
            key("elements", first: &first)
            array(elements) { $0.write($1) }
            typeKey("actions", first: &first)
        case .input:
            break  // written above
        }
        close()
    }

    // Keys in sorted order: action_id, text, type, url, value.
    mutating func write(_ button: Button) {
        open()
        var first = true
        key("action_id", first: &first)
        string(button.actionID)
        key("text", first: &first)
        write(button.text)
        typeKey("button", first: &first)
        if let url = button.url {
            key("url", first: &first)
            string(url)
        }
        if let value = button.value {
            key("value", first: &first)
            string(value)
        }
        close()
    }

    mutating func write(_ text: TextObject) {
        open()
        var first = true
        key("text", first: &first)
        string(text.text)
        typeKey(text.type.rawValue, first: &first)
        close()
    }

    /// A JSON string with `JSONEncoder`'s escapes: quote, backslash, the short forms for
    /// backspace, form feed, newline, carriage return and tab, `\u00XX` for the other control
    /// characters; everything else (slashes, non-ASCII) as is.
    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                start = index + 1
                switch byte {
                case UInt8(ascii: "\""): raw("\\\"")
                case UInt8(ascii: "\\"): raw("\\\\")
                case 0x08: raw("\\b")
                case 0x0C: raw("\\f")
                case 0x0A: raw("\\n")
                case 0x0D: raw("\\r")
                case 0x09: raw("\\t")
                default:
                    raw("\\u00")
                    bytes.append(Self.hexDigits[Int(byte >> 4)])
                    bytes.append(Self.hexDigits[Int(byte & 0x0F)])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    private mutating func typeKey(_ type: String, first: inout Bool) {
        key("type", first: &first)
        string(type)
    }

    private mutating func key(_ name: StaticString, first: inout Bool) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    private mutating func array<Element>(_ elements: [Element], _ write: (inout SlackJSONWriter, Element) -> Void) {
        bytes.append(UInt8(ascii: "["))
        for (index, element) in elements.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            write(&self, element)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    private mutating func open() { bytes.append(UInt8(ascii: "{")) }
    private mutating func close() { bytes.append(UInt8(ascii: "}")) }
    private mutating func raw(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }
}
