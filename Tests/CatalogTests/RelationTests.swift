import Foundation
import Testing
@testable import Catalog

@Suite("Relations generated from spec fields")
struct RelationTests {
    private func relations(_ yaml: String) throws -> Set<String> {
        let file = parse(yaml)
        #expect(file.problems.isEmpty, "\(file.problems)")
        return Set(try #require(file.entities.first).relations.map { "\($0.source) \($0.type.rawValue) \($0.target)" })
    }

    @Test("a component's owner, system, parent component, APIs and dependencies, both directions")
    func componentRelations() throws {
        let found = try relations(component(spec: """
            system: audio
            subcomponentOf: player
            providesApis: [playlist]
            consumesApis: [ops/tracks]
            dependsOn: ['resource:playlist-db']
            dependencyOf: ['component:web']
            """))
        let c = "component:default/playlist-api"
        #expect(found == [
            "\(c) ownedBy group:default/playlists", "group:default/playlists ownerOf \(c)",
            "\(c) partOf system:default/audio", "system:default/audio hasPart \(c)",
            "\(c) partOf component:default/player", "component:default/player hasPart \(c)",
            "\(c) providesApi api:default/playlist", "api:default/playlist apiProvidedBy \(c)",
            "\(c) consumesApi api:ops/tracks", "api:ops/tracks apiConsumedBy \(c)",
            "\(c) dependsOn resource:default/playlist-db", "resource:default/playlist-db dependencyOf \(c)",
            "\(c) dependencyOf component:default/web", "component:default/web dependsOn \(c)",
        ])
    }

    @Test("refs default to the referring entity's namespace")
    func namespaceDefault() throws {
        let found = try relations(component(metadata: "namespace: alternative", spec: "system: default/audio"))
        #expect(found.contains("component:alternative/playlist-api ownedBy group:alternative/playlists"))
        #expect(found.contains("component:alternative/playlist-api partOf system:default/audio"))
    }

    @Test("groups: parent, children and members")
    func groupRelations() throws {
        let found = try relations("""
            apiVersion: backstage.io/v1alpha1
            kind: Group
            metadata: {name: tribe}
            spec: {type: tribe, parent: org, children: [squad], members: [jenny]}
            """)
        #expect(found == [
            "group:default/tribe childOf group:default/org", "group:default/org parentOf group:default/tribe",
            "group:default/tribe parentOf group:default/squad", "group:default/squad childOf group:default/tribe",
            "group:default/tribe hasMember user:default/jenny", "user:default/jenny memberOf group:default/tribe",
        ])
    }

    @Test("users, systems, domains with subdomainOf, resources, APIs and templates")
    func otherKinds() throws {
        #expect(try relations("apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata: {name: jenny}\nspec: {memberOf: [team-a]}")
            == ["user:default/jenny memberOf group:default/team-a", "group:default/team-a hasMember user:default/jenny"])
        #expect(try relations("apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata: {name: s}\nspec: {owner: t, domain: d}")
            == ["system:default/s ownedBy group:default/t", "group:default/t ownerOf system:default/s",
                "system:default/s partOf domain:default/d", "domain:default/d hasPart system:default/s"])
        #expect(try relations("apiVersion: backstage.io/v1alpha1\nkind: Domain\nmetadata: {name: d}\nspec: {owner: 'user:jenny', subdomainOf: top}")
            == ["domain:default/d ownedBy user:default/jenny", "user:default/jenny ownerOf domain:default/d",
                "domain:default/d partOf domain:default/top", "domain:default/top hasPart domain:default/d"])
        #expect(try relations("apiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata: {name: db}\nspec: {type: database, owner: t, system: s, dependsOn: ['resource:disk'], dependencyOf: ['component:app']}")
            == ["resource:default/db ownedBy group:default/t", "group:default/t ownerOf resource:default/db",
                "resource:default/db partOf system:default/s", "system:default/s hasPart resource:default/db",
                "resource:default/db dependsOn resource:default/disk", "resource:default/disk dependencyOf resource:default/db",
                "resource:default/db dependencyOf component:default/app", "component:default/app dependsOn resource:default/db"])
        #expect(try relations("apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata: {name: a}\nspec: {type: openapi, lifecycle: production, owner: t, system: s, definition: 'openapi: 3.0.0'}")
            == ["api:default/a ownedBy group:default/t", "group:default/t ownerOf api:default/a",
                "api:default/a partOf system:default/s", "system:default/s hasPart api:default/a"])
        #expect(try relations("apiVersion: scaffolder.backstage.io/v1beta3\nkind: Template\nmetadata: {name: t}\nspec: {type: service, owner: platform, steps: []}")
            == ["template:default/t ownedBy group:default/platform", "group:default/platform ownerOf template:default/t"])
    }

    @Test("every relation type has its reverse")
    func reversePairs() {
        for type in RelationType.allCases {
            #expect(type.reverse.reverse == type)
            #expect(type.reverse != type)
        }
    }
}
