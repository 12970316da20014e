import BacklineServer
import Catalog
import ChatOps
import Slack
import Testing

@Suite("Slack rendering of replies")
struct SlackRenderingTests {
    @Test("long lists and long text stay within Block Kit limits and say what was left out")
    func limits() throws {
        let items = (0..<400).map { RichText.text("item number \($0) with a fairly long description to fill the section") }
        var blocks: [ReplyBlock] = [.header(String(repeating: "h", count: 300)), .list(title: "Many", items: items, more: 0)]
        blocks += (0..<60).map { _ in ReplyBlock.paragraph(.text(String(repeating: "p", count: 5000))) }
        blocks.append(.fields((0..<23).map { ReplyField("F\($0)", "v") }))
        let message = SlackReplyRenderer.render(Reply(summary: String(repeating: "s", count: 5000), blocks: blocks, data: .null))
        #expect(message.blocks.blockKitViolations().isEmpty, "\(message.blocks.blockKitViolations())")
        #expect(message.blocks.count == BlockKitLimits.blocksPerMessage)
        #expect(message.text.count <= BlockKitLimits.messageText)
        guard case .section(let text?, _) = message.blocks[1] else { Issue.record("expected the list section"); return }
        #expect(text.text.contains("more_"))
    }

    @Test("catalog text cannot mention or link anything; links and users use Slack's syntax")
    func escaping() {
        let reply = Reply(
            summary: "s",
            blocks: [.paragraph(RichText([.text("<!channel> & <@U1>"), .link(url: "https://x.example", label: "docs"), .user(id: "U0MARIA01"), .channel("C0123ABCDE")]))],
            data: .null)
        guard case .section(let text?, _) = SlackReplyRenderer.render(reply).blocks.first else { Issue.record("expected a section"); return }
        #expect(text.text == "&lt;!channel&gt; &amp; &lt;@U1&gt;<https://x.example|docs><@U0MARIA01><#C0123ABCDE>")
    }
}
