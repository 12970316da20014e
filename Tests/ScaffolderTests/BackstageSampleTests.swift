import Catalog
import Foundation
import Testing

@testable import Scaffolder

@Suite("Templates in the shape of Backstage's samples dry-run to the files their authors intended", .timeLimit(.minutes(3)))
struct BackstageSampleTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    var runner: TemplateRunner { TemplateRunner(catalog: PickerCatalog(entities: pickerEntities)) }

    @Test("without GitHub set up, a real run is refused before anything runs, naming the step; a dry run renders")
    func refusedWithoutGitHub() async throws {
        let template = try TemplateLibrary.load(file: Self.fixtures.appendingPathComponent("grpc-service/template.yaml"))
        let values: [String: JSONValue] = [
            "component_id": "greeter", "java_package_name": "greeter", "owner": "playback", "repoUrl": "github.com?owner=tempo-music&repo=greeter",
        ]
        let result = await runner.run(template, RunRequest(values: values))
        #expect(
            result.message
                == "springboot-template cannot run here: step publish (publish:github): GitHub is not set up in this Backline (scaffolder.github in the configuration); nothing was run")
        #expect(result.steps.allSatisfy { $0.status == .notRun })
        #expect(await runner.run(template, RunRequest(values: values, isDryRun: true)).status == .ok)
    }

    @Test("the gRPC service: templated file and folder names, verbatim workflow, slug from parseRepoUrl")
    func grpcService() async throws {
        let template = try TemplateLibrary.load(file: Self.fixtures.appendingPathComponent("grpc-service/template.yaml"))
        let result = await runner.run(
            template,
            RunRequest(
                values: [
                    "component_id": "greeter", "java_package_name": "greeter", "owner": "playback",
                    "repoUrl": "github.com?owner=tempo-music&repo=greeter",
                ], isDryRun: true))
        #expect(result.status == .ok, "\(result.errors) \(result.message ?? "")")
        #expect(
            result.files.map(\.path) == [
                ".github/workflows/build.yml", "catalog-info.yaml", "greeter.sh", "src/main/java/com/example/greeter/Application.java",
            ])
        let files = Dictionary(uniqueKeysWithValues: result.files.map { ($0.path, String(decoding: $0.content, as: UTF8.self)) })
        #expect(
            files["catalog-info.yaml"] == """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: "greeter"
                  annotations:
                    github.com/project-slug: tempo-music/greeter
                    backstage.io/techdocs-ref: dir:.
                spec:
                  type: service
                  lifecycle: experimental
                  owner: "group:default/playback"

                """)
        #expect(files[".github/workflows/build.yml"]?.contains("${{ secrets.REGISTRY }}") == true)
        #expect(result.files.first { $0.path == "greeter.sh" }?.isExecutable == true)
        #expect(files["src/main/java/com/example/greeter/Application.java"]?.contains("package com.example.greeter;") == true)
        let publish = try #require(result.steps.first { $0.id == "publish" })
        #expect(publish.status == .skipped)
        #expect(publish.input == .object(["allowedHosts": .array(["github.com"]), "description": "This is greeter", "repoUrl": "github.com?owner=tempo-music&repo=greeter"]))
        let json = result.dryRunJSON
        #expect(json["status"] == "ok")
        #expect(json["directoryContents"]?.arrayValue?.count == 4)
        #expect(json["steps"]?.arrayValue?.map { $0["id"]?.stringValue ?? "" } == ["template", "publish", "register"])
    }

    @Test("the docs template: description kept, every required field reported when missing")
    func docsTemplate() async throws {
        let template = try TemplateLibrary.load(file: Self.fixtures.appendingPathComponent("docs-template/template.yaml"))
        let invalid = await runner.run(template, RunRequest(isDryRun: true))
        #expect(invalid.status == .invalid)
        #expect(invalid.dryRunJSON["errors"]?.arrayValue?.compactMap { $0["field"]?.stringValue }.sorted() == ["description", "name", "repoUrl"])
        let result = await runner.run(
            template,
            RunRequest(values: ["name": "handbook", "description": "How we work", "owner": "playback", "repoUrl": "github.com?owner=tempo-music&repo=handbook"], isDryRun: true))
        #expect(result.status == .ok)
        let files = Dictionary(uniqueKeysWithValues: result.files.map { ($0.path, String(decoding: $0.content, as: UTF8.self)) })
        #expect(files["mkdocs.yml"]?.hasPrefix("site_name: \"handbook\"\nsite_description: \"How we work\"") == true)
        #expect(files["docs/index.md"]?.hasPrefix("## handbook\n\nHow we work\n") == true)
    }
}
