/// A ``Heatmap`` as a table of text, for every place that cannot show the picture: the terminal,
/// Slack's message next to the uploaded PNG, Mattermost's markdown.
///
/// Colour becomes a mark after each count (see ``Heatmap/Severity/mark``), and the table is cut to
/// a number of rows and columns a chat message can hold, counting what was left out.
public struct HeatmapTable: Sendable, Hashable {
    /// The column labels (versions), cleaned of control characters and shortened.
    public var columns: [String]
    /// Each row: its label, then one text per column (`""` where nothing runs that version).
    public var rows: [(label: String, cells: [String])] { zip(labels, cellTexts).map { ($0, $1) } }
    /// Rows of the heat map not in ``rows``.
    public var moreRows: Int
    /// Columns (older versions) of the heat map not in ``columns``.
    public var moreColumns: Int
    /// The legend line explaining the marks.
    public var legend: String

    private var labels: [String]
    private var cellTexts: [[String]]

    /// Builds the table for `map`, keeping at most `rowLimit` rows and `columnLimit` columns and
    /// shortening labels to `labelLength` characters.
    public init(_ map: Heatmap, rowLimit: Int = 30, columnLimit: Int = 8, labelLength: Int = 28) {
        let grid = map.grid(rowLimit: rowLimit)
        let shownColumns = min(map.columns.count, max(0, columnLimit))
        columns = map.columns.prefix(shownColumns).map { Self.clean($0, limit: labelLength) }
        labels = map.rows.prefix(grid.count).map { Self.clean($0, limit: labelLength) }
        cellTexts = grid.map { row in
            row.prefix(shownColumns).map { cell in
                guard let cell, cell.count > 0 else { return "" }
                return "\(cell.count)\(cell.severity.mark)"
            }
        }
        moreRows = map.rows.count - grid.count
        moreColumns = map.columns.count - shownColumns
        let marks = map.legend.filter { !$0.mark.isEmpty }.map { "\($0.mark) \($0.label)" }
        legend = (["n = repositories"] + marks).joined(separator: " · ")
    }

    /// The table as aligned lines of text (for a monospaced font): a header, then one line per row.
    /// Empty cells show `·` so the eye can follow a row.
    public func alignedLines() -> [String] {
        let labelWidth = max(labels.map(\.count).max() ?? 0, 1)
        let widths = columns.indices.map { column in
            max(columns[column].count, cellTexts.map { $0[column].count }.max() ?? 0, 1)
        }
        func line(_ label: String, _ texts: [String]) -> String {
            var text = label + String(repeating: " ", count: max(0, labelWidth - label.count))
            for (index, cell) in texts.enumerated() {
                text += "  " + String(repeating: " ", count: max(0, widths[index] - cell.count)) + cell
            }
            return String(text.reversed().drop { $0 == " " }.reversed())
        }
        return [line("", columns)] + zip(labels, cellTexts).map { line($0, $1.map { $0.isEmpty ? "·" : $0 }) }
    }

    /// Text fit for one line of a table: control and format characters (newlines, tabs, bidi
    /// overrides, NUL) become spaces or disappear, and long text ends with an ellipsis.
    public static func clean(_ text: String, limit: Int) -> String {
        var cleaned = ""
        for scalar in text.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .control, .lineSeparator, .paragraphSeparator: cleaned.unicodeScalars.append(" ")
            case .format where scalar != "\u{200D}": continue  // keep ZWJ, which joins emoji
            default: cleaned.unicodeScalars.append(scalar)
            }
        }
        cleaned = cleaned.trimmingSpaces()
        guard cleaned.count > limit else { return cleaned }
        return String(cleaned.prefix(max(0, limit - 1))) + "…"
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
