import ArgumentParser
import BacklineServer
import Catalog
import ChatOps
import Foundation
import TechHealth

/// Issue #12's composition measurement: every team's weekly digest over the 100,000-entity
/// synthetic catalog (500 teams), with a tech-health harvest stored for every component, composed
/// and rendered as a `Reply` the way the digest job does.
struct DigestComposition: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digests", abstract: "Compose every team's weekly digest over the synthetic catalog with harvests stored.")

    @Option(help: "Roughly how many entities in the synthetic catalog.")
    var entities = 100_000

    @Option(help: "Scratch directory (replaced).")
    var workDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("backline-bench-digests").path

    func run() async throws {
        let work = URL(fileURLWithPath: workDirectory)
        try? FileManager.default.removeItem(at: work)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let path = work.appendingPathComponent("bench.sqlite").path
        let built = ContinuousClock.now
        _ = try await CommandBenchmarks.syntheticCatalog(entities: entities, path: path)
        let database = try BacklineDatabase.open(path: path)
        let components = try await database.catalog.entities(ofKinds: ["component"]).map(\.ref)
        log("synthetic catalog: \(try await database.catalog.entityCount()) entities, \(components.count) components in \((ContinuousClock.now - built).formatted)")

        // A harvest per component, as a real one stores it: npm packages at spread versions, a
        // runtime pin (some end of life), a Python pin on every fourth.
        let storing = ContinuousClock.now
        let packages = ["react", "lodash", "express", "axios", "typescript", "jest"]
        for (index, component) in components.enumerated() {
            var dependencies = packages.enumerated().map { offset, name in
                HarvestedDependency(
                    ecosystem: .npm, name: name, declared: "^\(1 + (index + offset) % 18).0.0", version: "\(1 + (index + offset) % 18).\(index % 7).0",
                    direct: true, location: ManifestLocation(file: "package-lock.json", line: 10 + offset))
            }
            if index % 4 == 0 {
                dependencies.append(HarvestedDependency(
                    ecosystem: .pypi, name: "django", version: "4.\(index % 3).0", direct: true, location: ManifestLocation(file: "requirements.txt", line: 1)))
            }
            let runtimes = [RuntimePin(runtime: "nodejs", version: "\(16 + (index % 4) * 2).0.0", location: ManifestLocation(file: ".nvmrc", line: 1))]
            try await database.health.save(
                ComponentHarvest(
                    entity: component, folder: nil, harvestedAt: Date(), harvest: ManifestHarvest(dependencies: dependencies, runtimes: runtimes)),
                manifests: [:])
        }
        log("stored \(components.count) harvests in \((ContinuousClock.now - storing).formatted)")

        let settings = HealthSettings(paths: BacklinePaths.discover())
        let health = try HealthContext.load(
            store: database.health, releases: settings.releases, eol: settings.eol, policy: settings.policy,
            scorecards: settings.scorecards, docsPolicy: settings.docsPolicy)
        let composer = DigestComposer(
            catalog: database.catalog, health: database.health, measurer: health.measurer, incidents: database.oncall,
            scorecards: (try? Scorecard.load(directory: health.scorecardsDirectory)) ?? [])
        // A fixed moment (a Monday 09:00, the default digest time), so every run composes the
        // same digests and the checksum below compares runs.
        let now = Date(timeIntervalSince1970: 1_796_634_000)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        var digests: [TeamDigest] = []
        let cpuBefore = processCPUTime()
        let started = ContinuousClock.now
        let teams = try await composer.teams()
        var blocks = 0
        var slowest = Duration.zero
        for team in teams {
            let one = ContinuousClock.now
            let digest = try await composer.compose(team: team, now: now, timeZone: TimeZone(identifier: "UTC")!)
            let reply = try DigestReply.reply(digest)
            blocks += reply.blocks.count
            slowest = max(slowest, ContinuousClock.now - one)
            digests.append(digest)
        }
        let total = ContinuousClock.now - started
        let cpu = processCPUTime() - cpuBefore
        var checksum = ContentChecksum()
        for digest in digests { checksum.add(String(decoding: try encoder.encode(digest), as: UTF8.self)) }
        print("| measurement | result | goal |\n|---|---|---|")
        print("| digests composed and rendered | \(teams.count) teams, \(blocks) blocks | 500 teams |")
        print("| total wall / CPU | \(total.formatted) / \(cpu.formatted) | ≤ 5 s |")
        print("| slowest team | \(slowest.formatted) | — |")
        print("| content checksum (FNV-1a of every digest as JSON) | \(checksum.hex) | unchanged by speed work |")
        if let memory = peakMemoryMiB() { print("| peak memory | \(String(format: "%.0f MiB", memory)) | — |") }
    }
}
