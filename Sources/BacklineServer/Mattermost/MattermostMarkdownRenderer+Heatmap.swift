import ChatOps

extension MattermostMarkdownRenderer {
    /// A heat map as a markdown table (Mattermost renders GitHub-flavoured tables), with the
    /// legend and date under it.
    static func heatmapTable(_ map: Heatmap) -> [String] {
        let subtitle = map.subtitle.isEmpty ? "" : " · " + escape(HeatmapTable.clean(map.subtitle, limit: 150))
        var lines = ["**\(escape(HeatmapTable.clean(map.title, limit: 150)))**\(subtitle) _(as of \(map.asOfDay))_"]
        guard !map.isEmpty else { return lines + ["_no data_"] }
        let table = HeatmapTable(map, rowLimit: 50, columnLimit: 10, labelLength: 32)
        lines.append("| | " + table.columns.map(escape).joined(separator: " | ") + " |")
        lines.append("|:--|" + String(repeating: "--:|", count: table.columns.count))
        for row in table.rows {
            lines.append("| \(escape(row.label)) | " + row.cells.map(escape).joined(separator: " | ") + " |")
        }
        if table.moreRows > 0 { lines.append("_and \(table.moreRows) more_") }
        if table.moreColumns > 0 { lines.append("_\(table.moreColumns) older versions not shown_") }
        lines.append(escape(table.legend))
        return lines
    }
}
