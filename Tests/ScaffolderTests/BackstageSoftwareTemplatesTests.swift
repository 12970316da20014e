import Catalog
import Foundation
import Testing

@testable import Scaffolder

/// Backstage's own sample templates from `backstage/software-templates`, kept verbatim (see
/// `Fixtures/backstage-samples/NOTICE`), dry-run to the files their authors intended.
@Suite("Backstage's own sample templates dry-run to the files their authors intended", .timeLimit(.minutes(3)))
struct BackstageSoftwareTemplatesTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/backstage-samples")

    var runner: TemplateRunner { TemplateRunner(catalog: PickerCatalog(entities: pickerEntities)) }

    func sample(_ name: String) throws -> Template {
        try TemplateLibrary.load(file: Self.samples.appendingPathComponent("\(name)/template.yaml"))
    }

    /// The entities in a rendered catalog file, as the catalog validates them; none when invalid.
    static func entities(_ text: String) -> [Entity] {
        let parsed = CatalogFileParser.parse(text, displayName: "catalog-info.yaml", directory: FileManager.default.temporaryDirectory)
        return parsed.hasErrors ? [] : parsed.entities.map(\.entity)
    }

    static func texts(_ result: RunResult) -> [String: String] {
        Dictionary(uniqueKeysWithValues: result.files.map { ($0.path, String(decoding: $0.content, as: UTF8.self)) })
    }

    @Test("springboot-grpc-template: package folders and the launcher named from the values, Maven's ${…} left alone")
    func springBoot() async throws {
        let template = try sample("springboot-grpc-template")
        #expect(template.name == "springboot-template")
        let result = await runner.run(
            template,
            RunRequest(
                values: [
                    "component_id": "greeter", "java_package_name": "greeter", "description": "Says hello over gRPC", "owner": "playback",
                    "repoUrl": "github.com?owner=tempo-music&repo=greeter",
                ], isDryRun: true))
        #expect(result.status == .ok, "\(result.errors) \(result.message ?? "")")
        #expect(
            result.files.map(\.path) == [
                "Dockerfile", "README.md", "catalog-info.yaml", "docs/index.md", "greeter.sh", "pom.xml",
                "src/main/java/com/example/greeter/Application.java", "src/main/java/com/example/greeter/GreeterService.java",
                "src/main/resources/application.properties", "src/main/resources/greeter.proto",
                "src/test/java/com/example/greeter/ApplicationTest.java",
            ])
        let files = Self.texts(result)
        #expect(
            files["catalog-info.yaml"] == """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: "greeter"
                  description: "Says hello over gRPC"
                  annotations:
                    github.com/project-slug: tempo-music/greeter
                    backstage.io/techdocs-ref: dir:.
                spec:
                  type: service
                  lifecycle: experimental
                  owner: "group:default/playback"

                """)
        #expect(files["README.md"] == "# greeter\n\nSays hello over gRPC\n")
        #expect(files["src/main/resources/application.properties"] == "spring.application.name=greeter\nserver.port=8080\ngrpc.enableReflection=true\n")
        #expect(files["Dockerfile"]?.contains("COPY target/greeter.jar /usr/share/greeter/greeter.jar") == true)
        let pom = try #require(files["pom.xml"])
        #expect(pom.contains("<artifactId>greeter</artifactId>"))
        #expect(pom.contains("<description>Says hello over gRPC</description>"))
        #expect(pom.contains("<maven.compiler.release>${java.version}</maven.compiler.release>"))
        #expect(pom.contains("${project.version}-${buildTimestamp}-${buildNumber}"))
        #expect(files["src/main/resources/greeter.proto"]?.contains("option java_package = \"com.example.greeter.proto\";") == true)
        #expect(files["src/main/java/com/example/greeter/GreeterService.java"]?.contains("import com.example.greeter.proto.GreeterGrpc;") == true)
        #expect(files["src/test/java/com/example/greeter/ApplicationTest.java"]?.contains("\t@Test\n\tpublic void contextLoads()") == true)
        #expect(files["greeter.sh"]?.contains("-jar /usr/share/greeter/greeter.jar \"$@\"") == true)
        #expect(result.files.first { $0.path == "greeter.sh" }?.isExecutable == true)
        #expect(!result.files.contains { $0.content.range(of: Data("${{".utf8)) != nil })

        let publish = try #require(result.steps.first { $0.id == "publish" })
        #expect(publish.status == .skipped)
        #expect(
            publish.input == .object([
                "allowedHosts": .array(["github.com"]), "description": "This is greeter", "repoUrl": "github.com?owner=tempo-music&repo=greeter",
            ]))
        #expect(result.steps.map(\.id) == ["template", "publish", "register"])
        #expect(result.steps.first { $0.id == "register" }?.input?["catalogInfoPath"] == "/catalog-info.yaml")
    }

    @Test("springboot-grpc-template without a description: the {%- if %} drops the line, whitespace control keeps the YAML valid")
    func springBootWithoutDescription() async throws {
        let result = await runner.run(
            try sample("springboot-grpc-template"),
            RunRequest(
                values: ["component_id": "greeter", "java_package_name": "greeter", "owner": "playback", "repoUrl": "github.com?owner=tempo-music&repo=greeter"],
                isDryRun: true))
        let catalog = try #require(Self.texts(result)["catalog-info.yaml"])
        #expect(catalog.hasPrefix("apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: \"greeter\"\n  annotations:\n"))
        #expect(Self.entities(catalog).first?.metadata.name == "greeter")
    }

    @Test("react-ssr-template: a website entity, its README and docs")
    func reactSSR() async throws {
        let result = await runner.run(
            try sample("react-ssr-template"),
            RunRequest(
                values: ["component_id": "web-shop", "description": "The shop", "owner": "payments", "repoUrl": "github.com?owner=tempo-music&repo=web-shop"],
                isDryRun: true))
        #expect(result.status == .ok, "\(result.errors) \(result.message ?? "")")
        #expect(result.files.map(\.path) == ["README.md", "catalog-info.yaml", "docs/index.md"])
        let files = Self.texts(result)
        #expect(files["README.md"]?.hasPrefix("# web-shop\n\n## Description\n\nThe shop\n\n## Develop\n") == true)
        #expect(files["catalog-info.yaml"]?.contains("  type: website\n") == true)
        #expect(files["catalog-info.yaml"]?.contains("github.com/project-slug: tempo-music/web-shop\n") == true)
        #expect(files["docs/index.md"]?.hasPrefix("# web-shop\n\nThe shop\n\n## Getting started") == true)
        // Its output is the older flat shape: rendered as given (empty in a dry run).
        #expect(result.dryRunJSON["steps"]?.arrayValue?.map { $0["skipped"] } == [.bool(false), .bool(true), .bool(true)])
    }

    @Test("docs-template: every required field reported at once; then the documentation entity with its owner")
    func docs() async throws {
        let template = try sample("docs-template")
        let invalid = await runner.run(template, RunRequest(isDryRun: true))
        #expect(invalid.status == .invalid)
        #expect(invalid.errors.map(\.field).sorted() == ["description", "name", "repoUrl"])
        let result = await runner.run(
            template,
            RunRequest(values: ["name": "handbook", "description": "How we work", "owner": "playback", "repoUrl": "github.com?owner=tempo-music&repo=handbook"], isDryRun: true))
        #expect(result.status == .ok, "\(result.errors) \(result.message ?? "")")
        #expect(result.files.map(\.path) == ["catalog-info.yaml", "docs/index.md"])
        let files = Self.texts(result)
        let catalogText = try #require(files["catalog-info.yaml"])
        let entity = try #require(Self.entities(catalogText).first)
        #expect(entity.metadata.name == "handbook")
        #expect(entity.metadata.description == "How we work")
        #expect(entity.spec["owner"] == "group:default/playback")
        #expect(entity.spec["type"] == "documentation")
        #expect(entity.metadata.annotations["github.com/project-slug"] == "tempo-music/handbook")
        #expect(files["docs/index.md"]?.hasPrefix("## handbook\n\n") == true)
        #expect(result.steps.first { $0.id == "publish" }?.input?["description"] == "This is handbook")
    }
}
