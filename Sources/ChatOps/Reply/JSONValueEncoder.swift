import Catalog
import Foundation

/// Encodes any `Encodable` answer straight into a ``JSONValue``, without JSON text in between:
/// every reply carries its structured answer, and `JSONEncoder` plus a parse cost more than the
/// rest of a typical `/owner`.
///
/// Follows `JSONEncoder`'s defaults (keys as declared, `nil` optionals left out by synthesized
/// `encodeIfPresent`, numbers as doubles), with dates as ISO 8601 strings.
struct JSONValueEncoder {
    func encode(_ value: some Encodable) throws -> JSONValue {
        let root = Slot()
        try value.encode(to: SlotEncoder(slot: root, codingPath: []))
        return root.value
    }
}

/// A place an encoded value is written to; containers nest slots.
private final class Slot {
    enum Content {
        case value(JSONValue)
        case object([(String, Slot)])
        case array([Slot])
    }

    var content: Content = .value(.null)

    var value: JSONValue {
        switch content {
        case .value(let value): value
        case .object(let members): .object(Dictionary(members.map { ($0.0, $0.1.value) }, uniquingKeysWith: { _, last in last }))
        case .array(let elements): .array(elements.map(\.value))
        }
    }

    func child(forKey key: String) -> Slot {
        let slot = Slot()
        if case .object(var members) = content {
            // Release the enum's reference first, so the append grows the array in place instead
            // of copying it (a copy per member made large objects quadratic).
            content = .value(.null)
            members.append((key, slot))
            content = .object(members)
        } else {
            content = .object([(key, slot)])
        }
        return slot
    }

    func appendChild() -> Slot {
        let slot = Slot()
        if case .array(var elements) = content {
            // As above: no copy of the array per element (heat maps have thousands of cells).
            content = .value(.null)
            elements.append(slot)
            content = .array(elements)
        } else {
            content = .array([slot])
        }
        return slot
    }
}

private struct SlotEncoder: Encoder {
    let slot: Slot
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object = slot.content {} else { slot.content = .object([]) }
        return KeyedEncodingContainer(KeyedSlotContainer<Key>(slot: slot, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array = slot.content {} else { slot.content = .array([]) }
        return UnkeyedSlotContainer(slot: slot, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleSlotContainer(slot: slot, codingPath: codingPath)
    }
}

/// Primitive values every container writes the same way.
private func primitive(_ value: some Encodable) -> JSONValue? {
    switch value {
    case let value as String: .string(value)
    case let value as Bool: .bool(value)
    case let value as Double: .number(value)
    case let value as Float: .number(Double(value))
    case let value as Int: .number(Double(value))
    case let value as Int64: .number(Double(value))
    case let value as Int32: .number(Double(value))
    case let value as UInt: .number(Double(value))
    case let value as UInt64: .number(Double(value))
    case let value as JSONValue: value
    case let value as Date: .string(value.formatted(.iso8601))
    default: nil
    }
}

private func encode(_ value: some Encodable, into slot: Slot, codingPath: [any CodingKey]) throws {
    if let primitive = primitive(value) {
        slot.content = .value(primitive)
    } else {
        try value.encode(to: SlotEncoder(slot: slot, codingPath: codingPath))
    }
}

private struct KeyedSlotContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let slot: Slot
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws { slot.child(forKey: key.stringValue).content = .value(.null) }
    mutating func encode(_ value: some Encodable, forKey key: Key) throws {
        try backlineEncode(value, into: slot.child(forKey: key.stringValue), codingPath: codingPath + [key])
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        SlotEncoder(slot: slot.child(forKey: key.stringValue), codingPath: codingPath + [key]).container(keyedBy: keyType)
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        SlotEncoder(slot: slot.child(forKey: key.stringValue), codingPath: codingPath + [key]).unkeyedContainer()
    }
    mutating func superEncoder() -> any Encoder { SlotEncoder(slot: slot.child(forKey: "super"), codingPath: codingPath) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { SlotEncoder(slot: slot.child(forKey: key.stringValue), codingPath: codingPath + [key]) }
}

private struct UnkeyedSlotContainer: UnkeyedEncodingContainer {
    let slot: Slot
    let codingPath: [any CodingKey]
    var count: Int {
        if case .array(let elements) = slot.content { return elements.count }
        return 0
    }

    mutating func encodeNil() throws { slot.appendChild().content = .value(.null) }
    mutating func encode(_ value: some Encodable) throws {
        try backlineEncode(value, into: slot.appendChild(), codingPath: codingPath)
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        SlotEncoder(slot: slot.appendChild(), codingPath: codingPath).container(keyedBy: keyType)
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        SlotEncoder(slot: slot.appendChild(), codingPath: codingPath).unkeyedContainer()
    }
    mutating func superEncoder() -> any Encoder { SlotEncoder(slot: slot.appendChild(), codingPath: codingPath) }
}

private struct SingleSlotContainer: SingleValueEncodingContainer {
    let slot: Slot
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { slot.content = .value(.null) }
    mutating func encode(_ value: some Encodable) throws { try backlineEncode(value, into: slot, codingPath: codingPath) }
}

private func backlineEncode(_ value: some Encodable, into slot: Slot, codingPath: [any CodingKey]) throws {
    try encode(value, into: slot, codingPath: codingPath)
}
