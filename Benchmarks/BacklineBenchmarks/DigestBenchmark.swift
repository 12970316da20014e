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

    @Option(help: "Scratch directory (replaced unless --reuse finds a finished one).")
    var workDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("backline-bench-digests").path

    @Flag(help: "Reuse the catalog and harvests a previous run left in the scratch directory (saves about 3 minutes when profiling).")
    var reuse = false

    func run() async throws {
        let work = URL(fileURLWithPath: workDirectory)
        let path = work.appendingPathComponent("bench.sqlite").path
        let finished = work.appendingPathComponent("harvests-stored")
        if reuse, FileManager.default.fileExists(atPath: finished.path) {
            log("reusing the catalog and harvests in \(work.path)")
            try await compose(database: BacklineDatabase.open(path: path))
            return
        }
        try? FileManager.default.removeItem(at: work)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
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
        FileManager.default.createFile(atPath: finished.path, contents: nil)
        try await compose(database: database)
    }

    /// Composes and renders every team's digest, one after another and then all at once, and
    /// prints the measurements.
    private func compose(database: BacklineDatabase) async throws {
        let settings = HealthSettings(paths: BacklinePaths.discover())
        // Without the bundled release data nothing is measured as outdated and the digests come
        // out smaller: a run from another folder would measure a different workload.
        guard FileManager.default.fileExists(atPath: settings.releases.path) else {
            throw ValidationError("no release data at \(settings.releases.path): run from the repository or set BACKLINE_HOME")
        }
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
        let utc = TimeZone(identifier: "UTC")!
        let teams = try await composer.teams()

        // One after another: each team's own composition time.
        var digests: [TeamDigest] = []
        var cpuBefore = processCPUTime()
        var started = ContinuousClock.now
        var blocks = 0
        var slowest = Duration.zero
        for team in teams {
            let one = ContinuousClock.now
            let digest = try await composer.compose(team: team, now: now, timeZone: utc)
            blocks += try DigestReply.reply(digest).blocks.count
            slowest = max(slowest, ContinuousClock.now - one)
            digests.append(digest)
        }
        let sequential = (wall: ContinuousClock.now - started, cpu: processCPUTime() - cpuBefore)

        // Due together, as the scheduler runs digest jobs that fall due at once (every team on
        // the default Monday 09:00 in one zone): as many at a time as the scheduler runs.
        let width = SchedulerService<ContinuousClock>.defaultConcurrentRuns
        cpuBefore = processCPUTime()
        started = ContinuousClock.now
        let together = try await withThrowingTaskGroup(of: (Int, TeamDigest).self) { group in
            var waiting = teams.enumerated()[...]
            func startNext() {
                guard let (index, team) = waiting.popFirst() else { return }
                group.addTask {
                    let digest = try await composer.compose(team: team, now: now, timeZone: utc)
                    _ = try DigestReply.reply(digest)
                    return (index, digest)
                }
            }
            for _ in 0..<width { startNext() }
            var byIndex: [Int: TeamDigest] = [:]
            for try await (index, digest) in group {
                byIndex[index] = digest
                startNext()
            }
            return teams.indices.compactMap { byIndex[$0] }
        }
        let concurrent = (wall: ContinuousClock.now - started, cpu: processCPUTime() - cpuBefore)

        var checksum = ContentChecksum()
        for digest in digests { checksum.add(String(decoding: try encoder.encode(digest), as: UTF8.self)) }
        var concurrentChecksum = ContentChecksum()
        for digest in together { concurrentChecksum.add(String(decoding: try encoder.encode(digest), as: UTF8.self)) }
        print("| measurement | result | goal |\n|---|---|---|")
        print("| digests composed and rendered | \(teams.count) teams, \(blocks) blocks | 500 teams |")
        print("| due together, \(width) at a time as the scheduler runs them: wall / CPU | \(concurrent.wall.formatted) / \(concurrent.cpu.formatted) | ≤ 5 s |")
        print("| one after another: wall / CPU | \(sequential.wall.formatted) / \(sequential.cpu.formatted) | — |")
        print("| slowest team, one after another | \(slowest.formatted) | — |")
        print("| content checksum (FNV-1a of every digest as JSON) | \(checksum.hex)\(checksum.hex == concurrentChecksum.hex ? "" : " (concurrent run: \(concurrentChecksum.hex), DIFFERENT)") | unchanged by speed work |")
        if let memory = peakMemoryMiB() { print("| peak resident memory (VmHWM, mapped database pages counted per reader) | \(String(format: "%.0f MiB", memory)) | — |") }
        if let memory = anonymousMemoryMiB() { print("| private memory at the end (RssAnon) | \(String(format: "%.0f MiB", memory)) | — |") }
    }
}
