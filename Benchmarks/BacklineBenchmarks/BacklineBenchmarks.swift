import ArgumentParser
import Foundation

/// `backline-bench`: the measurements reported in BENCHMARKS.md. Run in release mode:
///
///     swift run -c release backline-bench catalog --entities 100000
@main
struct BacklineBenchmarks: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backline-bench",
        abstract: "Measure Backline on a synthetic catalog (release builds only give meaningful numbers).",
        subcommands: [
            Catalog.self, Commands.self, Refresh.self, HealthHarvestBenchmark.self, HeatmapPicture.self, HTTPServers.self, WrkScript.self,
            PacedLoad.self, OutboxDelivery.self, ScaffolderBenchmark.self, DigestComposition.self,
        ])

    struct Catalog: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ingest, re-ingest, /owner and \"did you mean\" latency, and peak memory.")

        @Option(help: "How many entities the synthetic catalog holds.")
        var entities = 100_000

        @Option(help: "How many /owner lookups to time.")
        var lookups = 5_000

        @Option(help: "Scratch directory for the generated catalog and database (replaced).")
        var workDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("backline-bench").path

        func run() async throws {
            let results = try await CatalogBenchmark(
                entityCount: entities, workDirectory: URL(fileURLWithPath: workDirectory), lookups: lookups
            ).run()
            print("| measurement | result |\n|---|---|")
            for (name, value) in results { print("| \(name) | \(value) |") }
        }
    }
}
