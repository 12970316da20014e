import Catalog

/// `/apis NAME`: the APIs a component provides and consumes; for an API, who provides and who
/// consumes it. Each with its owner.
public struct ApisCommand: CommandHandler {
    /// The `--format json` answer.
    public struct Answer: Sendable, Hashable, Codable {
        /// Always `apis`.
        public var command = "apis"
        /// Always `found`.
        public var status = "found"
        /// The entity asked about.
        public var entity: EntityLine
        /// For a component: the APIs it provides. Empty for an API.
        public var provides: [EntityLine]
        /// For a component: the APIs it consumes. Empty for an API.
        public var consumes: [EntityLine]
        /// For an API: the components that provide it.
        public var providers: [EntityLine]
        /// For an API: the components that consume it.
        public var consumers: [EntityLine]
        /// Broken data met (APIs the catalog does not have).
        public var findings: [FindingAnswer]
    }

    /// Creates the handler.
    public init() {}

    public func run(_ invocation: Invocation, spec: CommandSpec, context: CommandContext) async throws -> Reply {
        let arguments = try spec.parseArguments(invocation.text)
        guard let argument = arguments.entity("name") else { throw UsageError("Which component or API?", usage: spec.usage) }
        let entity: StoredEntity
        switch try await EntityResolver(catalog: context.catalog).resolve(argument, spec: spec) {
        case .reply(let reply): return reply
        case .found(let found): entity = found
        }
        let isAPI = entity.ref.kind == "api"
        let relations = try await context.catalog.relations(from: entity.ref)
        func targets(_ type: RelationType) -> [EntityRef] { relations.filter { $0.type == type }.map(\.target) }
        let (first, second) = isAPI ? (targets(.apiProvidedBy), targets(.apiConsumedBy)) : (targets(.providesApi), targets(.consumesApi))
        let headlines = try await context.catalog.headlines([entity.ref] + first + second)
        let byRef = Dictionary(headlines.map { ($0.ref, $0) }, uniquingKeysWith: { first, _ in first })
        func lines(_ refs: [EntityRef]) -> [EntityLine] { refs.map { byRef[$0].map(EntityLine.init) ?? EntityLine(missing: $0) } }

        let findings = isAPI ? [] : (first + second).filter { byRef[$0] == nil }.map { missing in
            CatalogFinding(
                entity: entity.ref, kind: .missingAPI, subject: missing, owner: byRef[entity.ref]?.ownerRef,
                message: "\(entity.ref.shortDescription) names the API \(missing.shortDescription), which is not in the catalog.")
        }
        await context.record(findings)

        let subject = byRef[entity.ref].map(EntityLine.init) ?? EntityLine(missing: entity.ref)
        let answer = Answer(
            entity: subject, provides: isAPI ? [] : lines(first), consumes: isAPI ? [] : lines(second),
            providers: isAPI ? lines(first) : [], consumers: isAPI ? lines(second) : [], findings: findings.map(FindingAnswer.init))

        var blocks: [ReplyBlock] = [.header("\(subject.displayName) (\(entity.ref.shortDescription))")]
        let sections = isAPI ? [("Provided by", answer.providers), ("Consumed by", answer.consumers)] : [("Provides", answer.provides), ("Consumes", answer.consumes)]
        for (title, entries) in sections {
            guard !entries.isEmpty else {
                blocks.append(.paragraph("\(bold: title): nothing declared."))
                continue
            }
            blocks.append(WhoisCommand.list("\(title) (\(entries.count))", entries.map { line in
                var text: RichText = "\(code: EntityRef.short(line.ref))"
                guard line.exists else { return text + " ⚠️ not in the catalog" }
                if line.displayName != line.name { text = text + " \(line.displayName)" }
                if let type = line.type, line.kind == "api" { text = text + " · \(type)" }
                if let owner = line.owner { text = text + " · owner \(code: EntityRef.short(owner))" }
                return text
            }))
        }
        blocks += findings.map(ReplyBlock.finding)
        let summary = isAPI
            ? "\(subject.name): \(answer.providers.count) providers, \(answer.consumers.count) consumers"
            : "\(subject.name): provides \(answer.provides.count) APIs, consumes \(answer.consumes.count)"
        return Reply(summary: summary, blocks: blocks, data: try JSONValue(encoding: answer))
    }
}

extension EntityRef {
    /// The short form of a canonical ref string, or the string itself when it does not parse.
    static func short(_ ref: String) -> String {
        (try? EntityRef(parsing: ref))?.shortDescription ?? ref
    }
}
