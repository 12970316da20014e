import ArgumentParser
import BacklineServer
import Catalog
import ChatOps
import Foundation
import Logging

/// `backline ask "/owner playlist-api"`: one chat command, answered at the terminal.
struct Ask: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Answer one chat command from the terminal, through the same pipeline as chat.",
        discussion: """
            Examples:
              backline ask "/owner playlist-api"
              backline ask --format json "/owner user-profile"
              backline ask --db backline.sqlite --format slack "/owner playlist-api"

            Exit status: 0 when the command was answered (even "not found"), 2 for usage errors and \
            unknown commands, 1 when something failed.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, slack, mattermost
    }

    @OptionGroup var catalogOptions: CatalogOptions

    @Option(name: .long, help: ArgumentHelp("Who is asking (a chat user id or catalog user name).", valueName: "user"))
    var `as`: String?

    @Option(name: .long, help: "Output: text for people, json for the structured answer, slack for the exact Slack response body.")
    var format: Format = .text

    @Argument(help: ArgumentHelp("The command line, quoted: \"/owner playlist-api\".", valueName: "command"))
    var commandLine: String

    func run() async throws {
        let paths = BacklinePaths.discover()
        let (store, report) = try await CatalogSetup.open(database: catalogOptions.db, catalogs: catalogOptions.catalog, paths: paths)
        let goalies = try OnCallSetup.directory(database: catalogOptions.db, catalogs: catalogOptions.catalog, catalog: store, paths: paths)
        let router = try CommandSet.router(commandsDirectory: paths.commands, goalies: goalies)
        if let report, report.hasErrors, !catalogOptions.catalog.isEmpty {
            FileHandle.standardError.write(Data("warning: the catalog has \(report.problems.filter { $0.severity == .error }.count) errors; run `backline catalog validate` to see them\n".utf8))
        }
        let invocation = Invocation(commandLine: commandLine, caller: Caller(userID: `as`), source: .cli)
        let context = CommandContext(catalog: store, logger: Logger(label: "backline.ask"))
        let reply = await router.handle(invocation, context: context)

        switch format {
        case .text: print(PlainTextRenderer.render(reply), terminator: "")
        case .json: print(try JSONRenderer.render(reply), terminator: "")
        case .slack: print(try SlackReplyRenderer.json(reply))
        case .mattermost: print(MattermostMarkdownRenderer.render(reply))
        }
        switch reply.data["error"]?["kind"]?.stringValue {
        case nil: return
        case "usage", "unknown-command", "user-error": throw ExitCode(2)
        default: throw ExitCode(1)
        }
    }
}
