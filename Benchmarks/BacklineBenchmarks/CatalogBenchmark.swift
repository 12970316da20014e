import BacklineServer
import Catalog
import ChatOps
import Foundation
import Logging

/// Issue #2's measurements: full ingest, unchanged re-ingest, `/owner` latency through the command
/// pipeline, "did you mean" latency and peak memory, on a synthetic catalog.
struct CatalogBenchmark {
    let entityCount: Int
    let workDirectory: URL
    let lookups: Int

    func run() async throws -> [(String, String)] {
        var results: [(String, String)] = []
        var catalog = SyntheticCatalog(entityCount: entityCount, directory: workDirectory.appendingPathComponent("catalog"))
        let generation = ContinuousClock.now
        let (files, entities) = try catalog.write()
        log("generated \(entities) entities in \(files) files in \((ContinuousClock.now - generation).formatted)")

        let database = workDirectory.appendingPathComponent("bench.sqlite").path
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
        let store = try CatalogStore(path: database)
        let ingester = CatalogIngester(store: store)
        let source = CatalogSource.path(catalog.directory.path)

        let fullStart = ContinuousClock.now
        let fullCPUStart = processCPUTime()
        let full = try await ingester.ingest([source])
        let fullTime = ContinuousClock.now - fullStart
        let fullCPU = processCPUTime() - fullCPUStart
        precondition(full.problems.isEmpty, "synthetic catalog must be valid: \(full.problems.prefix(3))")
        let stored = try await store.entityCount()
        results.append(("Full ingest of \(stored) entities (\(files) files)", "\(fullTime.formatted) wall, \(fullCPU.formatted) CPU (\(Int(Double(stored) / fullTime.seconds)) entities/s)"))
        log("full ingest \(fullTime.formatted)")

        let againStart = ContinuousClock.now
        let againCPUStart = processCPUTime()
        let again = try await ingester.ingest([source])
        let againTime = ContinuousClock.now - againStart
        let againCPU = processCPUTime() - againCPUStart
        precondition(again.filesParsed == 0 && again.added.isEmpty && again.removed.isEmpty, "nothing should change")
        results.append(("Re-ingest, nothing changed (\(again.filesUnchanged) files skipped)", "\(againTime.formatted) wall, \(againCPU.formatted) CPU"))
        log("re-ingest \(againTime.formatted)")

        let router = try CommandSet.router(commandsDirectory: BacklinePaths.discover().commands)
        let context = CommandContext(catalog: store, logger: Logger(label: "bench"))
        var generator = SplitMix64(seed: 42)
        let names = catalog.componentNames

        // Warm-up outside the measurement: the first calls open pool connections.
        for name in names.prefix(50) { _ = await router.handle(Invocation(commandLine: "/owner \(name)"), context: context) }
        var owner = Samples()
        for _ in 0..<lookups {
            let name = names[Int(generator.next() % UInt64(names.count))]
            let reply = await owner.measure { await router.handle(Invocation(commandLine: "/owner \(name)"), context: context) }
            precondition(reply.data["status"] == "found", "lookup of \(name) must succeed")
        }
        results.append(("`/owner NAME` through the pipeline, p50 / p99 (\(lookups) lookups)", "\(owner.percentile(0.5).formatted) / \(owner.percentile(0.99).formatted)"))

        let indexStart = ContinuousClock.now
        _ = try await store.suggestions(for: "warm-up")
        results.append(("Suggestion index build (first \"did you mean\" after a change)", (ContinuousClock.now - indexStart).formatted))
        var suggestions = Samples()
        for _ in 0..<min(lookups, 1000) {
            var characters = Array(names[Int(generator.next() % UInt64(names.count))])
            characters.remove(at: Int(generator.next() % UInt64(characters.count)))  // a typo: one letter dropped
            let typo = String(characters)
            let reply = await suggestions.measure { await router.handle(Invocation(commandLine: "/owner \(typo)"), context: context) }
            precondition(reply.data["status"] == "notFound" || reply.data["status"] == "found", "unexpected reply for \(typo)")
        }
        results.append(("\"Did you mean\" for a misspelled name, p50 / p99 (\(min(lookups, 1000)) lookups)", "\(suggestions.percentile(0.5).formatted) / \(suggestions.percentile(0.99).formatted)"))
        if let peak = peakMemoryMiB() { results.append(("Peak resident memory (VmHWM) of the whole run", String(format: "%.0f MiB", peak))) }
        return results
    }
}

func log(_ message: String) {
    FileHandle.standardError.write(Data("[bench] \(message)\n".utf8))
}

/// A small deterministic generator so runs pick the same names.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
