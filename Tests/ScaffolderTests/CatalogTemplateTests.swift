import Catalog
import Foundation
import Testing

@testable import Scaffolder

@Suite("Templates registered in the catalog", .timeLimit(.minutes(3)))
struct CatalogTemplateTests {
    @Test("a Template entity's relative URLs resolve against its own file and may reach siblings inside its source")
    func catalogTemplate() async throws {
        let root = try TemporaryFolder()
        try root.write([
            "catalog-info.yaml": """
                apiVersion: backstage.io/v1alpha1
                kind: Location
                metadata: { name: templates }
                spec: { targets: [./templates/hello/template.yaml] }
                """,
            "templates/hello/template.yaml": """
                apiVersion: scaffolder.backstage.io/v1beta3
                kind: Template
                metadata: { name: hello, title: Hello }
                spec:
                  owner: group:default/playback
                  type: service
                  parameters: { properties: { name: { type: string, default: world } } }
                  steps:
                    - { id: fetch, action: 'fetch:template', input: { url: ../../shared/skeleton, values: { name: '${{ parameters.name }}' } } }
                """,
            "shared/skeleton/hello.txt": "hello ${{ values.name }}",
        ])
        let store = try CatalogStore.inMemory()
        _ = try await CatalogIngester(store: store).ingest([.path(root.url.path)])
        var library = TemplateLibrary(templates: [])
        await library.addCatalogTemplates(from: store, roots: [root.url])
        #expect(library.problems.isEmpty, "\(library.problems)")
        let template = try #require(library.template(named: "hello"))
        let result = await TemplateRunner().run(template, RunRequest(isDryRun: true))
        #expect(result.status == .ok, "\(result.message ?? "")")
        #expect(result.files.map { String(decoding: $0.content, as: UTF8.self) } == ["hello world"])

        // Without the source root, the template's own folder is the limit.
        var confined = TemplateLibrary(templates: [])
        await confined.addCatalogTemplates(from: store, roots: [])
        let refused = await TemplateRunner().run(try #require(confined.template(named: "hello")), RunRequest(isDryRun: true))
        #expect(refused.message?.contains("leaves the template source") == true)
    }
}

@Suite("The template library", .timeLimit(.minutes(3)))
struct TemplateLibraryTests {
    @Test("a broken template is reported with its position and the others still load; multi-line output text keeps its lines")
    func brokenAndGood() async throws {
        let root = try TemporaryFolder()
        try root.write([
            "broken/template.yaml": """
                apiVersion: scaffolder.backstage.io/v1beta3
                kind: Template
                metadata: { name: broken }
                spec:
                  type: service
                  steps:
                    - { id: a, action: 'debug:log', input: { message: '${{ parameters.x | nope }}' } }
                """,
            "good/template.yaml": """
                apiVersion: scaffolder.backstage.io/v1beta3
                kind: Template
                metadata: { name: good }
                spec:
                  type: service
                  steps:
                    - { id: a, action: 'debug:log', input: { message: hi } }
                  output:
                    text:
                      - title: Next
                        content: |
                          line one ${{ parameters.name }}
                          line two
                """ + "\n",
            "old/template.yaml": "apiVersion: backstage.io/v1beta2\nkind: Template\nmetadata: { name: old }\nspec: { type: service, steps: [] }\n",
        ])
        let library = TemplateLibrary.load(folders: [root.url])
        #expect(library.templates.map(\.name) == ["good"])
        #expect(library.problems.map(\.description).sorted() == [
            "broken/template.yaml:7:75: unknown filter \"nope\"",
            "old/template.yaml: apiVersion \"backstage.io/v1beta2\" is not supported; Backline runs scaffolder.backstage.io/v1beta3",
        ])
        let result = await TemplateRunner().run(library.templates[0], RunRequest(values: [:], isDryRun: true))
        #expect(result.output["text"]?.arrayValue?.first?["content"] == "line one \nline two\n")
    }
}
