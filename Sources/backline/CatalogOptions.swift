import ArgumentParser

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
