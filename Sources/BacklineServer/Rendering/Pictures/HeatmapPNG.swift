import ChatOps

/// How a heat map picture is sized.
public struct HeatmapPictureStyle: Sendable, Hashable {
    /// Pixels per point: 1 for a compact file, 2 for dense screens.
    public var scale: Double
    /// Rows drawn at most; the rest are counted in an "and N more" line.
    public var maxRows: Int
    /// Columns (versions, newest first) drawn at most; older ones are counted under the grid.
    public var maxColumns: Int

    /// Creates a style.
    public init(scale: Double = 1, maxRows: Int = 60, maxColumns: Int = 30) {
        self.scale = min(max(scale, 0.5), 4)
        self.maxRows = max(1, maxRows)
        self.maxColumns = max(1, maxColumns)
    }
}

/// Draws a ``Heatmap`` as a PNG with Cairo: title, subtitle and date, a legend of the colour
/// buckets, row and column labels and a grid of coloured cells with their counts.
///
/// The size follows the data (longest label, number of rows and columns) within caps, so a map of
/// 2,000 services stays a picture a person can open. Each call draws on its own surface; calls may
/// run concurrently.
///
/// ```swift
/// let png = try HeatmapPNG.draw(map)      // [UInt8], starts with the PNG signature
/// ```
public enum HeatmapPNG {
    /// The picture as PNG bytes.
    public static func draw(_ map: Heatmap, style: HeatmapPictureStyle = HeatmapPictureStyle()) throws(PictureDrawingError) -> [UInt8] {
        let content = HeatmapPictureContent(map, style: style)
        let layout = HeatmapLayout(content, measuring: CairoCanvas(width: 1, height: 1))
        let canvas = CairoCanvas(width: layout.width, height: layout.height, scale: style.scale)
        paint(content, layout: layout, on: canvas)
        return try canvas.png()
    }

    /// A count short enough for its cell: `1234`, `56k`, `7M`, `1B+`.
    static func compact(_ count: Int) -> String {
        switch count {
        case ..<10_000: String(count)
        case ..<1_000_000: "\(count / 1_000)k"
        case ..<1_000_000_000: "\(count / 1_000_000)M"
        default: "1B+"
        }
    }

    private static func paint(_ content: HeatmapPictureContent, layout: HeatmapLayout, on canvas: borrowing CairoCanvas) {
        let m = HeatmapLayout.self
        // Title and subtitle with the date.
        canvas.setFont(size: m.titleSize, bold: true)
        canvas.text(layout.title, x: m.margin, baseline: layout.titleBaseline, color: Palette.ink)
        canvas.setFont(size: m.subtitleSize)
        canvas.text(layout.subtitle, x: m.margin, baseline: layout.subtitleBaseline, color: Palette.muted)

        // Legend: a swatch and a word per bucket, on one line.
        canvas.setFont(size: m.legendSize)
        var x = m.margin
        for entry in content.legend {
            canvas.fillRounded(x: x, y: layout.legendTop, width: m.swatch, height: m.swatch, radius: 3, color: Palette.fill(entry))
            canvas.text(entry.label, x: x + m.swatch + 6, baseline: layout.legendTop + m.swatch - 2, color: Palette.ink)
            x += m.swatch + 6 + canvas.width(of: entry.label) + m.legendGap
        }

        guard !content.isEmpty else {
            canvas.fillRounded(x: m.margin, y: layout.gridTop, width: layout.width - 2 * m.margin, height: m.emptyHeight, radius: 6, color: Palette.empty)
            canvas.setFont(size: m.subtitleSize + 2, bold: true)
            canvas.text("no data", x: layout.width / 2, baseline: layout.gridTop + m.emptyHeight / 2 + 6, color: Palette.muted, alignment: .centre)
            return
        }

        // Column labels: flat when they fit above their column, else rising at 45°.
        canvas.setFont(size: m.columnSize, bold: true)
        for (index, label) in layout.columns.enumerated() {
            let centre = layout.gridLeft + (Double(index) + 0.5) * m.cellWidth
            if layout.rotatedColumns {
                canvas.rotatedText(label, x: centre - 3, y: layout.gridTop - 8, angle: -.pi / 4, color: Palette.ink)
            } else {
                canvas.text(label, x: centre, baseline: layout.gridTop - 8, color: Palette.ink, alignment: .centre)
            }
        }
        canvas.setFont(size: m.totalSize)
        canvas.text("total", x: layout.totalRight, baseline: layout.gridTop - 8, color: Palette.muted, alignment: .right)

        // Rows: label, cells, total.
        for (rowIndex, row) in content.grid.enumerated() {
            let top = layout.gridTop + Double(rowIndex) * m.cellHeight
            let middle = top + m.cellHeight / 2
            canvas.setFont(size: m.rowSize)
            let metrics = canvas.fontMetrics()
            canvas.text(layout.rows[rowIndex], x: m.margin, baseline: middle + (metrics.ascent - metrics.descent) / 2, color: Palette.ink)
            canvas.setFont(size: m.countSize, bold: true)
            for (columnIndex, cell) in row.enumerated() {
                let left = layout.gridLeft + Double(columnIndex) * m.cellWidth
                let inset = m.cellGap / 2
                guard let cell, cell.count > 0 else {
                    canvas.fill(x: left + inset, y: top + inset, width: m.cellWidth - m.cellGap, height: m.cellHeight - m.cellGap, color: Palette.empty)
                    continue
                }
                let fill = Palette.fill(cell.severity)
                canvas.fillRounded(x: left + inset, y: top + inset, width: m.cellWidth - m.cellGap, height: m.cellHeight - m.cellGap, radius: 3, color: fill)
                canvas.text(
                    compact(cell.count), x: left + m.cellWidth / 2, baseline: middle + (metrics.ascent - metrics.descent) / 2,
                    color: fill.luminance > 0.4 ? Palette.ink : .white, alignment: .centre)
            }
            canvas.setFont(size: m.totalSize)
            canvas.text(compact(content.totals[rowIndex]), x: layout.totalRight, baseline: middle + 4, color: Palette.muted, alignment: .right)
        }

        // What was left out, so a capped picture never passes for the whole story.
        canvas.setFont(size: m.subtitleSize)
        for (index, note) in layout.notes.enumerated() {
            canvas.text(note, x: m.margin, baseline: layout.notesTop + Double(index + 1) * m.noteLine - 4, color: Palette.muted)
        }
    }
}

/// The heat map cut to what the picture shows, with labels cleaned of control characters.
struct HeatmapPictureContent {
    var title: String
    var subtitle: String
    var date: String
    var rowLabels: [String]
    var columnLabels: [String]
    var grid: [[Heatmap.Cell?]]
    var totals: [Int]
    var legend: [Heatmap.Severity]
    var moreRows: Int
    var moreColumns: Int
    var isEmpty: Bool

    init(_ map: Heatmap, style: HeatmapPictureStyle) {
        // Character caps first, so measuring a hostile megabyte label stays cheap.
        title = HeatmapTable.clean(map.title, limit: 200)
        subtitle = HeatmapTable.clean(map.subtitle, limit: 200)
        date = map.asOfDay
        isEmpty = map.isEmpty
        let full = map.grid(rowLimit: style.maxRows)
        let shownColumns = min(map.columns.count, style.maxColumns)
        grid = full.map { Array($0.prefix(shownColumns)) }
        rowLabels = map.rows.prefix(grid.count).map { HeatmapTable.clean($0, limit: 120) }
        columnLabels = map.columns.prefix(shownColumns).map { HeatmapTable.clean($0, limit: 120) }
        // Totals cover every column, not only the drawn ones.
        // Saturating, so absurd counts from a bad data source cannot trap the server.
        totals = full.map { row in
            row.reduce(0) { total, cell in
                let (sum, overflow) = total.addingReportingOverflow(max(0, cell?.count ?? 0))
                return overflow ? .max : sum
            }
        }
        legend = map.legend.isEmpty ? Heatmap.Severity.allCases : map.legend
        moreRows = map.rows.count - grid.count
        moreColumns = map.columns.count - shownColumns
    }
}

/// Where everything goes, in points, measured with the fonts it will be drawn in.
struct HeatmapLayout {
    static let margin = 20.0
    static let titleSize = 20.0
    static let subtitleSize = 13.0
    static let legendSize = 12.0
    static let columnSize = 12.0
    static let rowSize = 13.0
    static let countSize = 13.0
    static let totalSize = 11.0
    static let swatch = 14.0
    static let legendGap = 16.0
    static let cellWidth = 58.0
    static let cellHeight = 26.0
    static let cellGap = 3.0
    static let noteLine = 18.0
    static let emptyHeight = 90.0
    static let maxRowLabel = 220.0
    static let maxColumnLabel = 150.0
    static let maxTitle = 900.0

    var title: String
    var subtitle: String
    var rows: [String]
    var columns: [String]
    var notes: [String]
    var rotatedColumns: Bool
    var titleBaseline: Double
    var subtitleBaseline: Double
    var legendTop: Double
    var gridTop: Double
    var gridLeft: Double
    var totalRight: Double
    var notesTop: Double
    var width: Double
    var height: Double

    init(_ content: HeatmapPictureContent, measuring canvas: borrowing CairoCanvas) {
        let m = Self.self
        canvas.setFont(size: m.titleSize, bold: true)
        title = canvas.fit(content.title.isEmpty ? "Heat map" : content.title, in: m.maxTitle)
        let titleWidth = canvas.width(of: title)
        canvas.setFont(size: m.subtitleSize)
        subtitle = canvas.fit((content.subtitle.isEmpty ? "" : content.subtitle + " · ") + "as of " + content.date, in: m.maxTitle)
        var widest = max(titleWidth, canvas.width(of: subtitle))
        canvas.setFont(size: m.legendSize)
        let legendWidth = content.legend.reduce(0) { $0 + m.swatch + 6 + canvas.width(of: $1.label) + m.legendGap } - m.legendGap
        widest = max(widest, legendWidth)

        titleBaseline = m.margin + m.titleSize
        subtitleBaseline = titleBaseline + 22
        legendTop = subtitleBaseline + 14

        canvas.setFont(size: m.rowSize)
        rows = content.rowLabels.map { canvas.fit($0, in: m.maxRowLabel) }
        let rowLabelWidth = rows.map { canvas.width(of: $0) }.max() ?? 0
        canvas.setFont(size: m.columnSize, bold: true)
        columns = content.columnLabels.map { canvas.fit($0, in: m.maxColumnLabel) }
        let columnLabelWidth = columns.map { canvas.width(of: $0) }.max() ?? 0
        // Flat labels must fit their own column; otherwise they rise at 45° and need headroom.
        rotatedColumns = columnLabelWidth > m.cellWidth - 6
        let diagonal = columnLabelWidth * 0.7071
        let headerHeight = rotatedColumns ? diagonal + 16 : 24

        gridLeft = m.margin + rowLabelWidth + 12
        gridTop = legendTop + m.swatch + 14 + headerHeight
        let gridRight = gridLeft + Double(content.grid.first?.count ?? 0) * m.cellWidth
        canvas.setFont(size: m.totalSize)
        var totalWidth = canvas.width(of: "total")
        for total in content.totals { totalWidth = max(totalWidth, canvas.width(of: HeatmapPNG.compact(total))) }
        totalRight = gridRight + 8 + totalWidth
        // Rotated labels of the last columns reach right of the grid.
        let overhang = rotatedColumns ? max(0, diagonal - m.cellWidth / 2 - (totalRight - gridRight)) : 0

        notes = []
        if content.moreRows > 0 { notes.append("… and \(content.moreRows) more rows not shown") }
        if content.moreColumns > 0 { notes.append("… and \(content.moreColumns) older versions not shown") }

        if content.isEmpty {
            gridTop = legendTop + m.swatch + 16
            notesTop = gridTop + m.emptyHeight
            notes = []
            width = max(widest + 2 * m.margin, 420)
        } else {
            notesTop = gridTop + Double(content.grid.count) * m.cellHeight + 6
            width = max(widest + 2 * m.margin, totalRight + overhang + m.margin, 420)
        }
        height = notesTop + Double(notes.count) * m.noteLine + m.margin
        width = width.rounded(.up)
        height = height.rounded(.up)
    }
}

/// The colour of each bucket: green to red as a version falls behind, grey when unknown; chosen
/// to stay apart for the common colour-vision deficiencies by also differing in lightness.
enum Palette {
    static let ink = RGB(0x1F2328)
    static let muted = RGB(0x59636E)
    static let empty = RGB(0xF0F2F4)

    static func fill(_ severity: Heatmap.Severity) -> RGB {
        switch severity {
        case .current: RGB(0x2DA44E)
        case .minorBehind: RGB(0xF2CC60)
        case .majorBehind: RGB(0xF08A3E)
        case .endOfLife: RGB(0xC9252D)
        case .unknown: RGB(0xAEB7C0)
        }
    }
}
