import Catalog
import Foundation
import Testing

@testable import Scaffolder

@Suite("Golden paths in config/templates", .timeLimit(.minutes(3)))
struct GoldenPathTests {
    static let values: [String: [String: JSONValue]] = [
        "swift-service": ["name": "queue-api", "owner": "playback", "system": "personalization", "description": "Plays the queue."],
        "docs-site": ["name": "playback-handbook", "owner": "playback", "sections": "Getting started,On call"],
        "tempo-event-consumer": ["name": "plays-counter", "owner": "playback", "system": "personalization", "stream": "listening-events"],
    ]

    @Test("the library finds the three golden paths")
    func library() {
        let library = TemplateLibrary.load(folders: [goldenPaths])
        #expect(library.problems.isEmpty, "\(library.problems)")
        #expect(Set(library.templates.map(\.name)) == ["swift-service", "docs-site", "tempo-event-consumer"])
    }

    @Test("each dry-runs to a catalog-info.yaml the catalog accepts, owned by the team chosen", arguments: ["swift-service", "docs-site", "tempo-event-consumer"])
    func dryRun(name: String) async throws {
        let library = TemplateLibrary.load(folders: [goldenPaths])
        let template = try #require(library.template(named: name))
        var values = Self.values[name]!
        values["remoteUrl"] = "/nowhere.git"
        let result = await TemplateRunner(catalog: PickerCatalog(entities: pickerEntities)).run(template, RunRequest(values: values, isDryRun: true))
        #expect(result.status == .ok, "\(result.errors) \(result.message ?? "")")
        let info = try #require(result.files.first { $0.path == "catalog-info.yaml" })
        let parsed = CatalogFileParser.parse(String(decoding: info.content, as: UTF8.self), displayName: "catalog-info.yaml", directory: URL(fileURLWithPath: "/tmp"))
        #expect(!parsed.hasErrors, "\(parsed.problems)")
        let entity = try #require(parsed.entities.first?.entity)
        #expect(entity.metadata.name == values["name"]?.stringValue)
        #expect(entity.spec["owner"] == "group:default/playback")
        // Steps that reach outside the workspace are shown with their inputs, not run.
        let publish = try #require(result.steps.first { $0.action == "publish:git" })
        #expect(publish.status == .skipped)
        #expect(publish.input?["remoteUrl"] == "/nowhere.git")
        #expect(result.files.allSatisfy { !String(decoding: $0.content, as: UTF8.self).contains("${{ values") || $0.path.hasPrefix(".github/") })
    }

    @Test("the Swift service has its package, health route, test, CI, Containerfile and docs")
    func swiftServiceFiles() async throws {
        let template = try TemplateLibrary.load(file: goldenPaths.appendingPathComponent("swift-service/template.yaml"))
        var values = Self.values["swift-service"]!
        values["remoteUrl"] = "/x.git"
        values["port"] = "9090"
        let result = await TemplateRunner(catalog: PickerCatalog(entities: pickerEntities)).run(template, RunRequest(values: values, isDryRun: true))
        let files = Dictionary(uniqueKeysWithValues: result.files.map { ($0.path, String(decoding: $0.content, as: UTF8.self)) })
        #expect(
            Set(files.keys).isSuperset(of: [
                "Package.swift", "Sources/App/App.swift", "Sources/App/Application+build.swift", "Tests/AppTests/AppTests.swift", ".github/workflows/ci.yml",
                "Containerfile", "catalog-info.yaml", "mkdocs.yml", "docs/index.md",
            ]))
        #expect(files["Package.swift"]?.contains("name: \"queue-api\"") == true)
        #expect(files["Sources/App/Application+build.swift"]?.contains("router.get(\"health\")") == true)
        #expect(files["Sources/App/Application+build.swift"]?.contains("port: Int = 9090") == true)
        #expect(files[".github/workflows/ci.yml"]?.contains("${{ github.sha }}") == true)
        #expect(files["catalog-info.yaml"]?.contains("system: \"system:default/personalization\"") == true)
        #expect(files["docs/index.md"]?.contains("part of `system:default/personalization`") == true)
    }

    @Test("each runs into a local bare repository and its entity is in the catalog right after", arguments: ["swift-service", "docs-site", "tempo-event-consumer"])
    func fullRun(name: String) async throws {
        let folder = try TemporaryFolder()
        let remote = try await bareRepository(in: folder)
        let store = try CatalogStore.inMemory()
        let template = try #require(TemplateLibrary.load(folders: [goldenPaths]).template(named: name))
        var values = Self.values[name]!
        values["remoteUrl"] = .string("file://" + remote.path)
        let runner = TemplateRunner(services: .catalog(store), catalog: PickerCatalog(entities: pickerEntities))
        let result = await runner.run(template, RunRequest(values: values))
        #expect(result.status == .ok, "\(result.message ?? "")")
        let ref = EntityRef(kind: "component", name: values["name"]!.stringValue!)
        let stored = try await store.entity(ref)
        #expect(stored?.entity.spec["owner"] == "group:default/playback")
        #expect(result.links.map(\.target).contains(ref.description))
        let publish = try #require(result.steps.first { $0.action == "publish:git" })
        let hash = try #require(publish.output["commitHash"]?.stringValue)
        let clone = try await cloneFiles(remote, into: folder)
        let head = try String(contentsOf: clone.appendingPathComponent(".git/refs/heads/main"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(head == hash)
        #expect(FileManager.default.fileExists(atPath: clone.appendingPathComponent("catalog-info.yaml").path))
    }
}

@Suite("Generated projects work", .timeLimit(.minutes(3)))
struct GeneratedProjectTests {
    @Test("the Tempo event consumer's own test passes under python3 after fs:rename moved its package")
    func tempoConsumerTestPasses() async throws {
        let folder = try TemporaryFolder()
        let out = folder.url.appendingPathComponent("plays-counter")
        let template = try TemplateLibrary.load(file: goldenPaths.appendingPathComponent("tempo-event-consumer/template.yaml"))
        let values: [String: JSONValue] = [
            "name": "plays-counter", "owner": "playback", "system": "personalization", "stream": "listening-events", "remoteUrl": "/unused.git",
        ]
        let result = await TemplateRunner(catalog: PickerCatalog(entities: pickerEntities)).run(
            template, RunRequest(values: values, isDryRun: true, outputDirectory: out))
        #expect(result.status == .ok, "\(result.message ?? "")")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("plays_counter/job.py").path))
        let script = "import sys; sys.path.insert(0, '\(out.path)'); from tests.test_job import test_handle_keeps_the_event_id as t; t()"
        var environment = ProcessInfo.processInfo.environment
        environment["PYTHONDONTWRITEBYTECODE"] = "1"
        environment["PYTHONPATH"] = out.path
        switch await TimedProcess.run(["python3", "-c", script], environment: environment, timeout: .seconds(30)) {
        case .success(let outcome): #expect(outcome.status == 0, "\(outcome.standardError)")
        case .failure(let failure): Issue.record("python3: \(failure)")
        }
    }

    @Test("the documentation site's nav names only pages that exist")
    func docsSiteNav() async throws {
        let template = try TemplateLibrary.load(file: goldenPaths.appendingPathComponent("docs-site/template.yaml"))
        let result = await TemplateRunner(catalog: PickerCatalog(entities: pickerEntities)).run(
            template, RunRequest(values: ["name": "handbook", "owner": "playback", "remoteUrl": "/x.git", "sections": "Getting started,On call,FAQ"], isDryRun: true))
        let files = Dictionary(uniqueKeysWithValues: result.files.map { ($0.path, String(decoding: $0.content, as: UTF8.self)) })
        let mkdocs = try YAMLValue.parse(try #require(files["mkdocs.yml"]))
        let pages = (mkdocs["nav"]?.arrayValue ?? []).compactMap { $0.objectValue?.values.first?.stringValue }
        #expect(pages == ["index.md", "getting-started.md", "on-call.md", "faq.md"])
        for page in pages { #expect(files["docs/\(page)"] != nil, "docs/\(page) is missing") }
        #expect(files["docs/index.md"]?.contains("- [On call](on-call.md)\n") == true)
        #expect(mkdocs["site_name"] == "handbook")
    }
}
