import Slack
import Testing

@Suite struct FormFieldsTests {
    @Test func `plus is a space and percent escapes are UTF-8 bytes`() throws {
        let form = try FormFields(decoding: Array("text=owner+playlist-api%20now&mark=%E2%9C%93&plus=1%2B1&slash=%2Fowner".utf8))
        #expect(form["text"] == "owner playlist-api now")
        #expect(form["mark"] == "✓")
        #expect(form["plus"] == "1+1")
        #expect(form["slash"] == "/owner")
    }

    @Test func `repeated keys keep every value in order`() throws {
        let form = try FormFields(decoding: Array("user=U1&user=U2&channel=C1&user=U3".utf8))
        #expect(form.values(named: "user") == ["U1", "U2", "U3"])
        #expect(form["user"] == "U1")
    }

    @Test func `empty pairs are skipped and bare names have empty values`() throws {
        let form = try FormFields(decoding: Array("&a=1&&flag&b=&=x".utf8))
        #expect(form.fields.map(\.name) == ["a", "flag", "b", ""])
        #expect(form["flag"] == "")
        #expect(form["b"] == "")
        #expect(form["=x"] == nil)
    }

    @Test(arguments: ["a=%", "a=%4", "a=%G1", "a=%zz&b=1", "a=%FF"])
    func `broken escapes and invalid UTF-8 are rejected`(body: String) {
        #expect(throws: SlackPayloadError.self) { try FormFields(decoding: Array(body.utf8)) }
    }

    @Test func `encoding round-trips through decoding`() throws {
        let original = FormFields(["text": "a b&c=d/é+%", "channel": "C1"])
        let encoded = original.encoded()
        #expect(!encoded.contains(" "))
        #expect(try FormFields(decoding: Array(encoded.utf8)) == original)
    }
}
