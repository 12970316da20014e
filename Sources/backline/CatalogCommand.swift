import ArgumentParser
import BacklineServer
import Catalog
import Foundation

/// `backline catalog …`: load and check catalog files.
struct CatalogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Ingest catalog files into the database, or validate them.",
        subcommands: [Ingest.self, Validate.self])
}

extension CatalogCommand {
    /// `backline catalog ingest PATH... [--db FILE]`.
    struct Ingest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read catalog directories, files or git repositories into the database, incrementally.",
            discussion: """
                A directory contributes every catalog-info.yaml in it plus every file its Location \
                entities point at. A git repository (a clone URL, git@host:org/repo, a path ending in \
                .git, or anything prefixed with git:; add #branch to pick one) is cloned with git. \
                Unchanged files are skipped; entities whose file disappeared are removed.

                Examples:
                  backline catalog ingest config/catalog --db backline.sqlite
                  backline catalog ingest https://github.com/acme/catalog.git#main --db backline.sqlite
                """)

        @Argument(help: ArgumentHelp("Directories, files or git repositories to read.", valueName: "path"))
        var paths: [String]

        @Option(name: .long, help: ArgumentHelp("SQLite database file to write.", valueName: "file"))
        var db = "backline.sqlite"

        @Option(name: .long, help: "List at most this many refs per category (added, updated, removed).")
        var listLimit = 100

        func validate() throws {
            if paths.isEmpty { throw ValidationError("Name at least one catalog directory, file or git repository.") }
        }

        func run() async throws {
            let started = ContinuousClock.now
            let store = try BacklineDatabase.open(path: db).catalog
            let report = try await CatalogIngester(store: store).ingest(paths.map(CatalogSource.init(argument:))) { progress in
                guard progress.filesDiscovered > CatalogIngester.progressThreshold else { return }
                FileHandle.standardError.write(Data("\(progress.source): \(progress.filesProcessed)/\(progress.filesDiscovered) files\n".utf8))
            }
            IngestReportPrinter(limit: listLimit).print(report, database: db, duration: ContinuousClock.now - started)
            if report.hasErrors { throw ExitCode(1) }
        }
    }

    /// `backline catalog validate PATH...`.
    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check catalog files against Backstage's rules; exit 1 and print file:line problems when any is invalid.",
            discussion: """
                Reads the paths as ingest does (following Location entities) without touching any \
                database. Use it in a repository's CI:

                  backline catalog validate catalog-info.yaml
                """)

        @Argument(help: ArgumentHelp("Directories, files or git repositories to check.", valueName: "path"))
        var paths: [String]

        @Flag(name: .long, help: "Also print warnings (remote placeholders, duplicate entities).")
        var warnings = false

        func validate() throws {
            if paths.isEmpty { throw ValidationError("Name at least one catalog directory, file or git repository.") }
        }

        func run() async throws {
            let store = try CatalogStore.inMemory()
            let report = try await CatalogIngester(store: store).ingest(paths.map(CatalogSource.init(argument:)))
            let shown = report.problems.filter { warnings || $0.severity == .error }
            for problem in shown { print(problem) }
            let errors = report.problems.filter { $0.severity == .error }.count
            let entities = try await store.entityCount()
            let summary = "\(entities) valid entities in \(report.filesParsed) files; \(errors) errors, \(report.problems.count - errors) warnings"
            FileHandle.standardError.write(Data((summary + "\n").utf8))
            if errors > 0 { throw ExitCode(1) }
        }
    }
}
