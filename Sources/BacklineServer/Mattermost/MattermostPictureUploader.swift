import ChatOps
import Foundation

/// Posts pictures (the heat map) to a Mattermost channel as PNG files through the REST API, when
/// a bot token and server URL are configured; otherwise the reply's table is all there is.
public struct MattermostPictureUploader: Sendable {
    let client: MattermostClient
    let style: HeatmapPictureStyle

    /// Creates an uploader.
    public init(client: MattermostClient, style: HeatmapPictureStyle = HeatmapPictureStyle()) {
        self.client = client
        self.style = style
    }

    /// Draws `map` and posts it in `channelID` with its title as the message; returns the file id.
    @discardableResult
    public func post(_ map: Heatmap, channelID: String) async throws -> String {
        let png = try HeatmapPNG.draw(map, style: style)
        return try await client.postFile(
            png, filename: SlackPictureUploader.filename(for: map), contentType: "image/png", channelID: channelID,
            message: MattermostMarkdownRenderer.escape(SlackPictureUploader.title(for: map)))
    }

    /// The heat maps of a reply that are worth a picture.
    static func pictures(in reply: Reply) -> [Heatmap] {
        reply.blocks.compactMap { block in
            if case .heatmap(let map) = block, !map.isEmpty { return map }
            return nil
        }
    }
}
