/// Renders a ``Reply`` as plain text for terminals and logs.
public enum PlainTextRenderer {
    /// The reply as lines of text, ending with a newline.
    public static func render(_ reply: Reply) -> String {
        var lines: [String] = []
        for block in reply.blocks {
            switch block {
            case .header(let text):
                lines.append(text)
            case .paragraph(let text):
                lines.append(text.plain)
            case .fields(let fields):
                let width = fields.map(\.label.count).max() ?? 0
                for field in fields {
                    lines.append("  " + field.label + ":" + String(repeating: " ", count: width - field.label.count + 1) + field.value.plain)
                }
            case .list(let title, let items, let more):
                if let title { lines.append(title.plain + ":") }
                lines += items.map { "  • " + $0.plain }
                if more > 0 { lines.append("  … and \(more) more") }
            case .context(let text):
                lines.append(text.plain)
            case .divider:
                lines.append("")
            case .actions(let actions):
                lines += actions.map { "\($0.label): \($0.commandLine)" }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
