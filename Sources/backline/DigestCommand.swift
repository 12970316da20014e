import ArgumentParser
import BacklineServer
import Catalog
import ChatOps
import Foundation
import Logging

/// `backline digest …`: the weekly tech-health digest at the terminal.
struct DigestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "Preview a team's weekly tech-health digest, or send digests now through the outbox.",
        subcommands: [Preview.self, Send.self])
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

extension DigestCommand {
    /// `backline digest send (--team TEAM | --all) [--db FILE] [--config FILE]`.
    struct Send: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Enqueue digests now; a running `backline serve` on the same database delivers them.",
            discussion: """
                The digests are written to the outbox in the database, keyed by team and ISO week \
                (digest:TEAM:2026-W49), so sending twice in a week, or while the scheduler already \
                sent this week's, enqueues nothing new. Teams that opted out (backline.io/digest: \
                "off") are skipped. Without --db the outbox is in memory and nothing is delivered.

                Examples:
                  backline digest send --db backline.sqlite --team playlists
                  backline digest send --config config/backline.yaml --all
                """)

        @Option(name: .long, help: ArgumentHelp("YAML configuration file, as for serve.", valueName: "file"))
        var config: String?

        @Option(name: .long, help: ArgumentHelp("SQLite database file the service uses.", valueName: "file"))
        var db: String?

        @Option(name: .long, help: ArgumentHelp("The team: a Group name or ref.", valueName: "team"))
        var team: String?

        @Flag(name: .long, help: "Every team that owns a component.")
        var all = false

        func validate() throws {
            guard (team == nil) != !all else { throw ValidationError("Give --team TEAM or --all.") }
        }

        func run() async throws {
            bootstrapStandardErrorLogging(level: .warning)
            var configuration: BacklineConfiguration
            do {
                configuration = try BacklineConfiguration.load(file: config)
            } catch let error as ConfigurationError {
                throw ValidationError(error.description)
            }
            if let db { configuration.databasePath = db }
            if configuration.databasePath == nil {
                FileHandle.standardError.write(Data("warning: no --db: the outbox is in memory, so nothing will be delivered\n".utf8))
            }
            let logger = Logger(label: "backline.digest")
            let parts = try await BacklineParts(configuration: configuration, logger: logger)
            var planner = parts.proactivePlanner(defaultTimeZone: configuration.digestTimeZone, logger: logger)
            planner.platform = configuration.proactivePlatform
            var teams: [EntityRef]?
            if let team {
                guard let ref = try await planner.team(named: team) else { throw ValidationError("No team named \(team) in the catalog.") }
                teams = [ref]
            }
            let deliveries = try await planner.deliveries(teams: teams)
            let before = try await parts.database.outbox.counts()
            let outbox = parts.database.outbox
            let now = Date()
            let count = try await planner.sendDigests(to: deliveries, now: now) { messages in try outbox.enqueue(messages, at: now) }
            let after = try await parts.database.outbox.counts()
            let skipped = deliveries.filter { !$0.digestEnabled }.count
            print("\(count) digest message(s) for \(deliveries.count - skipped) team(s); \((after.queued + after.inFlight + after.sent + after.parked) - (before.queued + before.inFlight + before.sent + before.parked)) newly queued (the rest were already in the outbox)\(skipped > 0 ? "; \(skipped) team(s) opted out" : "")")
        }
    }
}
