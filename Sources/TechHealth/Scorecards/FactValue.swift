import Foundation

/// The value of one named fact about a component: what a scorecard check compares.
///
/// Facts are deliberately flat and few-typed so a check in YAML can name one and compare it
/// without any Swift: a yes/no, a number, a piece of text, a list of text, or nothing known.
/// As JSON a fact is the plain JSON value (`true`, `3`, `"production"`, `["java"]`, `null`).
public enum FactValue: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Yes or no (`owner.exists`).
    case bool(Bool)
    /// A count or a measure (`libyears.total`).
    case number(Double)
    /// Text (`lifecycle`).
    case string(String)
    /// A list of text (`tags`).
    case strings([String])
    /// Not known: the input that would tell was not there (no harvest, no git history).
    case null

    /// A whole number as a fact.
    public static func count(_ value: Int) -> FactValue { .number(Double(value)) }

    /// The fact, or ``null`` when `value` is nil.
    public static func optional(_ value: Bool?) -> FactValue { value.map(FactValue.bool) ?? .null }

    /// The fact, or ``null`` when `value` is nil.
    public static func optional(_ value: Int?) -> FactValue { value.map(FactValue.count) ?? .null }

    /// The fact, or ``null`` when `value` is nil.
    public static func optional(_ value: Double?) -> FactValue { value.map(FactValue.number) ?? .null }

    /// The fact, or ``null`` when `value` is nil.
    public static func optional(_ value: String?) -> FactValue { value.map(FactValue.string) ?? .null }

    /// True for ``null``.
    public var isNull: Bool { self == .null }

    /// The kind of value this is; nil for ``null``, which every kind may be.
    public var type: FactType? {
        switch self {
        case .bool: .bool
        case .number: .number
        case .string: .string
        case .strings: .strings
        case .null: nil
        }
    }

    /// As people read it in a reply: `true`, `3`, `2.5`, `production`, `[java, kotlin]`, `unknown`.
    public var description: String {
        switch self {
        case .bool(let value): "\(value)"
        case .number(let value): Self.format(value)
        case .string(let value): value
        case .strings(let values): "[\(values.joined(separator: ", "))]"
        case .null: "unknown"
        }
    }

    /// Whole numbers without a fraction, others with at most two decimals (`12`, `3.47`).
    static func format(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        var text = String(format: "%.2f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// Decodes a plain JSON value.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else {
            self = .strings(try container.decode([String].self))
        }
    }

    /// Encodes the plain JSON value.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .strings(let values): try container.encode(values)
        case .null: try container.encodeNil()
        }
    }
}

/// The kind of value a fact holds, fixed per fact name so a scorecard file is type-checked when
/// it is loaded rather than failing quietly on every component.
public enum FactType: String, Sendable, Hashable, Codable, CaseIterable {
    /// ``FactValue/bool(_:)``.
    case bool
    /// ``FactValue/number(_:)``.
    case number
    /// ``FactValue/string(_:)``.
    case string
    /// ``FactValue/strings(_:)``.
    case strings = "list"
}
