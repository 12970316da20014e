import Foundation

/// What a check requires of its fact: one operator and its operand, as written in the scorecard
/// file (`is: true`, `lessThan: 10`, `oneOf: [production, deprecated]`, `contains: java`,
/// `exists: true`).
public enum FactCondition: Sendable, Hashable {
    /// `is`: the fact equals the value (text case-insensitively: `Production` is `production`).
    case equals(FactValue)
    /// `isNot`: the fact is known and differs from the value.
    case notEquals(FactValue)
    /// `lessThan`: a number below the bound.
    case lessThan(Double)
    /// `atMost`: a number at or below the bound.
    case atMost(Double)
    /// `greaterThan`: a number above the bound.
    case greaterThan(Double)
    /// `atLeast`: a number at or above the bound.
    case atLeast(Double)
    /// `oneOf`: the fact equals one of the values.
    case oneOf([FactValue])
    /// `contains`: a list fact holds the text (case-insensitively, as tags and link types are
    /// lower-case by convention and people type them either way).
    case contains(String)
    /// `exists`: true requires the fact to be known, false requires it to be unknown.
    case exists(Bool)

    /// The operator names a scorecard file may use, in the order the docs list them.
    public static let operatorNames = ["is", "isNot", "lessThan", "atMost", "greaterThan", "atLeast", "oneOf", "contains", "exists"]

    /// The operator's name in the scorecard file.
    public var operatorName: String {
        switch self {
        case .equals: "is"
        case .notEquals: "isNot"
        case .lessThan: "lessThan"
        case .atMost: "atMost"
        case .greaterThan: "greaterThan"
        case .atLeast: "atLeast"
        case .oneOf: "oneOf"
        case .contains: "contains"
        case .exists: "exists"
        }
    }

    /// Whether `value` meets the condition; nil when the fact is unknown and the condition needs
    /// it (the check's `whenUnknown` decides then). `exists` is never undecided.
    public func evaluate(_ value: FactValue) -> Bool? {
        if case .exists(let wanted) = self { return value.isNull != wanted }
        if value.isNull { return nil }
        switch self {
        case .equals(let expected): return value.sameAs(expected)
        case .notEquals(let expected): return !value.sameAs(expected)
        case .lessThan(let bound): return value.number.map { $0 < bound } ?? false
        case .atMost(let bound): return value.number.map { $0 <= bound } ?? false
        case .greaterThan(let bound): return value.number.map { $0 > bound } ?? false
        case .atLeast(let bound): return value.number.map { $0 >= bound } ?? false
        case .oneOf(let values): return values.contains { value.sameAs($0) }
        case .contains(let text):
            guard case .strings(let items) = value else { return false }
            return items.contains { $0.caseInsensitiveCompare(text) == .orderedSame }
        case .exists: return nil
        }
    }

    /// As people read it after the fact's name: `is true`, `< 10`, `one of production, deprecated`.
    public var expectation: String {
        switch self {
        case .equals(let value): "is \(value)"
        case .notEquals(let value): "is not \(value)"
        case .lessThan(let bound): "< \(FactValue.format(bound))"
        case .atMost(let bound): "<= \(FactValue.format(bound))"
        case .greaterThan(let bound): "> \(FactValue.format(bound))"
        case .atLeast(let bound): ">= \(FactValue.format(bound))"
        case .oneOf(let values): "is one of \(values.map(\.description).joined(separator: ", "))"
        case .contains(let text): "contains \(text)"
        case .exists(let wanted): wanted ? "is known" : "is unknown"
        }
    }
}

extension FactValue {
    /// Equality for conditions: text compares case-insensitively, as catalog values are written
    /// either way (`Production`, `production`); everything else exactly.
    func sameAs(_ other: FactValue) -> Bool {
        if case .string(let lhs) = self, case .string(let rhs) = other { return lhs.caseInsensitiveCompare(rhs) == .orderedSame }
        return self == other
    }

    /// The number, when this is one.
    var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }
}
