import ArgumentParser
import BacklineServer
import ChatOps
import Foundation

extension BacklineBenchmarks {
    /// Issue #10's picture budget: the heat map PNG for 2,000 repositories drawn in ≤ 200 ms.
    struct HeatmapPicture: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "heatmap",
            abstract: "p50/p99 of drawing the heat map PNG for N synthetic repositories, by team and by service.")

        @Option(help: "How many repositories the heat map counts.")
        var repositories = 2_000

        @Option(help: "Teams the repositories belong to.")
        var teams = 120

        @Option(help: "Timed draws per shape.")
        var samples = 100

        @Option(help: "Pixels per point of the picture.")
        var scale = 1.0

        func run() async throws {
            print("| measurement | p50 | p99 | picture |\n|---|---|---|---|")
            for byService in [false, true] {
                let map = HeatmapBenchmark.syntheticMap(repositories: repositories, teams: teams, byService: byService)
                let style = HeatmapPictureStyle(scale: scale)
                var times = Samples()
                var size = 0
                _ = try HeatmapPNG.draw(map, style: style)  // warm up fontconfig's caches
                for _ in 0..<samples {
                    size = try await times.measure { try HeatmapPNG.draw(map, style: style) }.count
                }
                let shape = "\(map.rows.count) \(byService ? "services" : "teams") × \(map.columns.count) versions"
                print("| heat map PNG, \(repositories) repositories by \(byService ? "service" : "team") (\(shape)) | \(times.percentile(0.5).formatted) | \(times.percentile(0.99).formatted) | \(size / 1024) KiB |")
            }
        }
    }
}

/// A believable organisation-wide spread of one package's versions: most repositories on the two
/// newest lines, a long tail on old majors, a few on end-of-life ones.
enum HeatmapBenchmark {
    static let versions = ["19.2.0", "19.1.1", "19.0.0", "18.3.1", "18.2.0", "17.0.2", "16.14.0", "16.8.6", "15.7.0", "0.14.10"]

    static func severity(ofColumn column: Int) -> Heatmap.Severity {
        switch column {
        case 0: .current
        case 1...2: .minorBehind
        case 3...6: .majorBehind
        default: .endOfLife
        }
    }

    static func syntheticMap(repositories: Int, teams: Int, byService: Bool) -> Heatmap {
        var generator = SplitMix64(seed: 10)
        let rowCount = byService ? repositories : teams
        var counts = Array(repeating: Array(repeating: 0, count: versions.count), count: rowCount)
        for repository in 0..<repositories {
            let roll = Double(generator.next() % 1000) / 1000
            // Skewed towards new versions: the square pulls most rolls near zero.
            let column = min(versions.count - 1, Int(roll * roll * Double(versions.count)))
            counts[byService ? repository : repository % teams][column] += 1
        }
        let rows = (0..<rowCount).map { byService ? "service-\($0)-\(["api", "worker", "web", "ingest"][$0 % 4])" : "team-\($0)-platform" }
        var cells: [Heatmap.Cell] = []
        for (row, columns) in counts.enumerated() {
            for (column, count) in columns.enumerated() where count > 0 {
                cells.append(Heatmap.Cell(row: row, column: column, count: count, severity: severity(ofColumn: column)))
            }
        }
        return Heatmap(
            title: "react (npm)", subtitle: "by \(byService ? "service" : "team") · \(repositories) repositories",
            asOf: Date(timeIntervalSince1970: 1_774_828_800), rows: rows, columns: versions, cells: cells)
    }
}
