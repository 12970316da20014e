import Foundation

/// A picture of which versions run where: rows (teams or services) against columns (versions,
/// newest first), each cell counting the repositories on that version and coloured by how far
/// behind it is.
///
/// It is platform-neutral data: Slack and Mattermost get a PNG drawn from it plus a text table,
/// the terminal gets the table, and `--format json` gets this value encoded.
///
/// ```swift
/// var map = Heatmap(title: "react (npm)", subtitle: "by team", asOf: now,
///                   rows: ["playlists", "search"], columns: ["19.2.0", "18.3.1"])
/// map.cells = [.init(row: 0, column: 0, count: 3, severity: .current),
///              .init(row: 1, column: 1, count: 1, severity: .majorBehind)]
/// ```
public struct Heatmap: Sendable, Hashable, Codable {
    /// How far behind a version is; decides the cell's colour.
    public enum Severity: String, Sendable, Hashable, Codable, CaseIterable {
        /// The latest release line.
        case current
        /// Behind by minor or patch releases only.
        case minorBehind = "minor-behind"
        /// Behind by one or more major releases.
        case majorBehind = "major-behind"
        /// The version's release line no longer gets fixes.
        case endOfLife = "end-of-life"
        /// Nothing known about this version (no release data).
        case unknown

        /// The legend's wording.
        public var label: String {
            switch self {
            case .current: "current"
            case .minorBehind: "minor behind"
            case .majorBehind: "major behind"
            case .endOfLife: "end of life"
            case .unknown: "unknown"
            }
        }

        /// A short ASCII mark after a count in text tables, where there is no colour.
        public var mark: String {
            switch self {
            case .current: ""
            case .minorBehind: "~"
            case .majorBehind: "!"
            case .endOfLife: "!!"
            case .unknown: "?"
            }
        }
    }

    /// One non-empty cell: how many repositories in `row` run the version in `column`.
    public struct Cell: Sendable, Hashable, Codable {
        /// Index into ``Heatmap/rows``.
        public var row: Int
        /// Index into ``Heatmap/columns``.
        public var column: Int
        /// Repositories (or components) counted here.
        public var count: Int
        /// How far behind the column's version is, for this row.
        public var severity: Severity

        /// Creates a cell.
        public init(row: Int, column: Int, count: Int, severity: Severity) {
            self.row = row
            self.column = column
            self.count = count
            self.severity = severity
        }
    }

    /// What the picture shows, e.g. `react (npm)` or `nodejs`.
    public var title: String
    /// A second line, e.g. `by team · 2,000 repositories`.
    public var subtitle: String
    /// When the data was true; printed on the picture so a forwarded image still says its age.
    public var asOf: Date
    /// Row labels (teams or services), in display order.
    public var rows: [String]
    /// Column labels (versions), newest first.
    public var columns: [String]
    /// The non-empty cells; a position without a cell means zero.
    public var cells: [Cell]
    /// Which severities the legend explains, in order; defaults to all of them.
    public var legend: [Severity]

    /// Creates a heat map.
    public init(
        title: String, subtitle: String = "", asOf: Date, rows: [String], columns: [String], cells: [Cell] = [],
        legend: [Severity] = Severity.allCases
    ) {
        self.title = title
        self.subtitle = subtitle
        self.asOf = asOf
        self.rows = rows
        self.columns = columns
        self.cells = cells
        self.legend = legend
    }

    /// Whether there is nothing to draw (no rows, no columns or no counts).
    public var isEmpty: Bool { rows.isEmpty || columns.isEmpty || !cells.contains { $0.count > 0 } }

    /// The cells as a dense grid, `grid[row][column]`, for the first `rowLimit` rows. Cells whose
    /// indices fall outside the labels are ignored rather than trusted; a repeated position keeps
    /// the last cell given.
    public func grid(rowLimit: Int = .max) -> [[Cell?]] {
        let rowCount = min(rows.count, max(0, rowLimit))
        var grid = Array(repeating: [Cell?](repeating: nil, count: columns.count), count: rowCount)
        for cell in cells where cell.row >= 0 && cell.row < rowCount && cell.column >= 0 && cell.column < columns.count {
            grid[cell.row][cell.column] = cell
        }
        return grid
    }

    /// `asOf` as a calendar date in UTC (`2026-03-30`), as the picture and the tables print it.
    public var asOfDay: String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: asOf)
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return "\(String(format: "%04d", parts.year ?? 0))-\(two(parts.month))-\(two(parts.day))"
    }
}
