/// Slack's documented Block Kit limits (docs.slack.dev, "Block Kit" reference pages).
public enum BlockKitLimits {
    /// Blocks in one message.
    public static let blocksPerMessage = 50
    /// Characters in a section's `text`.
    public static let sectionText = 3000
    /// Fields in one section.
    public static let sectionFields = 10
    /// Characters in one section field.
    public static let sectionFieldText = 2000
    /// Characters in a header's `plain_text`.
    public static let headerText = 150
    /// Elements in a context block.
    public static let contextElements = 10
    /// Elements in an actions block.
    public static let actionsElements = 25
    /// Characters in a button label.
    public static let buttonText = 75
    /// Characters in a button value.
    public static let buttonValue = 2000
    /// Characters in a `block_id` or `action_id`.
    public static let identifier = 255
    /// Recommended maximum for a message's top-level `text` fallback.
    public static let messageText = 4000
    /// Blocks in one modal view.
    public static let blocksPerView = 100
    /// Characters in a modal's `title`, `submit` and `close` texts.
    public static let viewTitle = 24
    /// Characters in a view's `private_metadata`.
    public static let privateMetadata = 3000
    /// Views a modal's stack holds (`views.push` answers `push_limit_reached` beyond it).
    public static let viewStack = 3
    /// Characters in an input block's `label` and `hint`.
    public static let inputLabel = 2000
    /// Characters in an input block's `hint`.
    public static let inputHint = 2000
    /// Characters in an element's `placeholder`.
    public static let placeholder = 150
    /// Characters a `plain_text_input` may take (its `max_length` at most).
    public static let plainTextInputLength = 3000
    /// Options in a `static_select` or `multi_static_select`.
    public static let selectOptions = 100
    /// Options in a `checkboxes` element.
    public static let checkboxOptions = 10
    /// Characters in an option's text.
    public static let optionText = 75
    /// Characters in an option's value.
    public static let optionValue = 150
}

/// A Block Kit limit that a message breaks, as Slack would report it (`invalid_blocks`).
public struct BlockKitViolation: Sendable, Hashable, CustomStringConvertible {
    /// Where in the message: e.g. `blocks[3].fields[2]`.
    public var path: String
    /// What is wrong.
    public var problem: String

    /// Creates a violation.
    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    public var description: String { "\(path): \(problem)" }
}

extension Array where Element == Block {
    /// Every Block Kit limit these blocks break; empty when Slack would accept them.
    public func blockKitViolations() -> [BlockKitViolation] { blockKitViolations(maxBlocks: BlockKitLimits.blocksPerMessage) }

    /// Every Block Kit limit these blocks break when at most `maxBlocks` are allowed (50 in a
    /// message, 100 in a modal).
    func blockKitViolations(maxBlocks: Int) -> [BlockKitViolation] {
        var violations: [BlockKitViolation] = []
        if count > maxBlocks {
            violations.append(.init(path: "blocks", problem: "\(count) blocks, at most \(maxBlocks)"))
        }
        func check(_ length: Int, max: Int, min: Int = 1, at path: String) {
            if length > max { violations.append(.init(path: path, problem: "\(length) characters, at most \(max)")) }
            if length < min { violations.append(.init(path: path, problem: "empty, needs at least \(min) character")) }
        }
        for (index, block) in enumerated() {
            let path = "blocks[\(index)]"
            switch block {
            case .header(let text):
                if text.type != .plainText { violations.append(.init(path: path, problem: "header text must be plain_text")) }
                check(text.text.count, max: BlockKitLimits.headerText, at: "\(path).text")
            case .section(let text, let fields):
                if text == nil && fields.isEmpty { violations.append(.init(path: path, problem: "section needs text or fields")) }
                if let text { check(text.text.count, max: BlockKitLimits.sectionText, at: "\(path).text") }
                if fields.count > BlockKitLimits.sectionFields {
                    violations.append(.init(path: "\(path).fields", problem: "\(fields.count) fields, at most \(BlockKitLimits.sectionFields)"))
                }
                for (fieldIndex, field) in fields.enumerated() {
                    check(field.text.count, max: BlockKitLimits.sectionFieldText, at: "\(path).fields[\(fieldIndex)]")
                }
            case .context(let elements):
                if elements.isEmpty || elements.count > BlockKitLimits.contextElements {
                    violations.append(.init(path: "\(path).elements", problem: "\(elements.count) elements, 1 to \(BlockKitLimits.contextElements) allowed"))
                }
            case .divider:
                break
            case .actions(let blockID, let elements):
                if let blockID { check(blockID.count, max: BlockKitLimits.identifier, at: "\(path).block_id") }
                if elements.isEmpty || elements.count > BlockKitLimits.actionsElements {
                    violations.append(.init(path: "\(path).elements", problem: "\(elements.count) elements, 1 to \(BlockKitLimits.actionsElements) allowed"))
                }
                for (elementIndex, button) in elements.enumerated() {
                    let elementPath = "\(path).elements[\(elementIndex)]"
                    check(button.text.text.count, max: BlockKitLimits.buttonText, at: "\(elementPath).text")
                    check(button.actionID.count, max: BlockKitLimits.identifier, at: "\(elementPath).action_id")
                    if let value = button.value { check(value.count, max: BlockKitLimits.buttonValue, min: 0, at: "\(elementPath).value") }
                }
            case .input(let input):
                violations += input.violations(at: path)
            }
        }
        return violations
    }
}

extension InputBlock {
    /// Every limit this input block breaks, its paths under `path`.
    func violations(at path: String) -> [BlockKitViolation] {
        var violations: [BlockKitViolation] = []
        func check(_ length: Int, max: Int, min: Int = 1, at path: String) {
            if length > max { violations.append(.init(path: path, problem: "\(length) characters, at most \(max)")) }
            if length < min { violations.append(.init(path: path, problem: "empty, needs at least \(min) character")) }
        }
        check(blockID.count, max: BlockKitLimits.identifier, at: "\(path).block_id")
        check(label.count, max: BlockKitLimits.inputLabel, at: "\(path).label")
        if let hint { check(hint.count, max: BlockKitLimits.inputHint, at: "\(path).hint") }
        let elementPath = "\(path).element"
        check(element.actionID.count, max: BlockKitLimits.identifier, at: "\(elementPath).action_id")
        let options = element.options
        switch element {
        case .plainText(_, let initialValue, let placeholder, _, let minLength, let maxLength):
            if let placeholder { check(placeholder.count, max: BlockKitLimits.placeholder, at: "\(elementPath).placeholder") }
            if let maxLength, maxLength < 1 || maxLength > BlockKitLimits.plainTextInputLength {
                violations.append(.init(path: "\(elementPath).max_length", problem: "\(maxLength), must be 1 to \(BlockKitLimits.plainTextInputLength)"))
            }
            if let minLength, minLength < 0 || minLength > BlockKitLimits.plainTextInputLength || minLength > (maxLength ?? .max) {
                violations.append(.init(path: "\(elementPath).min_length", problem: "\(minLength) is out of range"))
            }
            if let initialValue { check(initialValue.count, max: maxLength ?? BlockKitLimits.plainTextInputLength, min: 0, at: "\(elementPath).initial_value") }
        case .number(_, let isDecimalAllowed, let initialValue, let minValue, let maxValue):
            for (name, text) in [("initial_value", initialValue), ("min_value", minValue), ("max_value", maxValue)] {
                guard let text else { continue }
                if Double(text) == nil || (!isDecimalAllowed && Int(text) == nil) {
                    violations.append(.init(path: "\(elementPath).\(name)", problem: "\"\(text)\" is not a\(isDecimalAllowed ? " number" : " whole number")"))
                }
            }
            if let low = minValue.flatMap(Double.init), let high = maxValue.flatMap(Double.init), low > high {
                violations.append(.init(path: elementPath, problem: "min_value is above max_value"))
            }
        case .staticSelect(_, _, let initial, let placeholder):
            if let placeholder { check(placeholder.count, max: BlockKitLimits.placeholder, at: "\(elementPath).placeholder") }
            if let initial, !options.contains(initial) {
                violations.append(.init(path: "\(elementPath).initial_option", problem: "is not one of the options"))
            }
        case .multiStaticSelect(_, _, let initial, let placeholder):
            if let placeholder { check(placeholder.count, max: BlockKitLimits.placeholder, at: "\(elementPath).placeholder") }
            if initial.contains(where: { !options.contains($0) }) {
                violations.append(.init(path: "\(elementPath).initial_options", problem: "are not all among the options"))
            }
        case .checkboxes(_, _, let initial):
            if initial.contains(where: { !options.contains($0) }) {
                violations.append(.init(path: "\(elementPath).initial_options", problem: "are not all among the options"))
            }
        }
        if case .checkboxes = element {
            if options.isEmpty || options.count > BlockKitLimits.checkboxOptions {
                violations.append(.init(path: "\(elementPath).options", problem: "\(options.count) options, 1 to \(BlockKitLimits.checkboxOptions) allowed"))
            }
        } else if !options.isEmpty || element.type.hasSuffix("select") {
            if options.isEmpty || options.count > BlockKitLimits.selectOptions {
                violations.append(.init(path: "\(elementPath).options", problem: "\(options.count) options, 1 to \(BlockKitLimits.selectOptions) allowed"))
            }
        }
        for (index, option) in options.enumerated() {
            check(option.text.count, max: BlockKitLimits.optionText, at: "\(elementPath).options[\(index)].text")
            check(option.value.count, max: BlockKitLimits.optionValue, at: "\(elementPath).options[\(index)].value")
        }
        if Set(options.map(\.value)).count != options.count {
            violations.append(.init(path: "\(elementPath).options", problem: "option values must be unique"))
        }
        return violations
    }
}
