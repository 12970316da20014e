import ArgumentParser
import BacklineServer
import Catalog
import Foundation
import Logging
import TechHealth
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `backline health …`: the tech-health inventory at the terminal.
struct HealthCommand: AsyncParsableCommand {
    /// The subcommands; a new one (`heatmap`, …) is one more entry here.
    static let subcommands: [any ParsableCommand.Type] = [Harvest.self, HeatmapPicture.self]

    static let configuration = CommandConfiguration(
        commandName: "health",
        abstract: "Harvest and inspect the tech health of every component: dependencies, runtimes, docs freshness.",
        subcommands: subcommands)
}

extension HealthCommand {
    /// `backline health harvest [--db FILE] [--catalog PATH]... [--config FILE]`.
    struct Harvest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read every component's dependency manifests and docs into the database.",
            discussion: """
                Ingests the catalog sources given (as `catalog ingest` does), then harvests every \
                Component: the manifest files in the folder its catalog-info.yaml was found in \
                (package.json and lock files, go.mod, pom.xml, Gradle, requirements*.txt, pyproject.toml, \
                Cargo, Gemfile.lock, Package.swift/.resolved, Dockerfile, .nvmrc and other runtime pins), \
                and, for components with backstage.io/techdocs-ref: dir:…, how fresh their docs are \
                against the code's git history.

                The harvest is incremental: files that kept their size and time are not read again, \
                files whose content did not change are not parsed again, and docs are checked again \
                only when the repository's commit moved. A file that does not parse is a finding on \
                its component, not a failure: the exit status is 0 unless the run itself failed.

                Without --db the harvest is kept in memory and only the summary is useful. Without \
                --catalog, the components already in the database are harvested (git sources' \
                components keep their last harvest: their clones belong to `serve`).

                Examples:
                  backline health harvest --db backline.sqlite --catalog config/catalog
                  backline health harvest --config config/backline.yaml
                  backline health harvest --db backline.sqlite --catalog https://github.com/acme/catalog.git#main
                """)

        @Option(name: .long, help: ArgumentHelp("YAML configuration file, as for serve (database, catalog, health files).", valueName: "file"))
        var config: String?

        @OptionGroup var catalogOptions: CatalogOptions

        @Flag(name: .long, help: "Also clone the git repositories that backstage.io/source-location names (reaches the network).")
        var cloneSourceLocations = false

        @Option(name: .long, help: "List at most this many components whose sources could not be read.")
        var listLimit = 20

        func run() async throws {
            bootstrapStandardErrorLogging(level: .warning)
            let configuration = try catalogOptions.configuration(file: config)
            let database = try BacklineDatabase.open(path: configuration.databasePath)
            let gitTimeout = Duration.milliseconds(Int64(configuration.catalog.gitTimeoutSeconds * 1000))
            let sources = !configuration.catalogPaths.isEmpty ? configuration.catalogPaths
                : configuration.databasePath == nil ? [configuration.demoCatalogDirectory.path] : []

            var directories: [String: URL] = [:]
            var ingest: OneShotIngest?
            defer { ingest?.remove() }
            if !sources.isEmpty {
                let started = ContinuousClock.now
                let done = try await OneShotIngest.run(sources.map(CatalogSource.init(argument:)), store: database.catalog, gitTimeout: gitTimeout)
                ingest = done
                directories = done.directories
                let report = done.report
                let errors = report.problems.filter { $0.severity == .error }.count
                print("""
                    Ingested \(sources.count) source(s) in \(Self.format(ContinuousClock.now - started)): \
                    \(report.added.count) added, \(report.updated.count) updated, \(report.removed.count) removed, \(errors) errors
                    """)
            }

            let harvester = HealthHarvester(
                catalog: database.catalog, store: database.health,
                settings: HarvestSettings(
                    cloneSourceLocations: cloneSourceLocations,
                    cloneCache: cloneSourceLocations ? configuration.catalog.resolvedCloneDirectory(database: configuration.databasePath) : nil,
                    gitTimeout: gitTimeout, docs: DocsFreshnessChecker(policy: configuration.health.docsPolicy)))
            let line = ProgressLine(interactive: isatty(STDERR_FILENO) == 1)
            let report = try await harvester.harvest(sourceDirectories: directories, now: Date()) { progress in
                line.show(progress)
            }
            line.finish()
            print(Self.summary(report, database: configuration.databasePath, limit: listLimit))
            let health = try HealthContext.load(
                store: database.health, releases: configuration.health.releases, eol: configuration.health.eol,
                policy: configuration.health.policy, scorecards: configuration.health.scorecards, docsPolicy: configuration.health.docsPolicy,
                registries: (configuration.health.registries, AsyncHTTPRegistryTransport()))
            if let warmed = await health.warmRegistryCache() {
                print("Registries: \(warmed.asked) package(s) asked, \(warmed.fresh) fresh in the cache, \(warmed.failed) failed with nothing cached")
            }
            let scored = try await health.score(catalog: database.catalog, now: Date())
            print("Scored \(scored) scorecard result(s) for today")
        }

        static func summary(_ report: HarvestReport, database: String?, limit: Int) -> String {
            var lines = ["""
                Harvested \(report.componentsHarvested) components into \(database ?? "memory") in \(format(report.duration)): \
                \(report.componentsUnchanged) unchanged; \(report.filesParsed) files parsed, \(report.filesReused) reused; \
                \(report.docsChecked) docs checks; \(report.problems) manifest problems; \
                \(report.sourceProblems.count) components whose sources could not be read\
                \(report.componentsForgotten > 0 ? "; \(report.componentsForgotten) gone from the catalog, forgotten" : "")
                """]
            let unreadable = report.sourceProblems.sorted { $0.key < $1.key }
            for (ref, problem) in unreadable.prefix(limit) { lines.append("  \(ref): \(problem)") }
            if unreadable.count > limit { lines.append("  … and \(unreadable.count - limit) more (raise --list-limit to see them)") }
            return lines.joined(separator: "\n")
        }

        static func format(_ duration: Duration) -> String {
            let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
            return String(format: "%.2f s", seconds)
        }
    }
}

/// The harvest's progress on standard error: one line rewritten with `\r` on a terminal, a line
/// per tenth otherwise (a log file should not get 2,000 lines).
struct ProgressLine: Sendable {
    let interactive: Bool

    func show(_ progress: HarvestProgress) {
        guard progress.total > 0 else { return }
        if interactive {
            write("\rharvesting: \(progress.done)/\(progress.total) components")
        } else if progress.done == progress.total || progress.done % max(1, progress.total / 10) == 0, progress.done > 0 {
            write("harvesting: \(progress.done)/\(progress.total) components\n")
        }
    }

    func finish() {
        if interactive { write("\n") }
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
