import ChatOps
import Foundation
import Slack

/// Renders a platform-neutral ``Reply`` as a Slack message body, always within Block Kit's limits:
/// long lists are cut with "and N more", long text is shortened, and a reply never exceeds 50
/// blocks.
public enum SlackReplyRenderer {
    /// The Slack message for `reply`.
    public static func render(_ reply: Reply) -> SlackMessage {
        var blocks: [Block] = []
        for block in reply.blocks {
            switch block {
            case .header(let text):
                blocks.append(.header(.plain(shorten(text, to: BlockKitLimits.headerText))))
            case .paragraph(let text):
                blocks.append(.section(text: .markdown(shorten(mrkdwn(text), to: BlockKitLimits.sectionText))))
            case .fields(let fields):
                let rendered = fields.map { TextObject.markdown(shorten("*\(TextObject.escape($0.label))*\n\(mrkdwn($0.value))", to: BlockKitLimits.sectionFieldText)) }
                for start in stride(from: 0, to: rendered.count, by: BlockKitLimits.sectionFields) {
                    blocks.append(.section(text: nil, fields: Array(rendered[start..<min(start + BlockKitLimits.sectionFields, rendered.count)])))
                }
            case .list(let title, let items, let more):
                blocks.append(.section(text: .markdown(list(title: title, items: items, more: more))))
            case .context(let text):
                blocks.append(.context([.markdown(shorten(mrkdwn(text), to: BlockKitLimits.sectionText))]))
            case .divider:
                blocks.append(.divider)
            case .actions(let actions):
                blocks.append(actionsBlock(actions))
            case .heatmap(let map):
                blocks += heatmapBlocks(map)
            }
        }
        if blocks.count > BlockKitLimits.blocksPerMessage {
            let dropped = blocks.count - BlockKitLimits.blocksPerMessage + 1
            blocks = Array(blocks.prefix(BlockKitLimits.blocksPerMessage - 1))
            blocks.append(.context([.markdown("_\(dropped) more blocks left out_")]))
        }
        return SlackMessage(
            responseType: reply.visibility == .inChannel ? .inChannel : .ephemeral,
            text: shorten(reply.summary, to: BlockKitLimits.messageText),
            blocks: blocks)
    }

    /// The action id of "run this command line" buttons; the interactivity route reads the
    /// button's `value` as a command line and answers it like a slash command.
    public static let runCommandActionID = "backline.run"

    /// Buttons whose value is the command line to run (the next page, ...). Lines too long for a
    /// button value are left out rather than cut, since a cut command would run the wrong thing.
    private static func actionsBlock(_ actions: [ReplyAction]) -> Block {
        let buttons = actions.filter { $0.commandLine.count <= BlockKitLimits.buttonValue }.prefix(BlockKitLimits.actionsElements)
        return .actions(blockID: nil, elements: buttons.enumerated().map { index, action in
            Button(text: shorten(action.label, to: BlockKitLimits.buttonText), actionID: "\(runCommandActionID).\(index)", value: action.commandLine)
        })
    }

    /// A bulleted list that fits one section, cutting items (and counting them in "more") as needed.
    private static func list(title: RichText?, items: [RichText], more: Int) -> String {
        let heading = title.map { "*\(mrkdwn($0))*\n" } ?? ""
        // Room kept for the "and N more" line, whose number is not known until the cut is made.
        let budget = BlockKitLimits.sectionText - heading.count - 24
        var lines: [String] = []
        var used = 0
        for item in items {
            let line = "• " + mrkdwn(item)
            let cost = line.count + (lines.isEmpty ? 0 : 1)
            if used + cost > budget { break }
            lines.append(line)
            used += cost
        }
        let omitted = more + items.count - lines.count
        let text = heading + lines.joined(separator: "\n") + (omitted > 0 ? "\n_and \(omitted) more_" : "")
        return shorten(text, to: BlockKitLimits.sectionText)
    }

    /// Slack mrkdwn for rich text; catalog text is escaped so it cannot mention or link anything.
    static func mrkdwn(_ text: RichText) -> String {
        text.spans.map { span in
            switch span {
            case .text(let value): TextObject.escape(value)
            case .bold(let value): "*\(TextObject.escape(value))*"
            case .italic(let value): "_\(TextObject.escape(value))_"
            case .code(let value): "`\(TextObject.escape(value))`"
            case .link(let url, let label):
                url.contains("|") || url.contains(">") ? TextObject.escape(label) : "<\(url)|\(TextObject.escape(label))>"
            case .channel(let channel):
                isChannelID(channel) ? "<#\(channel)>" : TextObject.escape(channel)
            case .user(let id): "<@\(id)>"
            }
        }.joined()
    }

    private static func isChannelID(_ text: String) -> Bool {
        guard let first = text.first, "CGD".contains(first), text.count >= 9 else { return false }
        return text.allSatisfy { $0.isUppercase || $0.isNumber }
    }

    static func shorten(_ text: String, to limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}

extension SlackReplyRenderer {
    /// The exact JSON body Slack receives for `reply` (a slash-command response).
    public static func json(_ reply: Reply) throws -> String {
        String(decoding: render(reply).jsonBytes, as: UTF8.self)
    }
}
