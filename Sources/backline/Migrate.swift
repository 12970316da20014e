import ArgumentParser
import BacklineServer

/// `backline migrate`: bring a database's schema up to date without starting anything.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create or upgrade the database schema (every target's migrations), then print the applied migrations.")

    @Option(name: .long, help: ArgumentHelp("SQLite database file.", valueName: "file"))
    var db = "backline.sqlite"

    func run() async throws {
        let database = try BacklineDatabase.open(path: db)
        for name in try await database.appliedMigrations() { print(name) }
    }
}
