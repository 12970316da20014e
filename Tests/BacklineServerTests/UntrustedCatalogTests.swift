import BacklineServer
import Catalog
import ChatOps
import Foundation
import Logging
import Testing

@Suite("Untrusted catalog files, through the composition root", .timeLimit(.minutes(3)))
struct UntrustedCatalogTests {
    @Test("a descriptor reading /proc/self/environ and one including itself are located problems; nothing leaks or crashes")
    func environmentAndSelfInclusion() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("backline-untrusted-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try """
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: evil
              description: {$text: /proc/self/environ}
            spec: {type: service, lifecycle: production, owner: playlists}
            ---
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: loopy
              description: {$yaml: ./loop.yaml}
            spec: {type: service, lifecycle: production, owner: playlists}
            """.write(to: directory.appendingPathComponent("catalog-info.yaml"), atomically: true, encoding: .utf8)
        try "a: {$yaml: ./loop.yaml}\n".write(to: directory.appendingPathComponent("loop.yaml"), atomically: true, encoding: .utf8)

        var configuration = BacklineConfiguration(paths: BacklinePaths(home: TestServer.repositoryRoot))
        configuration.catalogPaths = [directory.path]
        let parts = try await BacklineParts(configuration: configuration, logger: Logger(label: "test"))
        let report = try #require(parts.ingestReport)
        let placeholderProblems = report.problems.filter { $0.rule == "placeholder" }
        #expect(placeholderProblems.map(\.line) == [5, 12])
        #expect(placeholderProblems.allSatisfy { $0.file.hasSuffix("catalog-info.yaml") && $0.field?.hasPrefix("metadata.description") == true })

        let secretish = try #require(ProcessInfo.processInfo.environment["PATH"])
        for name in ["evil", "loopy"] {
            let reply = await parts.answerer.answer(Invocation(commandLine: "/owner \(name)", source: .cli))
            #expect(PlainTextRenderer.render(reply).contains("Nothing in the catalog is named \(name)"))
            #expect(!PlainTextRenderer.render(reply).contains(secretish))
        }
        #expect(!report.problems.map(\.description).joined().contains(secretish))
    }
}
