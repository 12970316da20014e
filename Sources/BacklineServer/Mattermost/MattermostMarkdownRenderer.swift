import Foundation
import ChatOps

/// Renders a ``Reply`` as Mattermost markdown: Mattermost ignores Block Kit, so a reply becomes one
/// markdown text (`**bold**`, `[label](url)`, `~channel`), within a post's 16,383 characters.
public enum MattermostMarkdownRenderer {
    /// The largest post Mattermost stores.
    static let postLimit = 16_383

    /// The reply as markdown.
    public static func render(_ reply: Reply) -> String {
        var lines: [String] = []
        for block in reply.blocks {
            switch block {
            case .header(let text): lines.append("#### \(escape(text))")
            case .paragraph(let text): lines.append(markdown(text))
            case .fields(let fields): lines += fields.map { "**\(escape($0.label)):** \(markdown($0.value))" }
            case .list(let title, let items, let more):
                if let title { lines.append("**\(markdown(title))**") }
                lines += items.map { "- " + markdown($0) }
                if more > 0 { lines.append("_and \(more) more_") }
            case .context(let text): lines.append(markdown(text))
            case .divider: lines.append("---")
            // Mattermost has no button that runs a command for the presser: show what to type.
            case .actions(let actions): lines += actions.map { "\(escape($0.label)): `\($0.commandLine.replacingOccurrences(of: "`", with: "'"))`" }
            case .heatmap(let map): lines += heatmapTable(map)
            }
        }
        let text = lines.joined(separator: "\n")
        return text.count <= postLimit ? text : String(text.prefix(postLimit - 1)) + "…"
    }

    static func markdown(_ text: RichText) -> String {
        text.spans.map { span in
            switch span {
            case .text(let value): escape(value)
            case .bold(let value): "**\(escape(value))**"
            case .italic(let value): "_\(escape(value))_"
            case .code(let value): "`\(value.replacingOccurrences(of: "`", with: "'"))`"
            case .link(let url, let label): "[\(escape(label))](\(url.replacingOccurrences(of: ")", with: "%29")))"
            case .channel(let channel): channel.hasPrefix("#") ? "~" + channel.dropFirst() : escape(channel)
            case .user(let id): "@\(id)"
            }
        }.joined()
    }

    /// Backslash-escapes the characters Mattermost markdown would read as formatting.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if "\\*_`[]~#|<>".contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}
