import ChatOps
import Testing

@Suite("Lexing command text from every transport")
struct CommandLexerTests {
    static let cases: [(text: String, tokens: [CommandToken])] = [
        ("playlist-api", [.word("playlist-api")]),
        ("  playlist-api \t --depth  3 ", [.word("playlist-api"), .word("--depth"), .word("3")]),
        ("\"playlist api\" x", [.quoted("playlist api"), .word("x")]),
        ("“curly quoted” text", [.quoted("curly quoted"), .word("text")]),
        ("‘single curly’", [.quoted("single curly")]),
        ("'straight single'", [.quoted("straight single")]),
        ("don’t stop", [.word("don’t"), .word("stop")]),
        ("name=\"two words\" next", [.word("name=two words"), .word("next")]),
        ("title=“Playlist API”", [.word("title=Playlist API")]),
        ("\"unclosed quote runs on", [.quoted("unclosed quote runs on")]),
        ("<@U043EGJKP|maria.gonzalez>", [.user(id: "U043EGJKP", label: "maria.gonzalez")]),
        ("<@U043EGJKP>", [.user(id: "U043EGJKP", label: nil)]),
        ("<#C024BE91L|squad-playback>", [.channel(id: "C024BE91L", label: "squad-playback")]),
        ("<#C024BE91L>", [.channel(id: "C024BE91L", label: nil)]),
        ("<https://runbooks.tempo.example/playlist-api|the runbook>", [.link(url: "https://runbooks.tempo.example/playlist-api", label: "the runbook")]),
        ("<https://grafana.tempo.example/d?a=1&amp;b=2>", [.link(url: "https://grafana.tempo.example/d?a=1&b=2", label: nil)]),
        ("<mailto:maria@tempo.example|maria@tempo.example>", [.link(url: "mailto:maria@tempo.example", label: "maria@tempo.example")]),
        ("<!here> help", [.word("@here"), .word("help")]),
        ("R&amp;D &lt;team&gt;", [.word("R&D"), .word("<team>")]),
        ("a &lt;b", [.word("a"), .word("<b")]),
        ("<not a sequence", [.word("<not"), .word("a"), .word("sequence")]),
        ("whois <@U01ZE7WCS|amara.okafor> --verbose", [.word("whois"), .user(id: "U01ZE7WCS", label: "amara.okafor"), .word("--verbose")]),
        ("playlist\u{00A0}api", [.word("playlist"), .word("api")]),
        ("", []),
    ]

    @Test("Slack-escaped and typed text lexes into tokens", arguments: cases)
    func lexes(_ example: (text: String, tokens: [CommandToken])) {
        #expect(CommandLexer.tokens(example.text) == example.tokens)
    }
}
