import BacklineServer
import Catalog
import ChatOps
import Foundation
import Logging
@testable import Scaffolder
import Testing

/// The weekly digest names the services a team started from templates that week, read from the
/// template runs the scaffolder keeps.
@Suite("Digest: services born from templates", .timeLimit(.minutes(3)))
struct DigestTemplateBirthsTests {
    static func run(_ name: String, owner: String, finished: Date, status: RunStatus = .ok) -> RunResult {
        RunResult(
            id: UUID().uuidString.lowercased(), template: "swift-service", status: status, errors: [], message: nil,
            parameters: .object(["name": .string(name), "owner": .string(owner)]), steps: [], output: .object([:]), log: [], files: [],
            workspace: nil, isDryRun: false, user: "user:default/ada", startedAt: finished.addingTimeInterval(-30), finishedAt: finished)
    }

    @Test("this week's successful runs owned by the team are listed, short or full owner refs alike; failed, older and other teams' runs are not")
    func bornThisWeek() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("backline-births-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try ProactiveDeliveryTests.yaml.write(to: directory.appendingPathComponent("catalog-info.yaml"), atomically: true, encoding: .utf8)
        var configuration = BacklineConfiguration(paths: BacklinePaths(home: TestServer.repositoryRoot))
        configuration.catalogPaths = [directory.path]
        let parts = try await BacklineParts(configuration: configuration, logger: Logger(label: "test"), mode: .oneShot)

        let now = Date()
        let day: TimeInterval = 86_400
        for run in [
            Self.run("fresh-api", owner: "group:default/squad-a", finished: now - 2 * day),
            Self.run("short-ref-api", owner: "squad-a", finished: now - day),
            Self.run("broken-api", owner: "group:default/squad-a", finished: now - day, status: .failed),
            Self.run("old-api", owner: "group:default/squad-a", finished: now - 10 * day),
            Self.run("b-new-api", owner: "group:default/squad-b", finished: now - day),
        ] {
            try await parts.database.scaffolder.record(run)
        }
        let composer = parts.digestComposer()
        let squadA = try await composer.compose(team: EntityRef(kind: "group", name: "squad-a"), now: now, timeZone: .gmt)
        #expect(squadA.newServices == ["fresh-api", "short-ref-api"])
        let text = MattermostMarkdownRenderer.render(try DigestReply.reply(squadA))
        #expect(text.contains("New services from templates") && text.contains("fresh-api"))
        let hermits = try await composer.compose(team: EntityRef(kind: "group", name: "hermits"), now: now, timeZone: .gmt)
        #expect(hermits.newServices.isEmpty)
    }
}
