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
            case .heatmap(let map):
                lines += heatmapLines(map)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The heat map as an aligned table: a terminal has room for more than a chat message.
    private static func heatmapLines(_ map: Heatmap) -> [String] {
        let heading = HeatmapTable.clean(map.title, limit: 200)
        let subtitle = HeatmapTable.clean(map.subtitle, limit: 200)
        var lines = [heading + (subtitle.isEmpty ? "" : " — " + subtitle) + " (as of \(map.asOfDay))"]
        guard !map.isEmpty else { return lines + ["  no data"] }
        let table = HeatmapTable(map, rowLimit: 200, columnLimit: 12, labelLength: 40)
        lines += table.alignedLines().map { "  " + $0 }
        if table.moreRows > 0 { lines.append("  … and \(table.moreRows) more") }
        if table.moreColumns > 0 { lines.append("  … and \(table.moreColumns) older versions") }
        lines.append("  " + table.legend)
        return lines
    }
}
