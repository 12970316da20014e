import Catalog
import Foundation
import Synchronization
import Testing
@testable import TechHealth

/// The incremental harvest of every Component: reuse, re-parse, forgetting, problems and sources.
@Suite(.timeLimit(.minutes(3)))
struct HealthHarvesterTests {
    /// Two components: `api` (Python and a Node pin) and `worker` (Go).
    func seedTwoComponents(_ fixture: HarvestTestCatalog) throws {
        try fixture.component("api", in: "api")
        try fixture.write("api/requirements.txt", "requests==2.31.0\nflask>=2.0\n")
        try fixture.write("api/.nvmrc", "20.11.0\n")
        try fixture.component("worker", in: "worker")
        try fixture.write("worker/go.mod", "module example.com/worker\n\ngo 1.22\n\nrequire github.com/google/uuid v1.6.0\n")
    }

    @Test func aSecondHarvestReusesEveryFileAndAnEditedFileIsParsedAlone() async throws {
        let fixture = try HarvestTestCatalog()
        defer { fixture.remove() }
        try seedTwoComponents(fixture)
        try await fixture.ingest()
        let harvester = fixture.harvester()

        let first = try await harvester.harvest(now: HarvestTestCatalog.later)
        #expect(first.componentsHarvested == 2)
        #expect(first.filesParsed == 3)
        #expect(first.filesReused == 0)
        #expect(first.sourceProblems.isEmpty)

        let second = try await harvester.harvest(now: HarvestTestCatalog.later)
        #expect(second.filesParsed == 0)
        #expect(second.filesReused == 3)
        #expect(second.componentsUnchanged == 2)

        try fixture.write("api/requirements.txt", "requests==2.32.3\nflask>=2.0\n")
        let third = try await harvester.harvest(now: HarvestTestCatalog.later)
        #expect(third.filesParsed == 1)
        #expect(third.filesReused == 2)
        #expect(third.componentsUnchanged == 1)
        let api = try #require(try await fixture.store.harvest(of: HarvestTestCatalog.ref("api")))
        #expect(api.harvest.dependencies.contains { $0.name == "requests" && $0.version == "2.32.3" })
        #expect(api.harvest.runtimes.contains { $0.runtime == "nodejs" && $0.version == "20.11.0" })
        let uses = try await fixture.store.uses(ofPackage: "github.com/google/uuid")
        #expect(uses.map(\.entity) == [HarvestTestCatalog.ref("worker")])
    }

    @Test func filesTouchedTooRecentlyToTrustTheirTimeAreReusedByContentHash() async throws {
        let fixture = try HarvestTestCatalog()
        defer { fixture.remove() }
        try seedTwoComponents(fixture)
        try await fixture.ingest()
        // "now" before the files were written: their times are racy, so they are hashed each time.
        let early = Date(timeIntervalSince1970: 1_704_067_200)
        _ = try await fixture.harvester().harvest(now: early)

        let second = try await fixture.harvester().harvest(now: early)

        #expect(second.filesParsed == 0)
        #expect(second.filesReused == 3)
        #expect(second.componentsUnchanged == 0)
    }

    @Test func aComponentRemovedFromTheCatalogIsForgotten() async throws {
        let fixture = try HarvestTestCatalog()
        defer { fixture.remove() }
        try seedTwoComponents(fixture)
        try await fixture.ingest()
        _ = try await fixture.harvester().harvest(now: HarvestTestCatalog.later)

        try FileManager.default.removeItem(at: fixture.root.appendingPathComponent("worker/catalog-info.yaml"))
        try await fixture.ingest()
        let report = try await fixture.harvester().harvest(now: HarvestTestCatalog.later)

        #expect(report.componentsForgotten == 1)
        #expect(try await fixture.store.harvests().map(\.entity) == [HarvestTestCatalog.ref("api")])
        #expect(try await fixture.store.uses(ofPackage: "github.com/google/uuid").isEmpty)
    }

    @Test func aBrokenManifestIsAProblemOnItsComponentNotAFailedHarvest() async throws {
        let fixture = try HarvestTestCatalog()
        defer { fixture.remove() }
        try seedTwoComponents(fixture)
        try fixture.write("api/package.json", "{ \"dependencies\": { \"react\": ")
        try await fixture.ingest()

        let report = try await fixture.harvester().harvest(now: HarvestTestCatalog.later)

        #expect(report.componentsHarvested == 2)
        #expect(report.problems >= 1)
        let api = try #require(try await fixture.store.harvest(of: HarvestTestCatalog.ref("api")))
        #expect(api.harvest.problems.contains { $0.location.file == "package.json" })
        #expect(api.harvest.dependencies.contains { $0.name == "requests" })
        #expect(api.sourceProblem == nil)
        // The problem stays counted when nothing changed.
        let again = try await fixture.harvester().harvest(now: HarvestTestCatalog.later)
        #expect(again.componentsUnchanged == 2)
        #expect(again.problems == report.problems)
    }

    @Test func aNestedComponentsFilesAreItsOwnToo() async throws {
        // A monorepo root component walks into its services' folders (the manifest walk does);
        // each service also gets its own harvest.
        let fixture = try HarvestTestCatalog()
        defer { fixture.remove() }
        try fixture.component("mono", in: "")
        try fixture.component("svc", in: "services/svc")
        try fixture.write("services/svc/go.mod", "module example.com/svc\n\ngo 1.21\n")
        try await fixture.ingest()

        let report = try await fixture.harvester().harvest(now: HarvestTestCatalog.later)

        #expect(report.componentsHarvested == 2)
        let svc = try #require(try await fixture.store.harvest(of: HarvestTestCatalog.ref("svc")))
        #expect(svc.harvest.runtimes.contains { $0.runtime == "go" })
        #expect(svc.folder == fixture.root.appendingPathComponent("services/svc").standardizedFileURL.path)
    }

    @Test func progressCountsEveryComponent() async throws {
        let fixture = try HarvestTestCatalog()
        defer { fixture.remove() }
        try seedTwoComponents(fixture)
        try await fixture.ingest()
        let seen = ProgressLog()

        _ = try await fixture.harvester().harvest(now: HarvestTestCatalog.later) { seen.append($0) }

        #expect(seen.values.last == HarvestProgress(done: 2, total: 2))
        #expect(seen.values.first == HarvestProgress(done: 0, total: 2))
    }

    @Test func anUnreachableSourceLocationIsASourceProblem() async throws {
        let fixture = try HarvestTestCatalog()
        defer { fixture.remove() }
        // Port 1 on loopback refuses at once: the clone fails without reaching any network.
        try fixture.component("remote", in: "remote", annotations: [GitSourceLocation.annotation: "url:https://127.0.0.1:1/acme/remote.git"])
        try await fixture.ingest()
        let cache = fixture.root.appendingPathComponent(".clones")

        let report = try await fixture.harvester(HarvestSettings(cloneSourceLocations: true, cloneCache: cache, gitTimeout: .seconds(20)))
            .harvest(now: HarvestTestCatalog.later)

        let problem = try #require(report.sourceProblems[HarvestTestCatalog.ref("remote")])
        #expect(problem.contains("127.0.0.1"))
        let stored = try #require(try await fixture.store.harvest(of: HarvestTestCatalog.ref("remote")))
        #expect(stored.folder == nil)
        #expect(stored.sourceProblem == problem)
    }
}

/// Progress values seen, in order (the callback is synchronous and called from one task at a time).
final class ProgressLog: Sendable {
    private let storage = Mutex<[HarvestProgress]>([])
    func append(_ value: HarvestProgress) { storage.withLock { $0.append(value) } }
    var values: [HarvestProgress] { storage.withLock { $0 } }
}
