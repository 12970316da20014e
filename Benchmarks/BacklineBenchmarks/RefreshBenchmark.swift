import ArgumentParser
import BacklineServer
import Catalog
import ChatOps
import Foundation
import Logging
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Issue #9's measurements on the synthetic catalog kept in a git repository: push → answer, the
/// CPU of a refresh that finds nothing, and `/owner` latency while a refresh rewrites every file.
struct Refresh: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Live catalog: push to answer, an unchanged refresh's CPU, /owner p99 during a full refresh.")

    @Option(help: "How many entities the synthetic catalog holds.")
    var entities = 100_000

    @Option(help: "How many /owner lookups to time during the full refresh (at most; it stops when the refresh ends).")
    var lookups = 200_000

    @Option(help: "Scratch directory for the repository, clones and database (replaced).")
    var workDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("backline-bench-refresh").path

    func run() async throws {
        let work = URL(fileURLWithPath: workDirectory)
        try? FileManager.default.removeItem(at: work)
        var catalog = SyntheticCatalog(entityCount: entities, directory: work.appendingPathComponent("repository"))
        let (files, written) = try catalog.write()
        let repository = catalog.directory
        try git(["init", "--quiet", "--initial-branch=main"], in: repository)
        try commitAll(repository, "synthetic catalog")
        let bare = work.appendingPathComponent("catalog.git")
        try git(["clone", "--quiet", "--bare", repository.path, bare.path], in: work)
        try git(["remote", "add", "origin", bare.path], in: repository)
        log("generated \(written) entities in \(files) files and committed them")

        var configuration = BacklineConfiguration()
        configuration.databasePath = work.appendingPathComponent("bench.sqlite").path
        configuration.catalogPaths = ["git:\(bare.path)#main"]
        configuration.catalog.cloneDirectory = work.appendingPathComponent("clones")
        let firstStart = ContinuousClock.now
        let parts = try await BacklineParts(configuration: configuration, logger: Logger(label: "bench"), mode: .service)
        var results: [(String, String)] = []
        results.append(("Start-up: clone and first ingest of \(try await parts.database.catalog.entityCount()) entities", (ContinuousClock.now - firstStart).formatted))
        let refreshes = RefreshLog()
        await parts.catalogRefresher.observe { refreshes.append($0) }
        let service = Task { await parts.catalogRefresher.run() }
        defer { service.cancel() }

        // 1. A refresh that finds nothing: fetch, walk, stat.
        for round in 1...3 {
            let cpu = cpuTime()
            let wall = ContinuousClock.now
            await parts.catalogRefresher.request()
            let outcome = await refreshes.next()
            precondition(outcome.status.failure == nil && outcome.changes.isEmpty, "nothing should change")
            results.append(("Refresh that finds nothing changed (round \(round))",
                            "\((ContinuousClock.now - wall).formatted) wall; CPU \(cpu.ownElapsed.formatted) in Backline + \(cpu.childrenElapsed.formatted) in git"))
        }

        // 2. One file changes: push, then the webhook's request, until /owner shows the new owner.
        let name = catalog.componentNames[catalog.componentNames.count / 2]
        let file = repository.appendingPathComponent("repos/\(name)/catalog-info.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        let newOwner = "team-handover"
        try text.replacingOccurrences(of: #"owner: team-\d+\n  system"#, with: "owner: \(newOwner)\n  system", options: .regularExpression)
            .write(to: file, atomically: true, encoding: .utf8)
        try commitAll(repository, "hand \(name) over")
        try git(["push", "--quiet", "origin", "main"], in: repository)
        let webhook = ContinuousClock.now
        let sources = parts.catalogRefresher.sources(forPushTo: ["file://\(bare.path)"], branch: "main", defaultBranch: "main")
        precondition(sources.count == 1, "the push must match the source")
        await parts.catalogRefresher.request(sources)
        let outcome = await refreshes.next()
        let answer = await parts.answerer.answer(Invocation(commandLine: "/owner \(name)"))
        let elapsed = ContinuousClock.now - webhook
        precondition(outcome.changes.contains { $0.kind == .ownerChanged }, "the refresh must record the handover")
        precondition(answer.data["matches"]?.arrayValue?.first?["owner"]?["ref"]?.stringValue == "group:default/\(newOwner)", "the answer must show the new owner: \(answer.summary)")
        results.append(("Push of one changed file → `/owner` shows the new owner (webhook request to answer)", elapsed.formatted))

        // 3. A commit that rewrites every file, refreshed while /owner lookups run.
        let descriptors = try FileManager.default.subpathsOfDirectory(atPath: repository.appendingPathComponent("repos").path).filter { $0.hasSuffix("catalog-info.yaml") }
        for path in descriptors {
            let url = repository.appendingPathComponent("repos").appendingPathComponent(path)
            try (try String(contentsOf: url, encoding: .utf8)).replacingOccurrences(of: "handles part of", with: "handles a part of")
                .write(to: url, atomically: false, encoding: .utf8)
        }
        try commitAll(repository, "reword every description")
        try git(["push", "--quiet", "origin", "main"], in: repository)
        let fullStart = ContinuousClock.now
        let fullCPU = cpuTime()
        await parts.catalogRefresher.request(sources)
        var owner = Samples()
        var generator = SplitMix64(seed: 7)
        var done: RefreshOutcomeBox?
        while done == nil, owner.durations.count < lookups {
            let lookup = catalog.componentNames[Int(generator.next() % UInt64(catalog.componentNames.count))]
            _ = await owner.measure { await parts.answerer.answer(Invocation(commandLine: "/owner \(lookup)")) }
            done = refreshes.poll()
        }
        let full: CatalogRefresher.Outcome
        if let done { full = done.outcome } else { full = await refreshes.next() }
        let fullTime = ContinuousClock.now - fullStart
        results.append(("Full refresh (every one of \(descriptors.count) files changed), one transaction", "\(fullTime.formatted) wall, CPU \(fullCPU.ownElapsed.formatted) in Backline (with the lookups) + \(fullCPU.childrenElapsed.formatted) in git; \(full.status.entityCount) entities"))
        results.append(("`/owner NAME` during that refresh, p50 / p99 (\(owner.durations.count) lookups)", "\(owner.percentile(0.5).formatted) / \(owner.percentile(0.99).formatted)"))
        if let peak = peakMemoryMiB() { results.append(("Peak resident memory (VmHWM) of the whole run", String(format: "%.0f MiB", peak))) }

        print("| measurement | result |\n|---|---|")
        for (name, value) in results { print("| \(name) | \(value) |") }
    }

    private func commitAll(_ repository: URL, _ message: String) throws {
        try git(["add", "-A"], in: repository)
        try git(["-c", "user.name=Bench", "-c", "user.email=bench@example.com", "commit", "--quiet", "-m", message], in: repository)
    }

    private func git(_ arguments: [String], in directory: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = directory
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ValidationError("git \(arguments.joined(separator: " ")) failed") }
    }
}

/// The refreshes the refresher reports, handed to the benchmark one by one.
final class RefreshLog: Sendable {
    private struct State {
        var outcomes: [CatalogRefresher.Outcome] = []
        var waiter: CheckedContinuation<CatalogRefresher.Outcome, Never>?
    }

    private let state = Mutex(State())

    func append(_ outcome: CatalogRefresher.Outcome) {
        let waiter = state.withLock { state -> CheckedContinuation<CatalogRefresher.Outcome, Never>? in
            guard let waiter = state.waiter else {
                state.outcomes.append(outcome)
                return nil
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume(returning: outcome)
    }

    func next() async -> CatalogRefresher.Outcome {
        await withCheckedContinuation { continuation in
            let first = state.withLock { state -> CatalogRefresher.Outcome? in
                guard !state.outcomes.isEmpty else {
                    state.waiter = continuation
                    return nil
                }
                return state.outcomes.removeFirst()
            }
            if let first { continuation.resume(returning: first) }
        }
    }

    func poll() -> RefreshOutcomeBox? {
        state.withLock { state in state.outcomes.isEmpty ? nil : RefreshOutcomeBox(outcome: state.outcomes.removeFirst()) }
    }
}

struct RefreshOutcomeBox { var outcome: CatalogRefresher.Outcome }

/// CPU time of this process and of its finished children (git), from a starting point.
struct CPUTime {
    let own: Duration
    let children: Duration
    var ownElapsed: Duration { processCPUTime() - own }
    var childrenElapsed: Duration { processCPUTime(children: true) - children }
}

func cpuTime() -> CPUTime { CPUTime(own: processCPUTime(), children: processCPUTime(children: true)) }
