import Yams

/// Reads a check's one operator and type-checks its operand against the fact, so `lessThan: ten`
/// or `is: yes` on a number fact is an error when the file is loaded, not a check that always fails.
enum FactConditionReader {
    static func read(_ fields: ScorecardFields, fact: FactDefinition) throws(ScorecardError) -> FactCondition {
        let given = FactCondition.operatorNames.filter { fields.has($0) }
        guard let name = given.first else {
            throw ScorecardError(
                file: fields.file, line: fields.line(of: "fact"), field: fields.path,
                message: "check \"\(fields.path)\" has no condition; give one of \(FactCondition.operatorNames.joined(separator: ", "))")
        }
        guard given.count == 1 else {
            throw fields.error(given[1], "cannot be combined with field \"\(fields.field(name))\"; a check has one condition (write two checks)")
        }
        guard let node = fields.mapping[name] else { throw fields.missing(name) }
        switch name {
        case "is", "isNot":
            guard fact.type != .strings else {
                throw fields.error(name, "cannot compare the list fact \"\(fact.name)\"; use contains")
            }
            let value = try operand(node, fields: fields, key: name, fact: fact)
            return name == "is" ? .equals(value) : .notEquals(value)
        case "lessThan", "atMost", "greaterThan", "atLeast":
            guard fact.type == .number else {
                throw fields.error(name, "needs a number fact, and \"\(fact.name)\" is \(article(fact.type)); use is or isNot")
            }
            guard let scalar = node.scalar, let bound = ScorecardFields.number(scalar) else {
                throw fields.error(name, "must be a number")
            }
            switch name {
            case "lessThan": return .lessThan(bound)
            case "atMost": return .atMost(bound)
            case "greaterThan": return .greaterThan(bound)
            default: return .atLeast(bound)
            }
        case "oneOf":
            guard fact.type != .strings else { throw fields.error(name, "cannot compare the list fact \"\(fact.name)\"; use contains") }
            guard let sequence = node.sequence, !sequence.isEmpty else { throw fields.error(name, "must be a non-empty list") }
            var values: [FactValue] = []
            for element in sequence { values.append(try operand(element, fields: fields, key: name, fact: fact)) }
            return .oneOf(values)
        case "contains":
            guard fact.type == .strings else {
                throw fields.error(name, "needs a list fact, and \"\(fact.name)\" is \(article(fact.type)); use is or oneOf")
            }
            guard let scalar = node.scalar, !ScorecardFields.isNull(scalar), !scalar.string.isEmpty else { throw fields.error(name, "must be text") }
            return .contains(scalar.string)
        default:
            guard let scalar = node.scalar, let wanted = ScorecardFields.bool(scalar) else {
                throw fields.error(name, "must be true or false")
            }
            return .exists(wanted)
        }
    }

    /// One scalar operand, read as the fact's type: text facts take any scalar's text (`tier: 1`
    /// means the text "1"), yes/no facts a plain true/false, number facts a plain number.
    private static func operand(_ node: Node, fields: ScorecardFields, key: String, fact: FactDefinition) throws(ScorecardError) -> FactValue {
        guard let scalar = node.scalar else { throw fields.error(key, "must be a single value, not a list or mapping") }
        if ScorecardFields.isNull(scalar) {
            throw fields.error(key, "cannot be null; use exists: false to require an unknown fact")
        }
        switch fact.type {
        case .bool:
            guard let value = ScorecardFields.bool(scalar) else {
                throw fields.error(key, "must be true or false, as \"\(fact.name)\" is a yes/no fact (found \"\(scalar.string)\")")
            }
            return .bool(value)
        case .number:
            guard let value = ScorecardFields.number(scalar) else {
                throw fields.error(key, "must be a number, as \"\(fact.name)\" is a number fact (found \"\(scalar.string)\")")
            }
            return .number(value)
        case .string, .strings:
            return .string(scalar.string)
        }
    }

    private static func article(_ type: FactType) -> String {
        switch type {
        case .bool: "a yes/no fact"
        case .number: "a number fact"
        case .string: "a text fact"
        case .strings: "a list fact"
        }
    }
}
