import Foundation
import Slack
import Testing

/// The direct writer must send Slack exactly the bytes `JSONEncoder` did: same keys, same order,
/// same escapes. Each case compares the two on one message.
@Suite struct SlackMessageJSONTests {
    /// Text with every character class a JSON string treats specially, and some that it must not.
    static let awkwardTexts: [String] = [
        "",
        "plain",
        "quote \" backslash \\ slash / done",
        String((0..<0x20).map { Character(UnicodeScalar(UInt8($0))) }) + "\u{7F}",
        "<@U123|someone> &amp; <https://example.com/a?b=c&d=e|link> *bold* `code`",
        "naïve café — “quotes” 日本語 🎧🏳️‍🌈 \u{2028}\u{2029}",
        "line one\nline two\r\n\ttabbed",
    ]

    static let messages: [SlackMessage] = {
        var messages: [SlackMessage] = [
            SlackMessage(text: "only text"),
            SlackMessage(responseType: .ephemeral, text: "Working on /owner playlist-api…"),
            SlackMessage(responseType: .inChannel, text: "replace", blocks: [.divider], replaceOriginal: true),
            SlackMessage(text: "no replace", replaceOriginal: false),
            SlackMessage(
                responseType: .ephemeral, text: "Playlist API is owned by Playlists",
                blocks: [
                    .header(.plain("Playlist API (Component)")),
                    .section(text: .markdown("Stores and serves playlists.")),
                    .section(text: nil, fields: [.markdown("*Owner*\n*Playlists* (`group:default/playlists`)"), .markdown("*Channel*\n<#C0PLAYLISTS>")]),
                    .section(text: .markdown("both"), fields: [.plain("a")]),
                    .context([.markdown("`component:default/playlist-api` · defined in config/catalog/components/playlist-api/catalog-info.yaml:1")]),
                    .divider,
                    .actions(blockID: "more", elements: [
                        Button(text: "Next page", actionID: "backline.run.1", value: "/search play --page 2"),
                        Button(text: "Docs", actionID: "backline.link", url: "https://docs.example.com/playlist-api/"),
                        Button(text: "Both", actionID: "b", value: "v", url: "https://x.example/"),
                        Button(text: "Neither", actionID: "n"),
                    ]),
                    .actions(blockID: nil, elements: []),
                ]),
        ]
        for text in awkwardTexts {
            messages.append(SlackMessage(
                responseType: .ephemeral, text: text,
                blocks: [
                    .header(.plain(text)), .section(text: .markdown(text), fields: [.plain(text)]), .context([.markdown(text)]),
                    .actions(blockID: text, elements: [Button(text: text, actionID: text, value: text, url: text)]),
                ]))
        }
        return messages
    }()

    @Test(arguments: messages)
    func `the direct writer produces JSONEncoder's bytes`(message: SlackMessage) throws {
        let encoded = try SlackJSON.encode(message)
        #expect(String(decoding: message.jsonBytes, as: UTF8.self) == String(decoding: encoded, as: UTF8.self))
    }

    @Test func `what it writes reads back as the same message`() throws {
        for message in Self.messages {
            #expect(try JSONDecoder().decode(SlackMessage.self, from: Data(message.jsonBytes)) == message)
        }
    }
}
