import BacklineServer
import Catalog
import Foundation
import Logging
import TechHealth
import Testing

/// Alerts follow the tech-health harvest: `serve` evaluates the rules as soon as a harvest is
/// scored, and the hourly job (kept for snoozes and quiet hours that end between harvests) tells
/// nothing twice.
@Suite("Alerts after each harvest", .timeLimit(.minutes(3)))
struct AlertAfterHarvestTests {
    /// A team with a channel and one service whose runtime version is in `.python-version`.
    static func catalogFolder(python: String, description: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("backline-alert-harvest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("api"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("team"), withIntermediateDirectories: true)
        try """
            apiVersion: backstage.io/v1alpha1
            kind: Group
            metadata:
              name: squad-x
              annotations: {slack.com/bot-notify: '#squad-x'}
            spec: {type: team, children: []}
            """.write(to: directory.appendingPathComponent("team/catalog-info.yaml"), atomically: true, encoding: .utf8)
        try write(directory, python: python, description: description)
        return directory
    }

    /// Rewrites the service; each `description` must differ in length from the last, since the
    /// ingester skips a file whose size and modification second did not change.
    static func write(_ directory: URL, python: String, description: String) throws {
        try """
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: x-api
              description: \(description)
            spec: {type: service, lifecycle: production, owner: squad-x}
            """.write(to: directory.appendingPathComponent("api/catalog-info.yaml"), atomically: true, encoding: .utf8)
        try "\(python)\n".write(to: directory.appendingPathComponent("api/.python-version"), atomically: true, encoding: .utf8)
    }

    static func alerts(_ database: BacklineDatabase) async throws -> [OutboxMessage] {
        try await database.outbox.messages(in: .queued).filter { $0.kind == "alert" }
    }

    @Test("serve: a refresh whose harvest finds a runtime past its end of life enqueues the alert at once; the hourly job and the next harvest add nothing")
    func harvestTriggersAlerts() async throws {
        let directory = try Self.catalogFolder(python: "3.13.1", description: "first")
        defer { try? FileManager.default.removeItem(at: directory) }
        var configuration = BacklineConfiguration(paths: BacklinePaths(home: TestServer.repositoryRoot))
        configuration.catalogPaths = [directory.path]
        configuration.health.cloneSourceLocations = false
        configuration.oncall.keepUserGroups = false

        // Start-up ingests and harvests; that harvest's evaluation is the team's first, which only records.
        let parts = try await BacklineParts(configuration: configuration, logger: Logger(label: "test"), mode: .service)
        #expect(try await Self.alerts(parts.database).isEmpty)

        try Self.write(directory, python: "3.9.18", description: "second one")
        _ = await parts.catalogRefresher.refreshAll()
        let told = try await Self.alerts(parts.database)
        let eol = try #require(told.first { $0.text.lowercased().contains("python") }, "\(told.map(\.text))")
        #expect(eol.channel == "#squad-x")
        #expect(eol.dedupeKey?.hasPrefix("alert:") == true)

        let job = try #require(try await parts.scheduledJobs().first { $0.id == "alerts" })
        try await job.run(Date())
        try Self.write(directory, python: "3.9.18", description: "the third one")
        _ = await parts.catalogRefresher.refreshAll()
        #expect(try await Self.alerts(parts.database).map(\.id) == told.map(\.id), "told once, not once per evaluation")
    }

    @Test("evaluations asked for at once (a harvest and the hourly job) tell a finding once")
    func concurrentEvaluations() async throws {
        let database = try await ProactiveDeliveryTests.database()
        let planner = try ProactiveDeliveryTests.planner(database)
        let start = ProactiveDeliveryTests.now
        let jobs = try ProactiveJobs(planner: planner, outbox: database.outbox, settings: DigestSettings(), now: { start + 60 }, logger: Logger(label: "test"))
        #expect(try await jobs.alerts.evaluate() == 0, "the first evaluation records")
        let docs = DocsFreshness(status: .stale, reasons: ["The code moved on."], codeDaysAheadOfDocs: 40, checkedAt: start)
        try await database.health.save(
            ComponentHarvest(entity: EntityRef(kind: "component", name: "b-api"), folder: "/srv/b-api", harvestedAt: start, harvest: ManifestHarvest(), docs: docs),
            manifests: [:])
        let alertJob = try #require(try await jobs.jobs().first { $0.id == "alerts" })
        async let first = jobs.alerts.evaluate()
        async let second = jobs.alerts.evaluate()
        async let hourly: Void = alertJob.run(start)
        let told = try await first + second
        try await hourly
        #expect(told <= 1, "whichever ran the evaluation told it; the others were folded into it")
        #expect(try await Self.alerts(database).count == 1)
        #expect(try await jobs.alerts.evaluate() == 0)
    }
}
