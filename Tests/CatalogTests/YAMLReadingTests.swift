import Foundation
import Testing
@testable import Catalog

@Suite("Reading catalog files")
struct YAMLReadingTests {
    @Test("a file holds many documents; empty ones are skipped")
    func multiDocument() {
        let file = parse("""
            ---
            \(component("a"))
            ---
            ---
            \(component("b"))
            ---
            """)
        #expect(file.problems.isEmpty)
        #expect(file.entities.map(\.entity.metadata.name) == ["a", "b"])
        #expect(file.entities.map(\.document) == [1, 3])
    }

    @Test("a YAML syntax error makes the whole file unreadable, with the line")
    func syntaxError() throws {
        let file = parse("apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: [unclosed\nspec: {}\n")
        #expect(file.isUnreadable)
        let problem = try #require(file.problems.first)
        #expect(problem.rule == "yaml-syntax")
        #expect(problem.line != nil)
        #expect(problem.message.hasPrefix("Failed to parse YAML"))
    }

    @Test("duplicate keys are a syntax error")
    func duplicateKeys() {
        let file = parse("apiVersion: backstage.io/v1alpha1\nkind: Component\nkind: API\nmetadata: {name: x}\n")
        #expect(file.errorRules == ["yaml-syntax"])
    }

    @Test("an invalid document does not stop the valid ones in the same file")
    func invalidDocumentIsIsolated() {
        let file = parse("\(component("good"))\n---\n\(component("Bad Name"))\n---\n\(component("also-good"))")
        #expect(file.entities.map(\.entity.metadata.name) == ["good", "also-good"])
        #expect(file.errorRules == ["entity-name"])
    }

    @Test("$text, $json and $yaml read files next to the descriptor")
    func placeholders() throws {
        let directory = try TemporaryDirectory()
        try directory.write("openapi.yaml", "openapi: 3.0.0\ninfo: {title: Playlist}\n")
        try directory.write("extra.json", #"{"retries": 3, "zones": ["eu", "us"]}"#)
        try directory.write("nested/more.yaml", "owner: squad\nnotes: {$text: ./notes.txt}\n")
        try directory.write("nested/notes.txt", "hello")
        let file = parse("""
            apiVersion: backstage.io/v1alpha1
            kind: API
            metadata: {name: playlist}
            spec:
              type: openapi
              lifecycle: production
              owner: playlists
              definition: {$text: ./openapi.yaml}
              extra: {$json: ./extra.json}
              more: {$yaml: nested/more.yaml}
            """, directory: directory.url)
        #expect(file.problems.isEmpty, "\(file.problems)")
        let spec = try #require(file.entities.first).entity.spec
        #expect(spec["definition"] == .string("openapi: 3.0.0\ninfo: {title: Playlist}\n"))
        #expect(spec["extra"] == .object(["retries": .number(3), "zones": .array(["eu", "us"])]))
        #expect(spec["more"] == .object(["owner": "squad", "notes": "hello"]))
    }

    @Test("a remote placeholder is a warning on its field and the entity is kept")
    func remotePlaceholder() throws {
        let file = parse("""
            apiVersion: backstage.io/v1alpha1
            kind: API
            metadata: {name: playlist}
            spec:
              type: openapi
              lifecycle: production
              owner: playlists
              definition:
                $text: https://github.com/acme/playlist/blob/main/openapi.yaml
            """)
        #expect(file.entities.count == 1)
        let problem = try #require(file.problems.first)
        #expect(problem.severity == .warning)
        #expect(problem.field == "spec.definition")
        #expect(problem.line == 8)
        #expect(file.entities[0].entity.spec["definition"] == .string("https://github.com/acme/playlist/blob/main/openapi.yaml"))
    }

    @Test("a missing placeholder file is an error and the entity is not stored")
    func missingPlaceholderFile() {
        let file = parse("apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata: {name: p}\nspec: {type: openapi, lifecycle: production, owner: a, definition: {$text: ./nope.yaml}}",
                         directory: FileManager.default.temporaryDirectory.appendingPathComponent("does-not-exist"))
        #expect(file.entities.isEmpty)
        #expect(file.errorRules == ["placeholder"])
        #expect(file.refsOfInvalidDocuments == [EntityRef(kind: "api", name: "p")])
    }

    @Test("YAML 1.2 scalars keep their types: unquoted true is not a string")
    func scalarTypes() throws {
        let file = parse(component(metadata: "annotations: {example.com/a: 'true', example.com/b: yes}", spec: "replicas: 3\nratio: 0.5\nenabled: true\nnothing: null"))
        #expect(file.entities.count == 1, "yes is a plain string in YAML 1.2: \(file.problems)")
        let spec = try #require(file.entities.first).entity.spec
        #expect(spec["replicas"] == .number(3))
        #expect(spec["ratio"] == .number(0.5))
        #expect(spec["enabled"] == .bool(true))
        #expect(spec["nothing"] == .null)
    }
}
