/// A JSON scalar read as a string. Slack's docs show some timestamps as strings and others as
/// numbers, and Socket Mode may send booleans where HTTP forms send strings, so accept all three.
struct LenientString: Decodable, Sendable, Hashable {
    var value: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let string = try? container.decode(String.self) {
            value = string
        } else if let integer = try? container.decode(Int64.self) {
            value = String(integer)
        } else if let double = try? container.decode(Double.self) {
            value = String(double)
        } else if let bool = try? container.decode(Bool.self) {
            value = bool ? "true" : "false"
        } else if container.decodeNil() {
            value = ""
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected a string, number or boolean")
        }
    }
}

/// A JSON integer that may also arrive as a decimal string.
struct LenientInt64: Decodable, Sendable, Hashable {
    var value: Int64

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let integer = try? container.decode(Int64.self) {
            value = integer
        } else if let string = try? container.decode(String.self), let integer = Int64(string) {
            value = integer
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected an integer")
        }
    }
}
