import Catalog
import Foundation

/// `/catalog status` (each source's last refresh: when, which commit, how long, how many entities,
/// what failed) and `/catalog changes [TEAM] [--since 7d]` (the change feed, newest first).
public struct CatalogCommand: CommandHandler {
    /// The most changes one answer lists.
    public static let changeLimit = 50

    /// Creates the handler.
    public init() {}

    public func run(_ invocation: Invocation, spec: CommandSpec, context: CommandContext) async throws -> Reply {
        let arguments = try spec.parseArguments(invocation.text)
        switch arguments.text("action") {
        case "changes":
            guard let since = CatalogFeedFormat.lookBack(arguments.text("since") ?? "7d") else {
                throw UsageError("--since takes a number and a unit: 30m, 24h, 7d or 4w (at most 365d).", usage: spec.usage)
            }
            var team: EntityHeadline?
            if let argument = arguments.entity("team") {
                switch try await EntityResolver(catalog: context.catalog).resolve(argument, kinds: ["group"], spec: spec) {
                case .reply(let reply): return reply
                case .found(let entity): team = try await context.catalog.headlines([entity.ref]).first
                }
            }
            return try await changes(team: team, since: context.now().addingTimeInterval(-since), label: arguments.text("since") ?? "7d", context: context)
        default:
            return try await status(context: context)
        }
    }

    private func status(context: CommandContext) async throws -> Reply {
        let statuses = try await context.catalog.sourceStatuses()
        let now = context.now()
        guard !statuses.isEmpty else {
            return Reply(
                summary: "No catalog source has been refreshed yet.",
                blocks: [.paragraph("No catalog source has been refreshed yet: `backline serve` records each source's refresh here.")],
                data: .object(["command": .string("catalog"), "action": .string("status"), "sources": .array([])]))
        }
        var blocks: [ReplyBlock] = [.header("Catalog sources")]
        for status in statuses {
            blocks.append(.paragraph(CatalogFeedFormat.statusLine(status, now: now)))
            if let failure = status.failure {
                blocks.append(.context(RichText([.text("Last refresh failed, the last good entities stay: "), .code(String(failure.prefix(300)))])))
            }
            if !status.problems.isEmpty {
                let shown = status.problems.prefix(5)
                blocks.append(.list(
                    title: RichText([.text("\(status.problemCount) error(s) in the last refresh")]), items: shown.map { RichText([.code($0)]) },
                    more: status.problemCount - shown.count))
            }
        }
        let failing = statuses.filter { !$0.isHealthy }.count
        let summary = failing == 0 ? "\(statuses.count) catalog source(s), all refreshed cleanly"
            : "\(statuses.count) catalog source(s), \(failing) with problems"
        return Reply(summary: summary, blocks: blocks, data: .object([
            "command": .string("catalog"), "action": .string("status"),
            "sources": .array(statuses.map(CatalogFeedFormat.json)),
        ]))
    }

    private func changes(team: EntityHeadline?, since: Date, label: String, context: CommandContext) async throws -> Reply {
        let changes = try await context.catalog.changes(since: since, team: team?.ref, limit: Self.changeLimit + 1)
        let shown = Array(changes.prefix(Self.changeLimit))
        let refs = Set(shown.flatMap { [$0.entity] + $0.teams })
        let names = Dictionary(try await context.catalog.headlines(Array(refs)).map { ($0.ref, $0.displayName) }, uniquingKeysWith: { first, _ in first })
        let scope = team.map { " for \($0.displayName)" } ?? ""
        let title = "Catalog changes\(scope) in the last \(label)"
        var blocks: [ReplyBlock] = [.header(title)]
        if shown.isEmpty {
            blocks.append(.paragraph("Nothing changed\(scope) in the last \(label)."))
        } else {
            blocks.append(.list(title: nil, items: shown.map { CatalogFeedFormat.changeLine($0, names: names) }, more: changes.count > Self.changeLimit ? 1 : 0))
        }
        return Reply(
            summary: "\(shown.count)\(changes.count > Self.changeLimit ? "+" : "") catalog change(s)\(scope) in the last \(label)", blocks: blocks,
            data: .object([
                "command": .string("catalog"), "action": .string("changes"), "since": .string(ISO8601DateFormatter().string(from: since)),
                "team": team.map { .string($0.ref.description) } ?? .null, "changes": .array(shown.map(CatalogFeedFormat.json)),
                "truncated": .bool(changes.count > Self.changeLimit),
            ]))
    }
}
