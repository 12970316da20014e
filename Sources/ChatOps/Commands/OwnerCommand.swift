import Catalog
import Foundation
import Logging
import OnCall

/// `/owner NAME`: who owns an entity of any kind, how to reach them, and where it belongs.
public struct OwnerCommand: CommandHandler {
    /// The `--format json` answer.
    public struct Answer: Sendable, Hashable, Codable {
        /// Always `owner`.
        public var command = "owner"
        /// What was asked.
        public var query: String
        /// `found` (one match), `ambiguous` (several) or `notFound`.
        public var status: String
        /// Every match, with its owner.
        public var matches: [EntityProfile]
        /// "Did you mean" refs when nothing matched.
        public var suggestions: [String]
    }

    let goalies: GoalieDirectory?

    /// Creates the handler.
    /// - Parameter goalies: when set, answers also name the owning team's goalie now.
    public init(goalies: GoalieDirectory? = nil) {
        self.goalies = goalies
    }

    public func run(_ invocation: Invocation, spec: CommandSpec, context: CommandContext) async throws -> Reply {
        // Through the shared parser, so quotes and Slack escapes read as everywhere else.
        let text = spec.arguments.isEmpty ? invocation.text : try spec.parseArguments(invocation.text).text(spec.arguments[0].name) ?? ""
        let query = try EntityQuery(text, usage: spec.usage)
        let matches = try await query.matches(in: context.catalog)
        let loader = EntityProfileLoader(catalog: context.catalog)
        var profiles: [EntityProfile] = []
        for match in matches {
            var profile = try await loader.profile(of: match)
            profile.goalie = try await goalie(for: match, profile: profile, context: context)
            profiles.append(profile)
        }
        await context.record(profiles.flatMap(\.catalogFindings))

        switch profiles.count {
        case 0:
            let suggestions = try await context.catalog.suggestions(for: query.name, limit: 3)
            let answer = Answer(query: query.text, status: "notFound", matches: [], suggestions: suggestions.map(\.description))
            return OwnerReplies.notFound(query.text, suggestions: suggestions, data: try JSONValue(encoding: answer))
        case 1:
            let answer = Answer(query: query.text, status: "found", matches: profiles, suggestions: [])
            return OwnerReplies.found(profiles[0], data: try JSONValue(encoding: answer))
        default:
            let answer = Answer(query: query.text, status: "ambiguous", matches: profiles, suggestions: [])
            return OwnerReplies.ambiguous(query.text, profiles, data: try JSONValue(encoding: answer))
        }
    }
}

extension OwnerCommand {
    /// A group's own goalie, or the owning group's goalie for anything else. A pager or store
    /// problem never spoils the ownership answer: it is logged and the goalie left out.
    private func goalie(for match: StoredEntity, profile: EntityProfile, context: CommandContext) async throws -> GoalieStatus? {
        guard let goalies else { return nil }
        do {
            if match.ref.kind == "group" { return try await goalies.status(team: match.ref, at: context.now()) }
            guard let owner = profile.owner, owner.exists, let ref = try? EntityRef(parsing: owner.ref), ref.kind == "group" else { return nil }
            return try await goalies.status(service: match, owner: ref, at: context.now())
        } catch {
            context.logger.warning("could not find the goalie for /owner", metadata: ["entity": "\(match.ref)", "error": "\(error)"])
            return nil
        }
    }
}

/// The layouts of `/owner`'s three answers.
enum OwnerReplies {
    static func found(_ profile: EntityProfile, data: JSONValue) -> Reply {
        var blocks: [ReplyBlock] = [.header("\(profile.entity.displayName) (\(profile.entity.kind))")]
        if let description = profile.entity.description, !description.isEmpty {
            blocks.append(.paragraph(.text(description)))
        }
        var fields = [ReplyField("Owner", ownerText(profile.owner))]
        if let channel = profile.owner?.channel { fields.append(ReplyField("Channel", RichText([.channel(channel)]))) }
        if let goalie = profile.goalie {
            var value = OnCallReplies.goalieText(goalie.goalie)
            if goalie.lastKnownAt != nil { value = value + " (last known)" }
            fields.append(ReplyField("Goalie", value))
        }
        if let parent = profile.owner?.parent { fields.append(ReplyField("Part of", "\(bold: parent.displayName) (\(code: parent.ref))")) }
        if let system = profile.system {
            var value: RichText = "\(bold: system.displayName) (\(code: system.ref))"
            if let domain = profile.domain { value = value + " in domain \(bold: domain.displayName)" }
            fields.append(ReplyField("System", value))
        } else if let domain = profile.domain {
            fields.append(ReplyField("Domain", "\(bold: domain.displayName) (\(code: domain.ref))"))
        }
        if let lifecycle = profile.lifecycle { fields.append(ReplyField("Lifecycle", .text(lifecycle))) }
        if let type = profile.type { fields.append(ReplyField("Type", .text(type))) }
        if let tier = profile.tier { fields.append(ReplyField("Tier", .text(tier))) }
        if let docs = profile.docs {
            fields.append(ReplyField("Docs", docs.url.map { .link($0, $0) + " (\(docs.techdocsRef))" } ?? .code(docs.techdocsRef)))
        }
        if let url = profile.source.url { fields.append(ReplyField("Source", .link(url, url))) }
        blocks.append(.fields(fields))
        if !profile.links.isEmpty {
            blocks.append(.list(title: "Links", items: profile.links.map { .link($0.url, $0.title ?? $0.url) }, more: 0))
        }
        for finding in profile.findings { blocks.append(.context(.text("⚠️ \(finding)"))) }
        blocks.append(.context("\(code: profile.entity.ref) · defined in \(displayPath(profile.source.catalogFile)):\(String(profile.source.line))"))
        let ownerName = profile.owner.map { $0.title ?? $0.ref } ?? "nobody"
        return Reply(summary: "\(profile.entity.name) is owned by \(ownerName)", blocks: blocks, data: data)
    }

    static func ambiguous(_ query: String, _ profiles: [EntityProfile], data: JSONValue) -> Reply {
        let items = profiles.map { profile -> RichText in
            "\(code: profile.entity.ref) owned by " + ownerText(profile.owner)
        }
        let first = profiles[0].entity
        return Reply(
            summary: "\(profiles.count) entities are named \(query)",
            blocks: [
                .header("\(profiles.count) entities are named \(query)"),
                .list(title: nil, items: items, more: 0),
                .context("Ask for one by ref, e.g. \(code: "/owner \(first.kind.lowercased()):\(first.name)")"),
            ],
            data: data)
    }

    static func notFound(_ query: String, suggestions: [EntityRef], data: JSONValue) -> Reply {
        var blocks: [ReplyBlock] = [.paragraph("Nothing in the catalog is named \(bold: query).")]
        if suggestions.isEmpty {
            blocks.append(.context("Try /search to look by words in titles and descriptions."))
        } else {
            blocks.append(.paragraph("Did you mean " + .joined(suggestions.map { .code($0.shortDescription) }, separator: ", ") + "?"))
        }
        let hint = suggestions.isEmpty ? "" : " Did you mean \(suggestions.map(\.shortDescription).joined(separator: ", "))?"
        return Reply(summary: "Nothing is named \(query).\(hint)", blocks: blocks, data: data)
    }

    /// Catalog files under the working directory are shown relative to it.
    private static func displayPath(_ path: String) -> String {
        let base = FileManager.default.currentDirectoryPath + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }

    private static func ownerText(_ owner: OwnerSummary?) -> RichText {
        guard let owner else { return "nobody (no spec.owner)" }
        guard owner.exists else { return "\(code: owner.ref) (not in the catalog)" }
        var text: RichText = "\(bold: owner.title ?? owner.ref) (\(code: owner.ref))"
        if let user = owner.chatUserID { text = text + " " + RichText([.user(id: user)]) }
        return text
    }
}
