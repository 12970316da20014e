import Foundation
import Testing
@testable import Catalog

@Suite("Entity references")
struct EntityRefTests {
    @Test("parses every form of the ref grammar", arguments: [
        ("component:default/playlist-api", nil, "default", "component", "default", "playlist-api"),
        ("component:playlist-api", nil, "default", "component", "default", "playlist-api"),
        ("playlist-api", "group", "default", "group", "default", "playlist-api"),
        ("other/team-a", "group", "default", "group", "other", "team-a"),
        ("team-a", "group", "alternative", "group", "alternative", "team-a"),
        ("a:b/c/d", nil, "default", "a", "b", "c/d"),
        ("a:b:c", nil, "default", "a", "default", "b:c"),
        ("ns/name:with-colon", "component", "default", "component", "ns", "name:with-colon"),
        ("Component:Default/Playlist-API", nil, "default", "component", "default", "playlist-api"),
    ] as [(String, String?, String, String, String, String)])
    func parses(_ text: String, _ defaultKind: String?, _ defaultNamespace: String, _ kind: String, _ namespace: String, _ name: String) throws {
        let ref = try EntityRef(parsing: text, defaultKind: defaultKind, defaultNamespace: defaultNamespace)
        #expect(ref.kind == kind)
        #expect(ref.namespace == namespace)
        #expect(ref.name == name)
    }

    @Test("rejects empty parts", arguments: ["", ":c", "a:", "/c", "b/", "a:/c", "a:b/"])
    func rejectsEmptyParts(_ text: String) {
        #expect(throws: EntityRefError.self) { try EntityRef(parsing: text, defaultKind: "component") }
    }

    @Test("a ref without a kind is an error when the field has no default kind")
    func missingKindWithoutDefault() {
        let error = #expect(throws: EntityRefError.self) { try EntityRef(parsing: "playlists-db") }
        #expect(error?.reason.contains("had missing or empty kind") == true)
    }

    @Test("refs compare case-insensitively and print lower-case")
    func canonicalForm() throws {
        let a = try EntityRef(parsing: "Component:Default/Playlist-API")
        let b = EntityRef(kind: "component", namespace: "default", name: "playlist-api")
        #expect(a == b)
        #expect(a.description == "component:default/playlist-api")
        #expect(a.shortDescription == "component:playlist-api")
        #expect(EntityRef(kind: "api", namespace: "ops", name: "x").shortDescription == "api:ops/x")
    }

    @Test("the compound object form resolves with the field's defaults")
    func compoundForm() throws {
        let ref = try EntityRef(value: .object(["name": "team-a"]), defaultKind: "group", defaultNamespace: "alt")
        #expect(ref.description == "group:alt/team-a")
        #expect(throws: EntityRefError.self) {
            try EntityRef(value: .object(["kind": "", "name": "x"]), defaultKind: "group", defaultNamespace: "default")
        }
    }
}
