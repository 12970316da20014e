import Catalog
import ChatOps
import Testing

@Suite("Plain text and JSON rendering")
struct RenderingTests {
    private let reply = Reply(
        summary: "summary",
        blocks: [
            .header("Title"),
            .paragraph("Owned by \(bold: "Playlists")"),
            .fields([ReplyField("Owner", "Playlists"), ReplyField("Lifecycle", "production")]),
            .list(title: "Links", items: [.link("https://a.example", "A"), "plain"], more: 3),
            .context(RichText([.user(id: "U1"), .text(" in "), .channel("#squad")])),
        ],
        data: .object(["b": .number(1), "a": .array([.bool(true), .null])]))

    @Test("plain text aligns fields, bullets lists and counts what was left out")
    func plainText() {
        #expect(PlainTextRenderer.render(reply) == """
            Title
            Owned by Playlists
              Owner:     Playlists
              Lifecycle: production
            Links:
              • A (https://a.example)
              • plain
              … and 3 more
            @U1 in #squad

            """)
    }

    @Test("JSON output has sorted keys and keeps integers as integers")
    func json() throws {
        #expect(try JSONRenderer.render(reply) == "{\n  \"a\" : [\n    true,\n    null\n  ],\n  \"b\" : 1\n}\n")
    }
}
