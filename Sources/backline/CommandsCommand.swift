import ArgumentParser
import BacklineServer
import ChatOps
import Foundation

/// `backline commands …`: the command specs in `commands/`.
struct CommandsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "commands",
        abstract: "Check the command specs in commands/ and generate the Slack app manifest's slash commands.",
        subcommands: [Check.self, Manifest.self])

    /// `backline commands check [DIR]`: loads and freezes the specs as the server would.
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate the command specs (exit 1 and file:line: field messages when any is invalid).")

        @Argument(help: "The specs directory (default: the commands/ Backline uses).")
        var directory: String?

        func run() async throws {
            let url = directory.map { URL(fileURLWithPath: $0) } ?? BacklinePaths.discover().commands
            do {
                let router = try CommandSet.router(commandsDirectory: url)
                print("\(router.specs.count) commands: " + router.specs.map { "/\($0.name)" }.joined(separator: ", "))
            } catch let error as CommandSpecError {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                throw ExitCode(1)
            }
        }
    }

    /// `backline commands manifest`: `features.slash_commands` for the Slack app manifest.
    struct Manifest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the Slack app manifest's features.slash_commands, generated from the specs.",
            discussion: """
                Paste the output into the app's manifest (api.slack.com/apps → App Manifest). Give --url \
                for apps that receive commands over HTTP; leave it out for Socket Mode.

                  backline commands manifest --url https://backline.example.com/slack/commands
                """)

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case yaml, json
        }

        @Option(help: "The request URL Slack posts commands to (HTTP mode); omit for Socket Mode.")
        var url: String?

        @Option(help: "yaml or json.")
        var format: Format = .yaml

        @Flag(help: "Leave out the umbrella /backline command.")
        var noUmbrella = false

        @Option(help: "The specs directory (default: the commands/ Backline uses).")
        var commands: String?

        func run() async throws {
            let url = commands.map { URL(fileURLWithPath: $0) } ?? BacklinePaths.discover().commands
            let router = try CommandSet.router(commandsDirectory: url)
            let entries = SlashCommandManifest.entries(for: router.specs, url: self.url, includeUmbrella: !noUmbrella)
            switch format {
            case .yaml: print(SlashCommandManifest.yaml(entries), terminator: "")
            case .json: print(try SlashCommandManifest.json(entries), terminator: "")
            }
        }
    }
}
