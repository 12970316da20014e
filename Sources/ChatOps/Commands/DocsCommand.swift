import Catalog

/// `/docs NAME`: where an entity's documentation lives: its TechDocs location and its links.
///
/// Docs freshness is not measured yet (it belongs to TechHealth); the answer has no freshness
/// field until it is.
public struct DocsCommand: CommandHandler {
    /// The `--format json` answer.
    public struct Answer: Sendable, Hashable, Codable {
        /// Always `docs`.
        public var command = "docs"
        /// Always `found`.
        public var status = "found"
        /// The entity asked about.
        public var entity: EntitySummary
        /// TechDocs: the `backstage.io/techdocs-ref` annotation and a browsable location.
        public var techdocs: DocsLocation?
        /// Links that are documentation (type or icon `docs`/`documentation`, runbooks, API docs).
        public var docLinks: [EntityLink]
        /// Every other link.
        public var otherLinks: [EntityLink]
    }

    /// Creates the handler.
    public init() {}

    public func run(_ invocation: Invocation, spec: CommandSpec, context: CommandContext) async throws -> Reply {
        let arguments = try spec.parseArguments(invocation.text)
        guard let argument = arguments.entity("name") else { throw UsageError("Which entity?", usage: spec.usage) }
        let entity: StoredEntity
        switch try await EntityResolver(catalog: context.catalog).resolve(argument, spec: spec) {
        case .reply(let reply): return reply
        case .found(let found): entity = found
        }
        let profile = try await EntityProfileLoader(catalog: context.catalog).profile(of: entity)
        let isDocs: (EntityLink) -> Bool = { link in
            let words = [link.type, link.icon, link.title].compactMap { $0?.lowercased() }
            return words.contains { $0.contains("doc") || $0.contains("runbook") || $0.contains("wiki") || $0.contains("handbook") }
        }
        let answer = Answer(
            entity: profile.entity, techdocs: profile.docs,
            docLinks: profile.links.filter(isDocs), otherLinks: profile.links.filter { !isDocs($0) })

        var blocks: [ReplyBlock] = [.header("Docs for \(profile.entity.displayName) (\(entity.ref.shortDescription))")]
        if let docs = profile.docs {
            let location: RichText = docs.url.map { .link($0, $0) } ?? "no browsable location"
            blocks.append(.fields([ReplyField("TechDocs", location), ReplyField("techdocs-ref", .code(docs.techdocsRef))]))
        } else {
            blocks.append(.paragraph("No TechDocs: add the annotation \(code: Annotation.techdocsRef) (e.g. \(code: "dir:.")) next to an mkdocs.yml."))
        }
        if !answer.docLinks.isEmpty {
            blocks.append(.list(title: "Documentation links", items: answer.docLinks.map { .link($0.url, $0.title ?? $0.url) }, more: 0))
        }
        if !answer.otherLinks.isEmpty {
            blocks.append(.list(title: "Other links", items: answer.otherLinks.map { .link($0.url, $0.title ?? $0.url) }, more: 0))
        }
        let summary = profile.docs?.url.map { "Docs for \(profile.entity.name): \($0)" }
            ?? (answer.docLinks.first.map { "Docs for \(profile.entity.name): \($0.url)" } ?? "\(profile.entity.name) has no docs in the catalog")
        return Reply(summary: summary, blocks: blocks, data: try JSONValue(encoding: answer))
    }
}
