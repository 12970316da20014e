import ChatOps
import Foundation

/// Renders a ``Reply`` as a Mattermost slash-command response: one markdown `text`.
///
/// Mattermost reads CommonMark: `**bold**`, `` `code` ``, `[label](url)`, `@username` mentions
/// and `~channel` links. Catalog text is escaped so it cannot format, mention or link anything.
/// Mattermost has no per-button command runner, so actions are shown as the command to type.
public enum MattermostReplyRenderer {
    /// The response body Mattermost expects: `{"response_type": …, "text": …}`.
    public struct Response: Sendable, Hashable, Codable {
        /// `ephemeral` or `in_channel`.
        public var responseType: String
        /// The markdown message.
        public var text: String

        enum CodingKeys: String, CodingKey {
            case responseType = "response_type"
            case text
        }
    }

    /// Mattermost's default maximum post length, in characters.
    public static let maximumLength = 16_383

    /// The response for `reply`.
    public static func render(_ reply: Reply) -> Response {
        Response(responseType: reply.visibility == .inChannel ? "in_channel" : "ephemeral", text: markdown(reply))
    }

    /// The exact JSON body Mattermost receives for `reply`.
    public static func json(_ reply: Reply) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(render(reply)), as: UTF8.self)
    }

    /// The reply as one markdown message, within Mattermost's post length.
    public static func markdown(_ reply: Reply) -> String {
        var parts: [String] = []
        for block in reply.blocks {
            switch block {
            case .header(let text):
                parts.append("#### " + escape(text))
            case .paragraph(let text):
                parts.append(inline(text))
            case .fields(let fields):
                parts.append(fields.map { "**\(escape($0.label)):** \(inline($0.value))" }.joined(separator: "\n"))
            case .list(let title, let items, let more):
                var lines = title.map { ["**\(inline($0))**"] } ?? []
                lines += items.map { "- " + inline($0) }
                if more > 0 { lines.append("- _and \(more) more_") }
                parts.append(lines.joined(separator: "\n"))
            case .context(let text):
                parts.append("_" + inline(text) + "_")
            case .divider:
                parts.append("---")
            case .actions(let actions):
                parts.append(actions.map { "\(escape($0.label)): `\($0.commandLine.replacingOccurrences(of: "`", with: "'"))`" }.joined(separator: "\n"))
            }
        }
        let text = parts.joined(separator: "\n\n")
        return text.count <= maximumLength ? text : String(text.prefix(maximumLength - 1)) + "…"
    }

    /// Markdown for rich text.
    static func inline(_ text: RichText) -> String {
        text.spans.map { span in
            switch span {
            case .text(let value): escape(value)
            case .bold(let value): "**\(escape(value))**"
            case .italic(let value): "_\(escape(value))_"
            case .code(let value): "`\(value.replacingOccurrences(of: "`", with: "'"))`"
            case .link(let url, let label):
                url.contains(")") || url.contains(where: \.isWhitespace) ? escape(label) : "[\(escape(label))](\(url))"
            case .channel(let channel): "~" + channel.drop { $0 == "#" }
            case .user(let id): "@\(id)"
            }
        }.joined()
    }

    /// Backslash-escapes the characters CommonMark and Mattermost treat as markup, so catalog
    /// text reads literally (`@channel` in a description must not notify anyone).
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.count)
        for character in text {
            if "\\`*_[]<>#~@".contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}
