import Catalog
import ChatOps
import Foundation
import Testing

@Suite("/owner", .timeLimit(.minutes(3)))
struct OwnerCommandTests {
    @Test("names the owning team, its channel, its tribe, the system and domain, docs and source")
    func found() async throws {
        let store = try await TestCatalog.store()
        let reply = try await TestCatalog.ask("/owner playlist-api", store: store)
        #expect(reply.summary == "playlist-api is owned by Playlists")
        #expect(reply.data["status"] == "found")
        let match = try #require(reply.data["matches"]?.arrayValue?.first)
        #expect(match["entity"]?["ref"] == "component:default/playlist-api")
        #expect(match["owner"]?["ref"] == "group:default/playlists")
        #expect(match["owner"]?["title"] == "Playlists")
        #expect(match["owner"]?["channel"] == "#squad-playlists")
        #expect(match["owner"]?["email"] == "playlists@tempo.example")
        #expect(match["owner"]?["parent"]?["ref"] == "group:default/listening")
        #expect(match["system"]?["ref"] == "system:default/playlist-management")
        #expect(match["domain"]?["title"] == "Listening")
        #expect(match["lifecycle"] == "production")
        #expect(match["tier"] == "1")
        #expect(match["docs"]?["techdocsRef"] == "dir:./docs-site")
        #expect(match["docs"]?["url"] == "https://github.com/tempo-music/playlist-api/docs-site")
        #expect(match["source"]?["url"] == "https://github.com/tempo-music/playlist-api/")
        #expect(match["findings"] == .array([]))

        let text = PlainTextRenderer.render(reply)
        #expect(text.contains("Owner:     Playlists (group:default/playlists)"))
        #expect(text.contains("Channel:   #squad-playlists"))
        #expect(text.contains("Part of:   Listening Experience"))
    }

    @Test("matches names case-insensitively and accepts refs", arguments: [
        "PLAYLIST-API", "component:playlist-api", "Component:Default/Playlist-API", "default/playlist-api",
    ])
    func nameForms(_ query: String) async throws {
        let store = try await TestCatalog.store()
        let reply = try await TestCatalog.ask("/owner \(query)", store: store)
        #expect(reply.data["status"] == "found")
        #expect(reply.data["matches"]?.arrayValue?.first?["entity"]?["ref"] == "component:default/playlist-api")
    }

    @Test("an alias runs the same command")
    func alias() async throws {
        let reply = try await TestCatalog.ask("/who-owns playlist-api", store: try await TestCatalog.store())
        #expect(reply.data["status"] == "found")
    }

    @Test("a name shared by a Component and an API lists each match with its owner")
    func ambiguous() async throws {
        let reply = try await TestCatalog.ask("/owner user-profile", store: try await TestCatalog.store())
        #expect(reply.data["status"] == "ambiguous")
        let refs = reply.data["matches"]?.arrayValue?.compactMap { $0["entity"]?["ref"]?.stringValue }
        #expect(refs == ["api:default/user-profile", "component:default/user-profile"])
        let text = PlainTextRenderer.render(reply)
        #expect(text.contains("2 entities are named user-profile"))
        #expect(text.contains("api:default/user-profile owned by Identity (group:default/identity)"))
        #expect(text.contains("/owner api:user-profile"))
    }

    @Test("an unknown name answers not found with up to three suggestions")
    func notFound() async throws {
        let reply = try await TestCatalog.ask("/owner playlst-api", store: try await TestCatalog.store())
        #expect(reply.data["status"] == "notFound")
        #expect(reply.data["suggestions"] == .array(["component:default/playlist-api"]))
        #expect(reply.summary == "Nothing is named playlst-api. Did you mean component:playlist-api?")
        let nothing = try await TestCatalog.ask("/owner zzzzzzzz", store: try await TestCatalog.store())
        #expect(nothing.data["suggestions"] == .array([]))
    }

    @Test("a kind that does not match is not found even when the name exists")
    func wrongKind() async throws {
        let reply = try await TestCatalog.ask("/owner system:playlist-api", store: try await TestCatalog.store())
        #expect(reply.data["status"] == "notFound")
    }

    @Test("broken ownership is said in one line")
    func findings() async throws {
        let store = try await TestCatalog.store()
        let orphan = try await TestCatalog.ask("/owner radio-station-service", store: store)
        let match = try #require(orphan.data["matches"]?.arrayValue?.first)
        #expect(match["owner"]?["exists"] == .bool(false))
        #expect(match["findings"] == .array(["The owner group:default/team-legacy-radio is not in the catalog."]))
        #expect(PlainTextRenderer.render(orphan).contains("group:default/team-legacy-radio (not in the catalog)"))

        let quiet = try await TestCatalog.ask("/owner quiet-service", store: store)
        #expect(quiet.data["matches"]?.arrayValue?.first?["findings"] == .array(["The owning team group:default/silent has no chat channel (annotation slack.com/bot-notify)."]))
    }

    @Test("works for entities of every kind, not only components")
    func otherKinds() async throws {
        let store = try await TestCatalog.store()
        let system = try await TestCatalog.ask("/owner playlist-management", store: store)
        #expect(system.data["matches"]?.arrayValue?.first?["owner"]?["ref"] == "group:default/playlists")
        #expect(system.data["matches"]?.arrayValue?.first?["domain"]?["ref"] == "domain:default/listening")
        let group = try await TestCatalog.ask("/owner maria.gonzalez", store: store)
        #expect(group.data["status"] == "found")
        #expect(group.data["matches"]?.arrayValue?.first?["owner"] == .null || group.data["matches"]?.arrayValue?.first?["owner"] == nil)
    }

    @Test("usage errors show the usage line", arguments: ["/owner", "/owner two words", "/owner component:"])
    func usageErrors(_ line: String) async throws {
        let reply = try await TestCatalog.ask(line, store: try await TestCatalog.store())
        #expect(reply.data["error"]?["kind"] == "usage")
        #expect(reply.summary.hasSuffix("Usage: /owner NAME"))
        #expect(reply.visibility == .ephemeral)
    }
}
