import ArgumentParser
import BacklineServer
import ChatOps
import Foundation
import Logging

/// `backline digest …`: the weekly tech-health digest at the terminal.
struct DigestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "Preview a team's weekly tech-health digest, or send digests now through the outbox.",
        subcommands: [Preview.self])
}

extension DigestCommand {
    /// `backline digest preview --team TEAM [--format text|json|slack|mattermost] [--db FILE] [--catalog PATH]... [--config FILE]`.
    struct Preview: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the digest a team would get now, without sending it.",
            discussion: """
                The digest is composed from what is stored: the last health harvest measured now, the \
                scorecard results kept per day (this week against a week ago), recorded catalog \
                findings, incidents and the goalie rotation. Without --db and --catalog the bundled \
                demo catalog is ingested and harvested first, as with `backline ask`.

                Examples:
                  backline digest preview --team playlists
                  backline digest preview --team playback --format slack
                  backline digest preview --db backline.sqlite --team group:default/payments --format json
                """)

        @Option(name: .long, help: ArgumentHelp("YAML configuration file, as for serve.", valueName: "file"))
        var config: String?

        @OptionGroup var catalogOptions: CatalogOptions

        @Option(name: .long, help: ArgumentHelp("The team: a Group name or ref.", valueName: "team"))
        var team: String

        @Option(name: .long, help: "Output: text for people, json for the structured digest, slack for the Block Kit message, mattermost for markdown.")
        var format: Ask.Format = .text

        func run() async throws {
            bootstrapStandardErrorLogging(level: .warning)
            let configuration = try catalogOptions.configuration(file: config)
            let logger = Logger(label: "backline.digest")
            let parts = try await BacklineParts(configuration: configuration, logger: logger)
            let planner = parts.proactivePlanner(defaultTimeZone: configuration.digestTimeZone, logger: logger)
            guard let ref = try await planner.team(named: team), let delivery = try await planner.deliveries(teams: [ref]).first else {
                throw ValidationError("No team named \(team) in the catalog.")
            }
            let (_, reply) = try await planner.digest(for: delivery, now: Date())
            switch format {
            case .text: print(PlainTextRenderer.render(reply), terminator: "")
            case .json: print(try JSONRenderer.render(reply), terminator: "")
            case .slack: print(try SlackReplyRenderer.json(reply))
            case .mattermost: print(MattermostMarkdownRenderer.render(reply))
            }
        }
    }
}
