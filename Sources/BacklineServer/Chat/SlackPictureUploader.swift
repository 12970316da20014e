import ChatOps
import Foundation
import Slack

/// Posts pictures (the heat map) to a Slack channel: draws the PNG and shares it through Slack's
/// three-step upload (`files.getUploadURLExternal`, the bytes, `files.completeUploadExternal`).
///
/// ```swift
/// let uploader = SlackPictureUploader(webAPI: slack)
/// let file = try await uploader.post(map, channel: "C0123", comment: "react across teams")
/// ```
public struct SlackPictureUploader: Sendable {
    let webAPI: SlackWebAPIClient
    let style: HeatmapPictureStyle

    /// Creates an uploader.
    /// - Parameters:
    ///   - webAPI: The Web API client; its token is used unless a call passes another.
    ///   - style: How pictures are sized.
    public init(webAPI: SlackWebAPIClient, style: HeatmapPictureStyle = HeatmapPictureStyle()) {
        self.webAPI = webAPI
        self.style = style
    }

    /// Draws `map` and shares it in `channel`.
    /// - Parameters:
    ///   - channel: A conversation id (`C…`).
    ///   - comment: Message text posted with the picture.
    ///   - threadTS: Shares the picture as a reply in this thread.
    ///   - token: Overrides the client's token.
    /// - Returns: The shared file.
    /// - Throws: ``PictureDrawingError`` when the picture cannot be drawn, `SlackAPIError` or
    ///   `SlackHTTPError` when a step of the upload fails.
    @discardableResult
    public func post(_ map: Heatmap, channel: String, comment: String? = nil, threadTS: String? = nil, token: SlackToken? = nil) async throws -> SlackFile {
        let png = try HeatmapPNG.draw(map, style: style)
        return try await webAPI.uploadFile(
            png, filename: Self.filename(for: map), title: Self.title(for: map), altText: Self.altText(for: map), channelID: channel,
            initialComment: comment, threadTS: threadTS, token: token)
    }

    /// The title shown above the picture: what it shows and as of when.
    static func title(for map: Heatmap) -> String {
        let title = HeatmapTable.clean(map.title, limit: 200)
        return (title.isEmpty ? "Heat map" : title) + " · " + map.asOfDay
    }

    /// `heatmap-react-npm-2026-03-30.png`: lowercase letters, digits and dashes only, so any
    /// client can save it under that name.
    static func filename(for map: Heatmap) -> String {
        var slug = ""
        for character in map.title.lowercased() {
            if character.isASCII, character.isLetter || character.isNumber {
                slug.append(character)
            } else if !slug.isEmpty, slug.last != "-" {
                slug.append("-")
            }
            if slug.count >= 60 { break }
        }
        while slug.last == "-" { slug.removeLast() }
        return "heatmap-" + (slug.isEmpty ? "" : slug + "-") + map.asOfDay + ".png"
    }

    /// A screen-reader description: what the picture shows and its busiest cells, within Slack's
    /// 1,000 characters.
    static func altText(for map: Heatmap) -> String {
        var text = "Heat map of \(HeatmapTable.clean(map.title, limit: 200))"
        if !map.subtitle.isEmpty { text += ", \(HeatmapTable.clean(map.subtitle, limit: 200))" }
        text += ", as of \(map.asOfDay): \(map.rows.count) rows, \(map.columns.count) versions."
        let busiest = map.cells.filter { $0.count > 0 && map.rows.indices.contains($0.row) && map.columns.indices.contains($0.column) }
            .sorted { $0.count > $1.count }.prefix(5)
        if !busiest.isEmpty {
            text += " Most: " + busiest.map { cell in
                "\(HeatmapTable.clean(map.rows[cell.row], limit: 40)) on \(HeatmapTable.clean(map.columns[cell.column], limit: 30)) (\(cell.count), \(cell.severity.label))"
            }.joined(separator: "; ") + "."
        }
        return String(text.prefix(1000))
    }
}
