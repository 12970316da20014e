import Catalog

/// `/search TEXT [kind:api] [--page N]`: ranked full-text search over entities and people.
///
/// Words must all match (prefixes count: `play` finds `playlist-api`); names weigh most, then
/// titles, tags, descriptions and searchable annotations. `kind:` words filter by kind
/// (`kind:api`, `kind:component,resource`, `kind:people`).
public struct SearchCommand: CommandHandler {
    /// The `--format json` answer.
    public struct Answer: Sendable, Hashable, Codable {
        /// Always `search`.
        public var command = "search"
        /// The words searched for, without `kind:` filters.
        public var query: String
        /// The kinds searched (lower-case); empty for all.
        public var kinds: [String]
        /// The page shown, from 1.
        public var page: Int
        /// Results per page.
        public var pageSize: Int
        /// How many entities match in all (at most ``SearchCommand/countLimit``).
        public var total: Int
        /// True when counting stopped at ``SearchCommand/countLimit``: at least `total` match.
        public var totalIsLowerBound: Bool
        /// This page's results, best first.
        public var results: [EntityLine]
        /// The next page, when there is one.
        public var nextPage: Int?
    }

    /// Results per page.
    public static let pageSize = 10
    /// Counting matches stops here; more are reported as "1000+".
    public static let countLimit = 1000

    /// Creates the handler.
    public init() {}

    public func run(_ invocation: Invocation, spec: CommandSpec, context: CommandContext) async throws -> Reply {
        let arguments = try spec.parseArguments(invocation.text)
        var words: [String] = []
        var kinds: [String] = []
        for word in (arguments.text("text") ?? "").split(whereSeparator: \.isWhitespace) {
            if word.lowercased().hasPrefix("kind:") {
                kinds += word.dropFirst(5).split(separator: ",").map { Self.kind(String($0)) }
            } else {
                words.append(String(word))
            }
        }
        let text = words.joined(separator: " ")
        guard text.contains(where: { $0.isLetter || $0.isNumber }) else {
            throw UsageError("What should I look for? Give some words.", usage: spec.usage)
        }
        let page = arguments.number("page") ?? 1
        // One full-text query gives the page and the count (it ranks every match anyway).
        let found = try await context.catalog.searchPage(text, kinds: kinds, limit: Self.pageSize, offset: (page - 1) * Self.pageSize, countUpTo: Self.countLimit)
        let total = found.total
        let headlines = try await context.catalog.headlines(found.hits.map(\.ref))
        let hasNext = page * Self.pageSize < total
        let answer = Answer(
            query: text, kinds: kinds, page: page, pageSize: Self.pageSize, total: total, totalIsLowerBound: total >= Self.countLimit,
            results: headlines.map(EntityLine.init), nextPage: hasNext ? page + 1 : nil)
        return Reply(summary: summary(answer), blocks: blocks(answer, headlines: headlines, spec: spec), data: try JSONValue(encoding: answer))
    }

    /// `people`/`person` mean users, and plural kinds are accepted (`apis`).
    private static func kind(_ word: String) -> String {
        let lower = word.lowercased()
        switch lower {
        case "people", "person", "persons", "users": return "user"
        case "teams", "team", "groups": return "group"
        default: return lower.hasSuffix("s") && EntityKind(rawValue: String(lower.dropLast())) != nil ? String(lower.dropLast()) : lower
        }
    }

    private func totalText(_ answer: Answer) -> String {
        answer.totalIsLowerBound ? "\(answer.total)+" : "\(answer.total)"
    }

    private func summary(_ answer: Answer) -> String {
        answer.total == 0 ? "Nothing matches \(answer.query)." : "\(totalText(answer)) results for \(answer.query)"
    }

    private func blocks(_ answer: Answer, headlines: [EntityHeadline], spec: CommandSpec) -> [ReplyBlock] {
        let filter = answer.kinds.isEmpty ? "" : " (\(answer.kinds.joined(separator: ", ")))"
        guard answer.total > 0 else {
            return [.paragraph("Nothing matches \(bold: answer.query)\(filter)."), .context("Search looks at names, titles, descriptions, tags, people's names and e-mails.")]
        }
        guard !headlines.isEmpty else {
            return [.paragraph("Page \(String(answer.page)) is past the last result: \(String(answer.total)) results for \(bold: answer.query).")]
        }
        let first = (answer.page - 1) * answer.pageSize + 1
        let items = headlines.map { headline -> RichText in
            var text: RichText = "\(code: headline.ref.shortDescription) \(bold: headline.displayName)"
            if let description = headline.description, !description.isEmpty {
                text = text + " · " + .text(description.count > 120 ? String(description.prefix(119)) + "…" : description)
            }
            if let owner = headline.ownerRef { text = text + " · owner \(code: owner.shortDescription)" }
            return text
        }
        let last = first + headlines.count - 1
        var blocks: [ReplyBlock] = [
            .header("\(totalText(answer)) results for \(answer.query)\(filter)"),
            .list(title: nil, items: items, more: answer.total - last),
            .context(.text("Showing \(first)–\(last) of \(totalText(answer)).")),
        ]
        if let next = answer.nextPage {
            let kinds = answer.kinds.isEmpty ? "" : " kind:" + answer.kinds.joined(separator: ",")
            blocks.append(.actions([ReplyAction(label: "More results", commandLine: "/\(spec.name) \(answer.query)\(kinds) --page \(next)")]))
        }
        return blocks
    }
}
