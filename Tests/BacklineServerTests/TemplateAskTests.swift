import BacklineServer
import Catalog
import ChatOps
import Foundation
import Logging
import Testing

@Suite("/template through the chat pipeline", .timeLimit(.minutes(3)))
struct TemplateAskTests {
    /// Runs git with a deadline, failing the test rather than hanging.
    func git(_ arguments: [String]) async {
        switch await TimedProcess.run(["git"] + arguments, environment: ProcessInfo.processInfo.environment, timeout: .seconds(30)) {
        case .success(let outcome) where outcome.status == 0: return
        case let other: Issue.record("git \(arguments): \(other)")
        }
    }

    @Test("each golden path runs from /template run into a bare repository and /owner answers for it right after", arguments: [
        ("swift-service", "queue-api", "owner=playback system=personalization"),
        ("docs-site", "playback-handbook", "owner=playback"),
        ("tempo-event-consumer", "plays-counter", "owner=playback system=personalization stream=listening-events"),
    ])
    func runThenOwner(template: String, name: String, values: String) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("template-ask-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let remote = folder.appendingPathComponent("\(name).git")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        await git(["init", "-q", "--bare", "-b", "main", remote.path])

        let configuration = BacklineConfiguration(paths: BacklinePaths(home: TestServer.repositoryRoot))
        let parts = try await BacklineParts(configuration: configuration, logger: Logger(label: "test"))
        let before = await parts.answerer.answer(Invocation(commandLine: "/owner \(name)", source: .cli))
        #expect(PlainTextRenderer.render(before).contains("Nothing in the catalog is named \(name)"))

        let run = await parts.answerer.answer(
            Invocation(commandLine: "/template run \(template) name=\(name) \(values) remoteUrl=\(remote.path)", source: .cli))
        let text = PlainTextRenderer.render(run)
        #expect(run.data["status"] == "ok", "\(text)")
        #expect(text.contains("component:default/\(name)"))

        let owner = await parts.answerer.answer(Invocation(commandLine: "/owner \(name)", source: .cli))
        #expect(PlainTextRenderer.render(owner).contains("Playback"), "\(PlainTextRenderer.render(owner))")

        let runs = await parts.answerer.answer(Invocation(commandLine: "/template runs \(template)", source: .cli))
        #expect(PlainTextRenderer.render(runs).contains("\(template)  someone  ok"))
    }

    @Test("invalid values are all listed; a dry run touches nothing")
    func invalidAndDryRun() async throws {
        let configuration = BacklineConfiguration(paths: BacklinePaths(home: TestServer.repositoryRoot))
        let parts = try await BacklineParts(configuration: configuration, logger: Logger(label: "test"))
        let invalid = await parts.answerer.answer(Invocation(commandLine: "/template run swift-service name=Bad_Name owner=nobody", source: .cli))
        let text = PlainTextRenderer.render(invalid)
        #expect(text.contains("name"), "\(text)")
        #expect(text.contains("no Group \"nobody\""))
        #expect(text.contains("remoteUrl"))
        let dry = await parts.answerer.answer(
            Invocation(commandLine: "/template run docs-site name=handbook owner=playback remoteUrl=/nonexistent/x.git --dry-run", source: .cli))
        #expect(dry.data["status"] == "ok", "\(PlainTextRenderer.render(dry))")
        #expect(PlainTextRenderer.render(dry).contains("mkdocs.yml"))
        let list = await parts.answerer.answer(Invocation(commandLine: "/template list", source: .cli))
        #expect(PlainTextRenderer.render(list).contains("swift-service"))
    }
}
