import BacklineServer
import Catalog
import ChatOps
import Foundation
import Logging
import Slack
import SlackTesting
import Testing

/// A small, believable heat map: react across a dozen services.
private func sampleMap(rows: Int = 12, asOf: Date = Date(timeIntervalSince1970: 1_774_828_800)) -> Heatmap {
    let services = [
        "playlist-api", "playlist-worker", "search-web", "search-indexer", "checkout-web", "payments-gateway",
        "recommendations-service-with-a-long-name", "profile-api", "notifications", "admin-console", "analytics-dashboard", "mobile-bff",
    ]
    let versions = ["19.2.0", "19.1.1", "18.3.1", "18.2.0", "17.0.2", "16.14.0", "16.8.6", "15.7.0"]
    let severities: [Heatmap.Severity] = [.current, .minorBehind, .majorBehind, .majorBehind, .majorBehind, .endOfLife, .endOfLife, .endOfLife]
    var cells: [Heatmap.Cell] = []
    for row in 0..<rows {
        for column in versions.indices where (row * 7 + column * 3) % 5 < 2 {
            cells.append(Heatmap.Cell(row: row, column: column, count: (row * 5 + column) % 9 + 1, severity: severities[column]))
        }
    }
    return Heatmap(
        title: "react (npm)", subtitle: "by service · \(rows) services", asOf: asOf,
        rows: (0..<rows).map { row in row < services.count ? services[row] : "service-\(row)" }, columns: versions, cells: cells)
}

/// The PNG's size from its IHDR chunk, after checking the signature and that the chunks frame the
/// file exactly up to IEND, which is what a decoder walks first.
private func pngSize(_ bytes: [UInt8]) throws -> (width: Int, height: Int) {
    try #require(bytes.count > 33)
    #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    func uint32(at offset: Int) -> Int { bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
    #expect(String(decoding: bytes[12..<16], as: UTF8.self) == "IHDR")
    var offset = 8
    var types: [String] = []
    while offset + 12 <= bytes.count {
        let length = uint32(at: offset)
        types.append(String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self))
        offset += 12 + length
    }
    #expect(offset == bytes.count, "chunks must end exactly at the end of the file")
    #expect(types.first == "IHDR" && types.last == "IEND" && types.contains("IDAT"), "\(types)")
    return (uint32(at: 16), uint32(at: 20))
}

@Suite("Heat map picture")
struct HeatmapPictureTests {
    @Test func `the PNG has the signature, decodes to a sane size and grows with the rows`() throws {
        let small = try pngSize(HeatmapPNG.draw(sampleMap(rows: 3)))
        let large = try pngSize(HeatmapPNG.draw(sampleMap(rows: 12)))
        #expect(small.width >= 420 && small.height > 100)
        #expect(large.height > small.height)
        #expect(large.width < 2000 && large.height < 1000)
        let sharp = try pngSize(HeatmapPNG.draw(sampleMap(rows: 3), style: HeatmapPictureStyle(scale: 2)))
        #expect(sharp.width >= 2 * small.width - 2 && sharp.height >= 2 * small.height - 2)
    }

    @Test func `drawing is deterministic, so what is uploaded can be compared byte for byte`() throws {
        #expect(try HeatmapPNG.draw(sampleMap()) == HeatmapPNG.draw(sampleMap()))
    }

    @Test func `rows beyond the cap are counted, not drawn, so the picture stays bounded`() throws {
        let capped = try pngSize(HeatmapPNG.draw(sampleMap(rows: 60)))
        let huge = try pngSize(HeatmapPNG.draw(sampleMap(rows: 2_000)))
        // Only the "and N more" line is added.
        #expect(huge.height > capped.height && huge.height <= capped.height + 30)
        let fewer = try pngSize(HeatmapPNG.draw(sampleMap(rows: 2_000), style: HeatmapPictureStyle(maxRows: 10)))
        #expect(fewer.height < capped.height)
    }

    @Test func `an empty heat map still draws a picture that says so`() throws {
        let empty = Heatmap(title: "left-pad (npm)", asOf: Date(timeIntervalSince1970: 0), rows: [], columns: [])
        let size = try pngSize(HeatmapPNG.draw(empty))
        #expect(size.width >= 420 && size.height > 100 && size.height < 400)
        let noCounts = Heatmap(title: "", asOf: Date(timeIntervalSince1970: 0), rows: ["a"], columns: ["1.0.0"], cells: [], legend: [])
        _ = try pngSize(HeatmapPNG.draw(noCounts))
    }

    @Test func `hostile labels and cells neither crash nor blow up the picture`() throws {
        let long = String(repeating: "very-long-service-name-", count: 5_000)
        let labels = [
            long, "🚀🔥👩‍👩‍👧‍👦 emoji team", "tab\tnew\nline\r\u{0}nul", "\u{202E}reversed\u{202C}", "", "   ", "<b>&amp;</b> `code` | pipe",
            "ünïcödé 日本語 עברית",
        ]
        let map = Heatmap(
            title: long + "\u{7}", subtitle: "\u{1B}[31mred\u{1B}[0m", asOf: Date(timeIntervalSince1970: -1e10),
            rows: labels, columns: [long, "🚀", "1.0.0\n2.0.0", ""],
            cells: [
                Heatmap.Cell(row: 0, column: 0, count: Int.max, severity: .endOfLife),
                Heatmap.Cell(row: 1, column: 1, count: -5, severity: .current),
                Heatmap.Cell(row: 99, column: 0, count: 3, severity: .current),
                Heatmap.Cell(row: 2, column: -1, count: 3, severity: .current),
                Heatmap.Cell(row: 3, column: 2, count: 1_000_000, severity: .unknown),
            ])
        let size = try pngSize(HeatmapPNG.draw(map))
        #expect(size.width < 2_500 && size.height < 1_200)

        // The text renderers survive the same input and keep control characters out.
        let reply = Reply(summary: "map", blocks: [.heatmap(map)], data: .null)
        let text = PlainTextRenderer.render(reply)
        #expect(!text.contains("\u{0}") && !text.contains("\u{1B}") && !text.contains("\u{202E}"))
        let slack = SlackReplyRenderer.render(reply)
        #expect(slack.blocks.blockKitViolations().isEmpty, "\(slack.blocks.blockKitViolations())")
        let markdown = MattermostMarkdownRenderer.render(reply)
        #expect(!markdown.contains("\u{0}"))
    }

    @Test func `renderers show the table fallback: counts, marks, legend and date`() throws {
        let map = sampleMap(rows: 3)
        let reply = Reply(summary: "react", blocks: [.header("react"), .heatmap(map)], data: .null)

        let text = PlainTextRenderer.render(reply)
        #expect(text.contains("react (npm) — by service · 3 services (as of 2026-03-30)"))
        #expect(text.contains("19.2.0") && text.contains("playlist-api"))
        #expect(text.contains("! major behind") && text.contains("!! end of life"))

        let message = SlackReplyRenderer.render(reply)
        #expect(message.blocks.blockKitViolations().isEmpty)
        let json = try SlackReplyRenderer.json(reply)
        #expect(json.contains("```") && json.contains("playlist-api") && json.contains("as of 2026-03-30"))

        let markdown = MattermostMarkdownRenderer.render(reply)
        #expect(markdown.contains("| | 19.2.0 | 19.1.1 |"))
        #expect(markdown.contains("|:--|--:|"))
        #expect(markdown.contains("| playlist\\-api |") || markdown.contains("| playlist-api |"))

        let empty = Reply(summary: "none", blocks: [.heatmap(Heatmap(title: "x", asOf: .now, rows: [], columns: []))], data: .null)
        #expect(PlainTextRenderer.render(empty).contains("no data"))
        #expect(MattermostMarkdownRenderer.render(empty).contains("no data"))
        #expect(try SlackReplyRenderer.json(empty).contains("no data"))
    }

    @Test func `a big heat map's Slack table is cut to one section and says how much is left out`() throws {
        let message = SlackReplyRenderer.render(Reply(summary: "m", blocks: [.heatmap(sampleMap(rows: 500))], data: .null))
        #expect(message.blocks.blockKitViolations().isEmpty)
        #expect(try SlackJSON.encode(message.blocks).count < 8_000)
        #expect(try SlackReplyRenderer.json(Reply(summary: "m", blocks: [.heatmap(sampleMap(rows: 500))], data: .null)).contains("more_"))
    }

    @Test func `the heat map encodes as stable JSON for --format json`() throws {
        let value = try Catalog.JSONValue(encoding: sampleMap(rows: 1))
        guard case .object(let members) = value else { Issue.record("expected an object"); return }
        #expect(members["title"] == .string("react (npm)"))
        #expect(members["asOf"] == .string("2026-03-30T00:00:00Z"))
        #expect(members["columns"] == .array(["19.2.0", "19.1.1", "18.3.1", "18.2.0", "17.0.2", "16.14.0", "16.8.6", "15.7.0"].map(Catalog.JSONValue.string)))
        #expect("\(value)".contains("end-of-life") || "\(value)".contains("major-behind"))
    }

    /// Writes a sample for a person to look at: `BACKLINE_HEATMAP_SAMPLE=/tmp/heatmap-sample.png swift test --filter Heatmap`.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["BACKLINE_HEATMAP_SAMPLE"] != nil))
    func `write a sample picture for review`() throws {
        let path = try #require(ProcessInfo.processInfo.environment["BACKLINE_HEATMAP_SAMPLE"])
        try Data(HeatmapPNG.draw(sampleMap())).write(to: URL(fileURLWithPath: path))
        // Variants beside it: nothing to show, many rows with long versions, hostile labels.
        let stem = path.hasSuffix(".png") ? String(path.dropLast(4)) : path
        let empty = Heatmap(title: "left-pad (npm)", subtitle: "by team", asOf: Date(timeIntervalSince1970: 1_774_828_800), rows: [], columns: [])
        try Data(HeatmapPNG.draw(empty)).write(to: URL(fileURLWithPath: stem + "-empty.png"))
        var many = sampleMap(rows: 80)
        many.title = "eclipse-temurin (docker)"
        many.columns = many.columns.map { "\($0)-jdk-jammy" }
        try Data(HeatmapPNG.draw(many)).write(to: URL(fileURLWithPath: stem + "-many.png"))
        var hostile = sampleMap(rows: 4)
        hostile.rows = [String(repeating: "long-", count: 400), "🚀🔥 emoji team", "tab\tnew\nline\u{0}", "\u{202E}reversed"]
        hostile.cells.append(Heatmap.Cell(row: 0, column: 0, count: 123_456, severity: .unknown))
        try Data(HeatmapPNG.draw(hostile)).write(to: URL(fileURLWithPath: stem + "-hostile.png"))
    }
}

@Suite("Heat map delivery to Slack", .timeLimit(.minutes(3)))
struct HeatmapUploadTests {
    @Test func `the uploader shares exactly the drawn bytes in the channel with the title`() async throws {
        try await FakeSlack.withRunning(logger: quietLogger()) { slack in
            let webAPI = SlackWebAPIClient(baseURL: slack.apiBaseURL, token: SlackToken(slack.botToken), rateLimits: .unlimited, logger: quietLogger())
            let map = sampleMap()
            let file = try await SlackPictureUploader(webAPI: webAPI).post(map, channel: "C0PLATFORM", comment: "react across services")
            let shared = try await slack.sharedFiles.first { $0.id == file.id }
            #expect(shared.bytes == (try HeatmapPNG.draw(map)))
            #expect(shared.channelID == "C0PLATFORM")
            #expect(shared.title == "react (npm) · 2026-03-30")
            #expect(shared.filename == "heatmap-react-npm-2026-03-30.png")
            #expect(shared.initialComment == "react across services")
            #expect(shared.altText?.hasPrefix("Heat map of react (npm)") == true)
            #expect(slack.calls.elements.map(\.method) == ["files.getUploadURLExternal", "files.completeUploadExternal"])
        }
    }

    @Test func `a failed step surfaces Slack's error and shares nothing`() async throws {
        try await FakeSlack.withRunning(logger: quietLogger()) { slack in
            let webAPI = SlackWebAPIClient(baseURL: slack.apiBaseURL, token: SlackToken(slack.botToken), rateLimits: .unlimited, logger: quietLogger())
            slack.failNext("files.completeUploadExternal", with: .error("channel_not_found"))
            await #expect(throws: SlackAPIError(method: "files.completeUploadExternal", code: "channel_not_found")) {
                try await SlackPictureUploader(webAPI: webAPI).post(sampleMap(rows: 2), channel: "C0GONE")
            }
            #expect(slack.sharedFiles.elements.isEmpty)
        }
    }
}

private func quietLogger() -> Logger {
    var logger = Logger(label: "heatmap-tests")
    logger.logLevel = .critical
    return logger
}
