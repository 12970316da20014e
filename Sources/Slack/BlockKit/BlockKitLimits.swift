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
    public func blockKitViolations() -> [BlockKitViolation] {
        var violations: [BlockKitViolation] = []
        if count > BlockKitLimits.blocksPerMessage {
            violations.append(.init(path: "blocks", problem: "\(count) blocks, at most \(BlockKitLimits.blocksPerMessage)"))
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
            }
        }
        return violations
    }
}
