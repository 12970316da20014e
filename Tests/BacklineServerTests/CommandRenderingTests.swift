import BacklineServer
import Catalog
import ChatOps
import Foundation
import Slack
import Testing

@Suite("Rendering command answers for Slack and Mattermost")
struct CommandRenderingTests {
    let paged = Reply(
        summary: "87 results for tempo",
        blocks: [
            .header("87 results for tempo"),
            .list(title: nil, items: ["\(code: "group:artist-tools") \(bold: "Artist Tools")"], more: 86),
            .actions([ReplyAction(label: "More results", commandLine: "/search tempo --page 2")]),
        ],
        data: .null)

    @Test("A paging action becomes a Slack button whose value is the next page's command line")
    func slackMoreButton() throws {
        let message = SlackReplyRenderer.render(paged)
        #expect(message.blocks.last == .actions(blockID: nil, elements: [
            Button(text: "More results", actionID: "\(SlackReplyRenderer.runCommandActionID).0", value: "/search tempo --page 2"),
        ]))
        guard case .section(let text, _)? = message.blocks.dropFirst().first else { Issue.record("no list section"); return }
        #expect(text?.text.hasSuffix("_and 86 more_") == true)
    }

    @Test("Mattermost shows a paging action as the command to type")
    func mattermostAction() {
        #expect(MattermostMarkdownRenderer.render(paged).hasSuffix("More results: `/search tempo --page 2`"))
    }

    @Test("The app manifest's slash commands come from the specs, with aliases and the umbrella")
    func manifest() throws {
        let specs = [
            CommandSpec(name: "owner", aliases: ["who-owns"], summary: "Who owns it", usage: "/owner NAME", handler: "owner"),
            CommandSpec(name: "help", summary: "Help", usage: "/help", handler: "help"),
        ]
        let entries = SlashCommandManifest.entries(for: specs, url: "https://backline.example/slack/commands")
        #expect(entries.map(\.command) == ["/help", "/owner", "/who-owns", "/backline"])
        #expect(entries[1].usageHint == "NAME")
        #expect(entries[0].usageHint == nil)
        #expect(entries.allSatisfy { $0.shouldEscape })
        let yaml = SlashCommandManifest.yaml(entries)
        #expect(yaml.hasPrefix("features:\n  slash_commands:\n    - command: \"/help\"\n      url: \"https://backline.example/slack/commands\"\n"))
        let json = try SlashCommandManifest.json(SlashCommandManifest.entries(for: specs, url: nil, includeUmbrella: false))
        let decoded = try JSONDecoder().decode([String: [String: [SlashCommandManifest.Entry]]].self, from: Data(json.utf8))
        #expect(decoded["features"]?["slash_commands"]?.map(\.command) == ["/help", "/owner", "/who-owns"])
    }

    @Test("The shipped commands/ directory builds a router with every built-in handler")
    func shippedCommandSet() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let directory = root.appendingPathComponent("commands")
        let router = try CommandSet.router(commandsDirectory: directory)
        // One spec per file, whatever the directory holds today.
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".yaml") }
        #expect(!files.isEmpty)
        #expect(Set(router.specs.map { "\($0.name).yaml" }) == Set(files))
    }
}
