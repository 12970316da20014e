import ArgumentParser

/// The `backline` command-line tool.
@main
struct Backline: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backline",
        abstract: "Your developer portal, in chat: who owns what, who is on call, where the docs are.",
        discussion: """
            Backline reads the files a Backstage installation reads (catalog-info.yaml and friends) into \
            SQLite and answers chat commands about them. Try it on the bundled demo catalog:

              backline ask "/owner playlist-api"
            """,
        subcommands: [
            Serve.self, Ask.self, CatalogCommand.self, HealthCommand.self, TemplateCommand.self, DigestCommand.self, CommandsCommand.self,
            Migrate.self,
        ]
    )
}
