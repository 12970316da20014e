import ArgumentParser
import Catalog

/// `backline migrate`: bring a database's schema up to date without starting anything.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create or upgrade the database schema, then print the applied migrations.")

    @Option(name: .long, help: ArgumentHelp("SQLite database file.", valueName: "file"))
    var db = "backline.sqlite"

    func run() async throws {
        let store = try CatalogStore(path: db)
        for name in try await store.appliedMigrations() { print(name) }
    }
}
