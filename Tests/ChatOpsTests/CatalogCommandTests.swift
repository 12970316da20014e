import Catalog
import ChatOps
import Testing

@Suite("The catalog commands on the Tempo demo catalog", .timeLimit(.minutes(3)))
struct CatalogCommandTests {
    @Test("/whois with a Slack mention answers about the person, their teams and what they own")
    func whoisPerson() async throws {
        let store = try await DemoCatalog.store()
        let reply = try await DemoCatalog.ask("/whois <@U043EGJKP|maria>", store: store)
        #expect(reply.data["kind"] == "user")
        #expect(reply.data["subject"]?["displayName"] == "María González")
        #expect(reply.data["subject"]?["description"] == "Engineering Manager, Playback")
        #expect(reply.data["teams"]?.arrayValue?.compactMap { $0["ref"]?.stringValue } == ["group:default/playback"])
        let components = reply.data["owns"]?["component"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
        #expect(components.contains("playback-service"))
        #expect(PlainTextRenderer.render(reply).contains("Engineering Manager, Playback"))
    }

    @Test("/whois with no argument answers about the caller")
    func whoisMe() async throws {
        let store = try await DemoCatalog.store()
        let reply = try await DemoCatalog.ask("/whois", store: store, caller: Caller(userID: "U043EGJKP"))
        #expect(reply.data["subject"]?["ref"] == "user:default/maria.gonzalez")
    }

    @Test("/whois on a team lists members, channel, parent and what it owns by kind")
    func whoisTeam() async throws {
        let store = try await DemoCatalog.store()
        let reply = try await DemoCatalog.ask("/whois playlists", store: store)
        #expect(reply.data["kind"] == "group")
        #expect(reply.data["subject"]?["channel"] == "#squad-playlists")
        #expect(reply.data["parent"]?["ref"] == "group:default/listening-experience")
        #expect((reply.data["members"]?.arrayValue?.count ?? 0) > 0)
        #expect(reply.data["owns"]?["component"]?.arrayValue?.contains { $0["name"] == "playlist-api" } == true)
        #expect(reply.data["findings"]?.arrayValue == [])
    }

    @Test("/whois finds a team by the channel it announces, escaped or typed", arguments: ["<#C0123ABCD|squad-playlists>", "\"#squad-playlists\""])
    func whoisChannel(_ text: String) async throws {
        let store = try await DemoCatalog.store()
        let reply = try await DemoCatalog.ask("/whois \(text)", store: store)
        #expect(reply.data["subject"]?["ref"] == "group:default/playlists")
    }

    @Test("/whois on a team with no members and no channel says so and records both findings")
    func whoisBrokenTeam() async throws {
        let store = try await DemoCatalog.store()
        let reply = try await DemoCatalog.ask("/whois guild-sre", store: store)
        let kinds = reply.data["findings"]?.arrayValue?.compactMap { $0["kind"]?.stringValue }
        #expect(kinds == ["teamWithoutMembers", "teamWithoutChannel"])
        #expect(PlainTextRenderer.render(reply).contains("⚠️ The team group:guild-sre has no members in the catalog."))
        let recorded = try await store.findings(ownedBy: EntityRef(kind: "group", name: "guild-sre"))
        #expect(recorded.map(\.finding.kind) .sorted { $0.rawValue < $1.rawValue } == [.teamWithoutChannel, .teamWithoutMembers])
        #expect(recorded.first?.firstSeen == DemoCatalog.fixedNow)
    }

    @Test("/whois on a component explains what it answers about")
    func whoisWrongKind() async throws {
        let store = try await DemoCatalog.store()
        let reply = try await DemoCatalog.ask("/whois playlist-api", store: store)
        #expect(reply.data["error"]?["kind"] == "usage")
    }

    @Test("/search ranks by name, filters by kind and pages with a more button")
    func search() async throws {
        let store = try await DemoCatalog.store()
        let reply = try await DemoCatalog.ask("/search playlist", store: store)
        let refs = reply.data["results"]?.arrayValue?.compactMap { $0["ref"]?.stringValue } ?? []
        #expect(refs.first?.contains("playlist") == true)
        let apis = try await DemoCatalog.ask("/search playlist kind:api", store: store)
        #expect(apis.data["results"]?.arrayValue?.allSatisfy { $0["kind"] == "api" } == true)
        #expect(apis.data["kinds"] == .array(["api"]))

        let all = try await DemoCatalog.ask("/search tempo", store: store)
        let total = Int(all.data["total"]?.numberValue ?? 0)
        #expect(total > SearchCommand.pageSize)
        #expect(all.blocks.contains(.actions([ReplyAction(label: "More results", commandLine: "/search tempo --page 2")])))
        let second = try await DemoCatalog.ask("/search tempo --page 2", store: store)
        #expect(second.data["page"] == .number(2))
        #expect(Set(refsOf(second)).isDisjoint(with: refsOf(all)))
    }

    @Test("/search finds people by display name and e-mail")
    func searchPeople() async throws {
        let store = try await DemoCatalog.store()
        let reply = try await DemoCatalog.ask("/search María kind:people", store: store)
        #expect(refsOf(reply) == ["user:default/maria.gonzalez"])
    }

    @Test("/deps follows dependsOn transitively with owners")
    func deps() async throws {
        let store = try await DemoCatalog.store()
        let one = try await DemoCatalog.ask("/deps playlist-api", store: store)
        let direct = one.data["nodes"]?.arrayValue?.compactMap { $0["entity"]?["ref"]?.stringValue }
        #expect(direct == ["component:default/track-metadata-service", "resource:default/playlist-db"])
        let deeper = try await DemoCatalog.ask("/deps playlist-api --depth 3", store: store)
        let nodes = deeper.data["nodes"]?.arrayValue ?? []
        #expect(nodes.contains { $0["entity"]?["ref"] == "resource:default/catalog-db" && $0["depth"] == .number(2) })
        #expect(nodes.allSatisfy { $0["entity"]?["owner"] != nil })
    }

    @Test("/deps --reverse lists what depends on an entity")
    func depsReverse() async throws {
        let store = try await DemoCatalog.store()
        let reply = try await DemoCatalog.ask("/deps track-metadata-service --reverse", store: store)
        let refs = reply.data["nodes"]?.arrayValue?.compactMap { $0["entity"]?["ref"]?.stringValue } ?? []
        #expect(refs.contains("component:default/playlist-api"))
        #expect(refs.contains("component:default/search-indexer"))
        #expect(reply.data["direction"] == "dependencyOf")
    }

    @Test("/deps reports a dependency on a missing entity in one line and records it")
    func depsMissing() async throws {
        let store = try await DemoCatalog.store()
        let reply = try await DemoCatalog.ask("/deps search-indexer", store: store)
        #expect(reply.data["findings"]?.arrayValue?.first?["subject"] == "component:default/lyrics-service")
        #expect(PlainTextRenderer.render(reply).contains("⚠️ component:search-indexer depends on component:lyrics-service, which is not in the catalog."))
        let recorded = try await store.findings()
        #expect(recorded.map(\.finding.kind) == [.missingDependency])
    }

    @Test("/deps handles cycles")
    func depsCycle() async throws {
        let component = { (name: String, dependsOn: String) in
            """
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata: {name: \(name)}
            spec: {type: service, lifecycle: production, owner: team-x, dependsOn: [\(dependsOn)]}
            """
        }
        let store = try await DemoCatalog.store(yaml: [component("a", "component:b"), component("b", "component:c"), component("c", "component:a")].joined(separator: "\n---\n"))
        let reply = try await DemoCatalog.ask("/deps a --depth 5", store: store)
        #expect(reply.data["nodes"]?.arrayValue?.count == 2)
        #expect(reply.data["cycles"] == .array([.object(["from": "component:default/c", "to": "component:default/a"])]))
    }

    @Test("/apis lists a component's provided and consumed APIs, and an API's providers and consumers")
    func apis() async throws {
        let store = try await DemoCatalog.store()
        let component = try await DemoCatalog.ask("/apis playlist-api", store: store)
        #expect(component.data["provides"]?.arrayValue?.compactMap { $0["ref"]?.stringValue } == ["api:default/playlist"])
        #expect(component.data["consumes"]?.arrayValue?.count == 2)
        let api = try await DemoCatalog.ask("/apis api:playlist", store: store)
        #expect(api.data["providers"]?.arrayValue?.compactMap { $0["ref"]?.stringValue } == ["component:default/playlist-api"])
    }

    @Test("/docs gives the TechDocs location and documentation links")
    func docs() async throws {
        let store = try await DemoCatalog.store()
        let reply = try await DemoCatalog.ask("/docs playlist-api", store: store)
        #expect(reply.data["techdocs"]?["techdocsRef"] == "dir:.")
        #expect(reply.data["techdocs"]?["url"] == "https://github.com/tempo-music/playlist-api/")
        #expect(reply.data["docLinks"]?.arrayValue?.first?["title"] == "Runbook")
    }

    @Test("An ambiguous name lists the candidates")
    func ambiguous() async throws {
        let store = try await DemoCatalog.store()
        let reply = try await DemoCatalog.ask("/apis user-profile", store: store)
        #expect(reply.data["status"] == "ambiguous")
        #expect(reply.data["matches"]?.arrayValue?.count == 2)
    }

    @Test("/owner records a missing owner as a finding")
    func ownerFinding() async throws {
        let store = try await DemoCatalog.store()
        _ = try await DemoCatalog.ask("/owner radio-station-service", store: store)
        let recorded = try await store.findings()
        #expect(recorded.map(\.finding.kind) == [.missingOwner])
        #expect(recorded.first?.finding.subject == EntityRef(kind: "group", name: "team-legacy-radio"))
    }

    @Test("The umbrella form answers like the command itself")
    func umbrella() async throws {
        let store = try await DemoCatalog.store()
        let direct = try await DemoCatalog.ask("/owner playlist-api", store: store)
        let umbrella = try await DemoCatalog.ask("/backline owner playlist-api", store: store)
        #expect(direct == umbrella)
    }

    private func refsOf(_ reply: Reply) -> [String] {
        reply.data["results"]?.arrayValue?.compactMap { $0["ref"]?.stringValue } ?? []
    }
}

extension JSONValue {
    var numberValue: Double? {
        if case .number(let number) = self { return number }
        return nil
    }
}
