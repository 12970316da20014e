import ChatOps
import Foundation
import Slack

extension SlackReplyRenderer {
    /// A heat map in a message: its title and a compact fixed-width table in one section, the
    /// legend and date as small print. The picture itself travels separately as a file upload
    /// (``SlackPictureUploader``), since Block Kit cannot carry an image without a public URL.
    static func heatmapBlocks(_ map: Heatmap) -> [Block] {
        let title = "*\(TextObject.escape(HeatmapTable.clean(map.title, limit: 150)))*"
            + (map.subtitle.isEmpty ? "" : " · " + TextObject.escape(HeatmapTable.clean(map.subtitle, limit: 150)))
        let date = "as of \(map.asOfDay)"
        guard !map.isEmpty else {
            return [.section(text: .markdown(title + "\nno data")), .context([.markdown(date)])]
        }
        let table = HeatmapTable(map, rowLimit: 30, columnLimit: 8, labelLength: 24)
        // A backtick in a label would close the code block early.
        var lines = table.alignedLines().map { TextObject.escape($0.replacingOccurrences(of: "`", with: "'")) }
        var more = table.moreRows
        // Room for the title, the fences and an "and N more" line whose number is not yet known.
        let budget = BlockKitLimits.sectionText - title.count - 40
        while lines.count > 1, lines.reduce(0, { $0 + $1.count + 1 }) > budget {
            lines.removeLast()
            more += 1
        }
        var text = title + "\n```\n" + lines.joined(separator: "\n") + "\n```"
        if more > 0 { text += "\n_and \(more) more_" }
        var smallPrint = [TextObject.escape(table.legend), date]
        if table.moreColumns > 0 { smallPrint.insert("\(table.moreColumns) older versions not shown", at: 0) }
        return [
            .section(text: .markdown(shorten(text, to: BlockKitLimits.sectionText))),
            .context([.markdown(shorten(smallPrint.joined(separator: " · "), to: BlockKitLimits.sectionText))]),
        ]
    }
}
