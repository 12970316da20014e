import Catalog
import Foundation
import Testing
@testable import TechHealth

/// Components in git repositories: docs freshness once per commit, and git sources read from the
/// kept clone.
@Suite(.timeLimit(.minutes(3)))
struct HealthHarvesterGitTests {
    /// A git stand-in that counts its runs in a file, then runs git.
    struct CountingGit {
        let script: URL
        let counter: URL

        init(in folder: URL) throws {
            script = folder.appendingPathComponent("counting-git.sh")
            counter = folder.appendingPathComponent("git-runs")
            try Data("#!/bin/sh\necho run >> '\(counter.path)'\nexec git \"$@\"\n".utf8).write(to: script)
        }

        var command: [String] { ["/bin/sh", script.path] }
        var runs: Int { ((try? String(contentsOf: counter, encoding: .utf8)) ?? "").split(separator: "\n").count }
    }

    func seedDocumentedService(_ repository: GitHistoryTestRepository) throws {
        try repository.write("catalog-info.yaml", """
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: documented
              annotations:
                backstage.io/techdocs-ref: dir:.
            spec:
              type: service
              lifecycle: production
              owner: team-a

            """)
        try repository.write("mkdocs.yml", "site_name: Documented\n")
        try repository.write("docs/index.md", "# Documented\n")
        try repository.write("go.mod", "module example.com/documented\n\ngo 1.22\n")
        try repository.write("main.go", "package main\n")
        try repository.commit("service and docs", at: GitHistoryTestRepository.day(0))
    }

    @Test func docsAreCheckedOncePerCommit() async throws {
        let repository = try GitHistoryTestRepository()
        defer { repository.remove() }
        try seedDocumentedService(repository)
        let tools = FileManager.default.temporaryDirectory.appendingPathComponent("backline-git-count-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tools, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tools) }
        let git = try CountingGit(in: tools)
        let fixture = try HarvestTestCatalog(root: repository.root)
        try await fixture.ingest()
        let harvester = fixture.harvester(HarvestSettings(docs: DocsFreshnessChecker(gitCommand: git.command)))
        let ref = HarvestTestCatalog.ref("documented")
        let now = GitHistoryTestRepository.day(30)

        let first = try await harvester.harvest(now: now)
        #expect(first.docsChecked == 1)
        let runsAfterFirst = git.runs
        #expect(runsAfterFirst > 0)
        let stored = try #require(try await fixture.store.harvest(of: ref))
        let head = try repository.output(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(stored.workTreeHead == head)
        #expect(stored.docs?.status == .fresh)
        #expect(stored.docs?.docsLastChanged?.sha == head)

        let second = try await harvester.harvest(now: now)
        #expect(second.docsChecked == 0)
        #expect(git.runs == runsAfterFirst)
        #expect(try await fixture.store.harvest(of: ref)?.docs == stored.docs)

        let moved = try repository.change("main.go", at: GitHistoryTestRepository.day(5))
        let third = try await harvester.harvest(now: now)
        #expect(third.docsChecked == 1)
        #expect(git.runs > runsAfterFirst)
        let updated = try #require(try await fixture.store.harvest(of: ref))
        #expect(updated.workTreeHead == moved)
        #expect(updated.docs?.codeCommitsSinceDocs == 1)
    }

    @Test func workTreeHeadFollowsSymbolicRefsAndPackedRefs() throws {
        let repository = try GitHistoryTestRepository()
        defer { repository.remove() }
        try repository.write("a.txt", "a\n")
        let commit = try repository.commit("one", at: GitHistoryTestRepository.day(0))
        #expect(WorkTreeHead.read(root: repository.root) == commit)
        try repository.run(["pack-refs", "--all"])
        #expect(WorkTreeHead.read(root: repository.root) == commit)
        try repository.run(["checkout", "--quiet", "--detach", "HEAD"])
        #expect(WorkTreeHead.read(root: repository.root) == commit)
    }

    @Test func aGitSourcesComponentsAreReadFromTheKeptClone() async throws {
        let repository = try GitHistoryTestRepository()
        defer { repository.remove() }
        try repository.write("services/api/catalog-info.yaml", """
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: cloned-api
            spec:
              type: service
              lifecycle: production
              owner: team-a

            """)
        try repository.write("services/api/go.mod", "module example.com/api\n\ngo 1.21\n\nrequire golang.org/x/text v0.14.0\n")
        try repository.commit("api", at: GitHistoryTestRepository.day(0))
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("backline-clone-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cache) }
        let fixture = try HarvestTestCatalog()
        defer { fixture.remove() }
        let source = CatalogSource.git(repository: repository.root.path, reference: nil)
        _ = try await CatalogIngester(store: fixture.catalog, cloneCache: cache).ingest([source])
        let clone = try #require(try FileManager.default.contentsOfDirectory(atPath: cache.path).first { $0.hasPrefix("clone-") })
        let ref = HarvestTestCatalog.ref("cloned-api")

        // Without the clone's folder the component cannot be read, and says so.
        let without = try await fixture.harvester().harvest(now: HarvestTestCatalog.later)
        #expect(without.sourceProblems[ref] != nil)

        let report = try await fixture.harvester().harvest(
            sourceDirectories: [source.rootIdentity: cache.appendingPathComponent(clone)], now: HarvestTestCatalog.later)

        #expect(report.sourceProblems.isEmpty)
        let stored = try #require(try await fixture.store.harvest(of: ref))
        #expect(stored.folder == cache.appendingPathComponent(clone).appendingPathComponent("services/api").path)
        #expect(stored.harvest.dependencies.contains { $0.name == "golang.org/x/text" && $0.version == "v0.14.0" })
        #expect(stored.sourceProblem == nil)
    }
}
