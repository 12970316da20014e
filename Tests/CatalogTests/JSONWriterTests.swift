import Foundation
import Testing
@testable import Catalog

@Suite("Entity bodies")
struct JSONWriterTests {
    @Test("the stored body decodes back to the same entity, whatever its text holds")
    func roundTrip() throws {
        let entity = Entity(
            apiVersion: "backstage.io/v1alpha1", kind: "Component",
            metadata: EntityMetadata(
                name: "playlist-api", namespace: "music", title: "Playlist \"API\" \\ é 🎵", description: "line one\nline\ttwo \u{01}",
                labels: ["a": "b"], annotations: ["backstage.io/techdocs-ref": "dir:./docs/"], tags: ["java", "c++"],
                links: [EntityLink(url: "https://x.example/a?b=c&d", title: "Dash"), EntityLink(url: "mailto:a@b.c")]),
            spec: .object([
                "type": "service", "replicas": .number(3), "ratio": .number(0.25), "big": .number(1e20), "on": .bool(true),
                "nothing": .null, "list": .array([.string("x"), .object(["k": .number(-7)])]),
            ]))
        let body = entity.jsonBody
        let decoded = try JSONDecoder().decode(Entity.self, from: Data(body.utf8))
        #expect(decoded == entity)
        #expect(body.hasPrefix(#"{"apiVersion":"backstage.io/v1alpha1","kind":"Component","metadata":{"annotations""#))
        #expect(entity.jsonBody == body)
    }
}

@Suite("Reading JSON")
struct JSONReaderTests {
    @Test("parses what JSON allows", arguments: [
        (#"{"a": [1, -2.5e3, true, false, null], "b": {"c": "d"}}"#, JSONValue.object(["a": .array([.number(1), .number(-2500), .bool(true), .bool(false), .null]), "b": .object(["c": "d"])])),
        (#""esc\"aped\\ \n \t \u00e9 \ud83c\udfb5 \/""#, .string("esc\"aped\\ \n \t é 🎵 /")),
        ("  []  ", .array([])),
        ("{}", .object([:])),
    ])
    func valid(_ text: String, _ expected: JSONValue) throws {
        #expect(try JSONValue(parsingJSON: text) == expected)
    }

    @Test("rejects what JSON does not allow", arguments: [#"{"a" 1}"#, "[1,", #""open"#, "tru", "{} x", ""])
    func invalid(_ text: String) {
        #expect(throws: (any Error).self) { try JSONValue(parsingJSON: text) }
    }
}
