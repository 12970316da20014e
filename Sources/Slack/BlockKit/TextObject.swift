/// A Block Kit text object: `plain_text` or `mrkdwn`.
public struct TextObject: Sendable, Hashable, Codable {
    /// The two text formats Slack accepts.
    public enum Kind: String, Sendable, Hashable, Codable {
        case plainText = "plain_text"
        case mrkdwn
    }

    /// Which format `text` is written in.
    public var type: Kind
    /// The text itself.
    public var text: String

    /// Creates a `plain_text` object.
    public static func plain(_ text: String) -> TextObject { TextObject(type: .plainText, text: text) }
    /// Creates a `mrkdwn` object.
    public static func markdown(_ text: String) -> TextObject { TextObject(type: .mrkdwn, text: text) }
}

extension TextObject {
    /// Escapes the three characters Slack reserves for control sequences (`&`, `<`, `>`), so that
    /// catalog text can never inject a mention or a link.
    public static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
