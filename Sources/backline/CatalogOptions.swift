import ArgumentParser
import BacklineServer
import Logging

/// `--db` and `--catalog`, shared by every subcommand that reads the catalog.
struct CatalogOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("SQLite database file holding the catalog.", valueName: "file"))
    var db: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A catalog directory, descriptor file or git repository to ingest first (repeatable). Without --db and --catalog, the bundled demo catalog is used.",
            valueName: "path"))
    var catalog: [String] = []
}

extension CatalogOptions {
    /// The configuration `serve` and `ask` share: the YAML file (when given) and the environment's
    /// secrets, then `--db` and `--catalog` over them. A file that cannot be used is a usage error.
    func configuration(file: String?) throws -> BacklineConfiguration {
        var configuration: BacklineConfiguration
        do {
            configuration = try BacklineConfiguration.load(file: file)
        } catch let error as ConfigurationError {
            throw ValidationError(error.description)
        }
        if let db { configuration.databasePath = db }
        if !catalog.isEmpty { configuration.catalogPaths = catalog }
        return configuration
    }
}

/// Sends every log line at `level` or above to standard error, so standard output carries only
/// what the command prints (answers, reports).
func bootstrapStandardErrorLogging(level: Logger.Level) {
    LoggingSystem.bootstrap { label in
        var handler = StreamLogHandler.standardError(label: label)
        handler.logLevel = level
        return handler
    }
}
