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

    @Test("Mattermost markdown: bold, code, links, @users, ~channels, escaped catalog text")
    func mattermost() throws {
        let reply = Reply(
            visibility: .inChannel, summary: "x",
            blocks: [
                .header("Playlists"),
                .fields([ReplyField("Channel", RichText([.channel("#squad-playlists")]))]),
                .list(title: "Members", items: [RichText([.bold("María"), .text(" "), .user(id: "maria.gonzalez")])], more: 2),
                .paragraph(RichText([.link(url: "https://runbooks.tempo.example/x", label: "Runbook"), .text(" *not bold* @channel")])),
                .actions([ReplyAction(label: "More", commandLine: "/search x --page 2")]),
            ],
            data: .null)
        let response = MattermostReplyRenderer.render(reply)
        #expect(response.responseType == "in_channel")
        #expect(response.text == """
            #### Playlists

            **Channel:** ~squad-playlists

            **Members**
            - **María** @maria.gonzalez
            - _and 2 more_

            [Runbook](https://runbooks.tempo.example/x) \\*not bold\\* \\@channel

            More: `/search x --page 2`
            """)
        #expect(try MattermostReplyRenderer.json(reply).hasPrefix("{\"response_type\":\"in_channel\""))
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
        let router = try CommandSet.router(commandsDirectory: root.appendingPathComponent("commands"))
        #expect(router.specs.count == 9)
    }
}
