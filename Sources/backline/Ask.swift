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

    @Option(name: .long, help: ArgumentHelp("YAML configuration file, as for serve (database, catalog, commands, pagers).", valueName: "file"))
    var config: String?

    @OptionGroup var catalogOptions: CatalogOptions

    @Option(name: .long, help: ArgumentHelp("Who is asking (a chat user id or catalog user name).", valueName: "user"))
    var `as`: String?

    @Option(name: .long, help: "Output: text for people, json for the structured answer, slack for the exact Slack response body.")
    var format: Format = .text

    @Argument(help: ArgumentHelp("The command line, quoted: \"/owner playlist-api\".", valueName: "command"))
    var commandLine: String

    func run() async throws {
        // Answers go to standard output; what the parts log (pager failures, rotation files that
        // do not load) goes to standard error.
        bootstrapStandardErrorLogging(level: .warning)
        let configuration = try catalogOptions.configuration(file: config)
        // The same parts as `backline serve`: one database, one pool per file, the same answerer.
        let parts = try await BacklineParts(configuration: configuration, logger: Logger(label: "backline.ask"))
        if let report = parts.ingestReport, report.hasErrors {
            let errors = report.problems.filter { $0.severity == .error }
            var lines = errors.prefix(10).map { "\($0)\n" }.joined()
            if errors.count > 10 { lines += "… and \(errors.count - 10) more; run `backline catalog validate` to see them all\n" }
            FileHandle.standardError.write(Data("warning: the catalog has \(errors.count) error(s); what they define is not answered:\n\(lines)".utf8))
        }
        let reply = await parts.answerer.answer(Invocation(commandLine: commandLine, caller: Caller(userID: `as`), source: .cli))

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
