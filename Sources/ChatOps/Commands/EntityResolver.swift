import Catalog

/// Finds the one entity an argument names, or the reply to give when it names none or several.
/// Shared by the commands that answer about one entity (`/whois`, `/deps`, `/apis`, `/docs`).
struct EntityResolver {
    let catalog: CatalogStore

    /// The outcome: the entity, or the answer that explains why there is not exactly one.
    enum Outcome {
        case found(StoredEntity)
        case reply(Reply)
    }

    /// Resolves `argument`, keeping only `kinds` when given (lower-case).
    func resolve(_ argument: EntityArgument, kinds: Set<String>? = nil, spec: CommandSpec) async throws -> Outcome {
        var matches: [StoredEntity]
        switch argument {
        case .name(let text) where text.hasPrefix("#") && text.count > 1:
            // A channel typed as text (the CLI, or Slack without escaping): the team that announces it.
            matches = try await catalog.groups(announcingChannel: text)
        case .name(let text):
            matches = try await EntityQuery(text, usage: spec.usage).matches(in: catalog)
        case .chatUser(let id, _):
            matches = try await catalog.user(chatUserID: id).map { [$0] } ?? []
        case .chatChannel(let id, let label):
            matches = try await catalog.groups(announcingChannel: id)
            if matches.isEmpty, let label { matches = try await catalog.groups(announcingChannel: label) }
        }
        let all = matches
        if let kinds { matches = matches.filter { kinds.contains($0.ref.kind) } }
        switch matches.count {
        case 1:
            return .found(matches[0])
        case 0 where !all.isEmpty:
            let found = all.map { "\($0.ref.shortDescription)" }.joined(separator: ", ")
            let wanted = kinds?.sorted().joined(separator: " or ") ?? "entity"
            throw UsageError("/\(spec.name) answers about a \(wanted); \(argument.display) is \(found).", usage: spec.usage)
        case 0:
            return .reply(try await notFound(argument, kinds: kinds, spec: spec))
        default:
            return .reply(try ambiguous(argument, matches, spec: spec))
        }
    }

    private func notFound(_ argument: EntityArgument, kinds: Set<String>?, spec: CommandSpec) async throws -> Reply {
        var suggestions: [EntityRef] = []
        if case .name(let text) = argument {
            let name = (try? EntityQuery(text, usage: spec.usage))?.name ?? text
            suggestions = try await catalog.suggestions(for: name, limit: 5).filter { kinds?.contains($0.kind) ?? true }.prefix(3).map { $0 }
        }
        let what: String = switch argument {
        case .chatUser: "Nobody in the catalog has the chat id \(argument.text) (annotation \(Annotation.slackUserID))."
        case .chatChannel: "No team in the catalog announces the channel \(argument.display) (annotation \(Annotation.chatChannel))."
        case .name: "Nothing in the catalog is named \(argument.display)."
        }
        var blocks: [ReplyBlock] = [.paragraph(.text(what))]
        if !suggestions.isEmpty {
            blocks.append(.paragraph("Did you mean " + .joined(suggestions.map { .code($0.shortDescription) }, separator: ", ") + "?"))
        } else {
            blocks.append(.context("Try /search to look by words in titles and descriptions."))
        }
        let data: JSONValue = .object([
            "command": .string(spec.name), "query": .string(argument.display), "status": "notFound",
            "suggestions": .array(suggestions.map { .string($0.description) }),
        ])
        return Reply(summary: what, blocks: blocks, data: data)
    }

    private func ambiguous(_ argument: EntityArgument, _ matches: [StoredEntity], spec: CommandSpec) throws -> Reply {
        let title = "\(matches.count) entities are named \(argument.display)"
        let first = matches[0].ref
        let data: JSONValue = .object([
            "command": .string(spec.name), "query": .string(argument.display), "status": "ambiguous",
            "matches": .array(matches.map { .string($0.ref.description) }),
        ])
        return Reply(
            summary: title,
            blocks: [
                .header(title),
                .list(title: nil, items: matches.map { "\(code: $0.ref.shortDescription) \($0.entity.displayName)" }, more: 0),
                .context("Ask for one by ref, e.g. \(code: "/\(spec.name) \(first.kind):\(first.name)")"),
            ],
            data: data)
    }
}

extension EntityHeadline {
    /// `**Playlist API** (`component:playlist-api`)`.
    var richName: RichText { "\(bold: displayName) (\(code: ref.shortDescription))" }
}

/// Display helpers shared by the catalog commands.
enum KindNames {
    /// `component` → `Components`, for headings of entities grouped by kind.
    static func plural(_ kind: String) -> String {
        let name = EntityKind(rawValue: kind)?.canonicalName ?? (kind.prefix(1).uppercased() + kind.dropFirst())
        return name == "API" ? "APIs" : name.hasSuffix("s") ? name : name + "s"
    }
}
