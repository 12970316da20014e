import Foundation
import Testing
@testable import Catalog

@Suite("Entity validation")
struct EntityValidationTests {
    @Test("a complete component is valid and keeps every field")
    func validComponent() throws {
        let file = parse(component(metadata: """
            title: Playlist API
            description: Serves playlists
            namespace: music
            labels: {example.com/team: playlists, empty: ''}
            annotations: {backstage.io/techdocs-ref: 'dir:.', backline.io/tier: '1'}
            tags: [java, c++]
            links: [{url: 'https://grafana.example.com/d/1', title: Dashboard, icon: dashboard, type: dashboard}]
            """))
        #expect(file.problems.isEmpty)
        let entity = try #require(file.entities.first?.entity)
        #expect(entity.ref.description == "component:music/playlist-api")
        #expect(entity.metadata.title == "Playlist API")
        #expect(entity.metadata.labels == ["example.com/team": "playlists", "empty": ""])
        #expect(entity.metadata.annotations["backline.io/tier"] == "1")
        #expect(entity.metadata.tags == ["java", "c++"])
        #expect(entity.metadata.links == [EntityLink(url: "https://grafana.example.com/d/1", title: "Dashboard", icon: "dashboard", type: "dashboard")])
        #expect(entity.specString("lifecycle") == "production")
    }

    @Test("each broken field is reported with its rule", arguments: [
        (component(metadata: "foo: bar").replacingOccurrences(of: "apiVersion", with: "apiversion"), "required-field"),
        ("apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: x}\nspec: {type: a, lifecycle: b, owner: c}\nstatus: {}", "root-fields"),
        (component().replacingOccurrences(of: "backstage.io/v1alpha1", with: "a/b/c"), "api-version"),
        (component().replacingOccurrences(of: "kind: Component", with: "kind: my-kind"), "kind"),
        (component("invalid component"), "entity-name"),
        (component(metadata: "namespace: Bad_NS"), "namespace"),
        (component(metadata: "title: ''"), "title"),
        (component(metadata: "description: [a]"), "description"),
        (component(metadata: "labels: {'Bad Key': x}"), "label-key"),
        (component(metadata: "labels: {ok: 'two words'}"), "label-value"),
        (component(metadata: "annotations: {'-bad': x}"), "annotation-key"),
        (component(metadata: "annotations: {example.com/flag: true}"), "string-value"),
        (component(metadata: "tags: [Hello World]"), "tag"),
        (component(metadata: "links: ['https://x.example']"), "link"),
        (component(metadata: "links: [{url: not-a-url}]"), "link-url"),
        (component(metadata: "links: [{title: Dashboard}]"), "required-field"),
        (component(metadata: "links: [{url: 'https://x.example', title: ''}]"), "link-title"),
        (component(metadata: "links: [{url: 'https://x.example', icon: 'bad icon'}]"), "link-icon"),
        ("apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: x}\nspec: [a]", "spec"),
        (component().replacingOccurrences(of: "backstage.io/v1alpha1", with: "backstage.io/v2"), "kind-api-version"),
        (component().replacingOccurrences(of: "  lifecycle: production\n", with: ""), "required-field"),
        (component(spec: "providesApis: playlist"), "spec-field-type"),
        (component(spec: "dependsOn: [playlists-db]"), "entity-ref"),
        ("apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata: {name: x}\nspec: {presence: sometimes}", "location-presence"),
        ("- just\n- a list", "document-shape"),
    ])
    func brokenField(_ yaml: String, _ rule: String) {
        let file = parse(yaml)
        #expect(file.entities.isEmpty)
        #expect(file.errorRules.contains(rule), "expected \(rule), got \(file.errorRules)")
    }

    @Test("required spec fields per kind", arguments: [
        ("Component", ["type", "lifecycle", "owner"]),
        ("API", ["type", "lifecycle", "owner", "definition"]),
        ("Resource", ["type", "owner"]),
        ("System", ["owner"]),
        ("Domain", ["owner"]),
        ("Group", ["type", "children"]),
        ("User", ["memberOf"]),
        ("Template", ["type", "steps"]),
    ])
    func requiredSpecFields(_ kind: String, _ fields: [String]) {
        let apiVersion = kind == "Template" ? "scaffolder.backstage.io/v1beta3" : "backstage.io/v1alpha1"
        let file = parse("apiVersion: \(apiVersion)\nkind: \(kind)\nmetadata: {name: x}\nspec: {}")
        let missing = file.problems.filter { $0.rule == "required-field" }.compactMap(\.field)
        #expect(missing == fields.map { "spec.\($0)" })
    }

    @Test("groups and users accept empty children and memberOf lists")
    func emptyListsAreValid() {
        let file = parse("""
            apiVersion: backstage.io/v1alpha1
            kind: Group
            metadata: {name: team-a}
            spec: {type: team, children: []}
            ---
            apiVersion: backstage.io/v1alpha1
            kind: User
            metadata: {name: jenny}
            spec: {memberOf: []}
            """)
        #expect(file.problems.isEmpty)
        #expect(file.entities.count == 2)
    }

    @Test("entities of kinds Backstage does not define are kept without kind rules")
    func otherKindsAreKept() throws {
        let file = parse("""
            apiVersion: backstage.io/v1alpha1
            kind: Environment
            metadata: {name: production}
            spec: {lifecycle: production}
            ---
            apiVersion: acme.com/v1
            kind: CostCenter
            metadata: {name: cc-42}
            """)
        #expect(file.problems.isEmpty)
        #expect(file.entities.map(\.entity.ref.description) == ["environment:default/production", "costcenter:default/cc-42"])
    }

    @Test("kind names are matched case-insensitively for kind rules")
    func kindCase() {
        let file = parse("apiVersion: backstage.io/v1alpha1\nkind: component\nmetadata: {name: x}\nspec: {}")
        #expect(file.errorRules == ["required-field", "required-field", "required-field"])
    }

    @Test("a problem names the file, the document, the line and the field")
    func problemLocation() throws {
        let yaml = """
            apiVersion: backstage.io/v1alpha1
            kind: Group
            metadata: {name: ok}
            spec: {type: team, children: []}
            ---
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: broken
              tags:
                - java
                - Not A Tag
            spec:
              type: service
              lifecycle: production
              owner: team-a
            """
        let file = parse(yaml, file: "teams/catalog-info.yaml")
        let problem = try #require(file.problems.first)
        #expect(problem.file == "teams/catalog-info.yaml")
        #expect(problem.document == 2)
        #expect(problem.line == 12)
        #expect(problem.field == "metadata.tags[1]")
        #expect(problem.rule == "tag")
        #expect(problem.description.hasPrefix("teams/catalog-info.yaml:12: error: \"metadata.tags[1]\" is not valid"))
        #expect(file.entities.map(\.entity.metadata.name) == ["ok"])
    }

    @Test("a missing required field points at its parent's line")
    func missingFieldLine() throws {
        let file = parse("apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: x\nspec:\n  type: service\n  owner: a\n")
        let problem = try #require(file.problems.first)
        #expect(problem.field == "spec.lifecycle")
        #expect(problem.line == 5)
    }

    @Test("an annotation key with dots is located on its own line")
    func annotationLine() throws {
        let file = parse(component(metadata: "annotations:\n  backstage.io/techdocs-ref: 'dir:.'\n  example.com/count: 3"))
        let problem = try #require(file.problems.first)
        #expect(problem.field == "metadata.annotations.example.com/count")
        #expect(problem.line == 7)
    }
}
