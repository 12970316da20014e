import Catalog

/// `/deps NAME [--depth N] [--reverse]`: what an entity depends on (or, reversed, what depends on
/// it), transitively, each with its owner. Walks breadth-first with one query per level; an entity
/// met twice is listed once, and an edge back into its own path is reported as a cycle.
public struct DepsCommand: CommandHandler {
    /// The `--format json` answer.
    public struct Answer: Sendable, Hashable, Codable {
        /// Always `deps`.
        public var command = "deps"
        /// Always `found`.
        public var status = "found"
        /// `dependsOn`, or `dependencyOf` with `--reverse`.
        public var direction: String
        /// How many levels were followed.
        public var depth: Int
        /// The entity asked about.
        public var root: EntityLine
        /// Every entity reached, breadth-first.
        public var nodes: [Node]
        /// Edges that lead back into their own path.
        public var cycles: [Edge]
        /// True when the walk stopped at ``DepsCommand/nodeLimit`` entities.
        public var truncated: Bool
        /// Broken data met (dependencies on entities the catalog does not have).
        public var findings: [FindingAnswer]
    }

    /// One entity reached by the walk.
    public struct Node: Sendable, Hashable, Codable {
        /// The entity (with `exists: false` when the catalog lacks it).
        public var entity: EntityLine
        /// How many hops from the root.
        public var depth: Int
        /// The entity it was reached from.
        public var via: String
        /// The owner's display name, when the owner exists.
        public var ownerName: String?
    }

    /// A relation between two refs.
    public struct Edge: Sendable, Hashable, Codable {
        /// Where the edge starts.
        public var from: String
        /// Where it points.
        public var to: String
    }

    /// The walk never lists more entities than this.
    public static let nodeLimit = 500

    /// Creates the handler.
    public init() {}

    public func run(_ invocation: Invocation, spec: CommandSpec, context: CommandContext) async throws -> Reply {
        let arguments = try spec.parseArguments(invocation.text)
        guard let argument = arguments.entity("name") else { throw UsageError("Which entity?", usage: spec.usage) }
        let root: StoredEntity
        switch try await EntityResolver(catalog: context.catalog).resolve(argument, spec: spec) {
        case .reply(let reply): return reply
        case .found(let entity): root = entity
        }
        let depth = arguments.number("depth") ?? 1
        let reverse = arguments.flag("reverse")
        let walk = try await DependencyWalk.run(from: root.ref, type: reverse ? .dependencyOf : .dependsOn, depth: depth, catalog: context.catalog, limit: Self.nodeLimit)

        let headlines = try await context.catalog.headlines([root.ref] + walk.nodes.map(\.ref))
        let byRef = Dictionary(headlines.map { ($0.ref, $0) }, uniquingKeysWith: { first, _ in first })
        let owners = try await context.catalog.headlines(Array(Set(headlines.compactMap(\.ownerRef))))
        let ownerNames = Dictionary(owners.map { ($0.ref, $0.displayName) }, uniquingKeysWith: { first, _ in first })

        var findings: [CatalogFinding] = []
        for node in walk.nodes where byRef[node.ref] == nil {
            // A dangling dependency is the declaring entity's to fix: in reverse, the missing one declared it.
            let declaring = reverse ? node.ref : node.via
            let missing = reverse ? node.via : node.ref
            findings.append(CatalogFinding(
                entity: declaring, kind: .missingDependency, subject: missing, owner: byRef[declaring]?.ownerRef,
                message: "\(declaring.shortDescription) depends on \(missing.shortDescription), which is not in the catalog."))
        }
        await context.record(findings)

        let nodes = walk.nodes.map { node in
            let line = byRef[node.ref].map(EntityLine.init) ?? EntityLine(missing: node.ref)
            return Node(entity: line, depth: node.depth, via: node.via.description, ownerName: byRef[node.ref]?.ownerRef.flatMap { ownerNames[$0] })
        }
        let answer = Answer(
            direction: reverse ? "dependencyOf" : "dependsOn", depth: depth,
            root: byRef[root.ref].map(EntityLine.init) ?? EntityLine(missing: root.ref),
            nodes: nodes, cycles: walk.cycles.map { Edge(from: $0.from.description, to: $0.to.description) },
            truncated: walk.truncated, findings: findings.map(FindingAnswer.init))
        return Reply(summary: summary(answer), blocks: blocks(answer, walk: walk, findings: findings), data: try JSONValue(encoding: answer))
    }

    private func summary(_ answer: Answer) -> String {
        let verb = answer.direction == "dependsOn" ? "depends on" : "is depended on by"
        return "\(answer.root.name) \(verb) \(answer.nodes.count) entities (depth \(answer.depth))"
    }

    private func blocks(_ answer: Answer, walk: DependencyWalk, findings: [CatalogFinding]) -> [ReplyBlock] {
        let title = answer.direction == "dependsOn" ? "What \(answer.root.displayName) depends on" : "What depends on \(answer.root.displayName)"
        var blocks: [ReplyBlock] = [.header(title)]
        if answer.nodes.isEmpty {
            blocks.append(.paragraph(.text(answer.direction == "dependsOn" ? "Nothing: it declares no dependsOn." : "Nothing in the catalog declares a dependency on it.")))
        } else {
            let byRef = Dictionary(answer.nodes.map { ($0.entity.ref, $0) }, uniquingKeysWith: { first, _ in first })
            let items = walk.treeOrder().map { entry -> RichText in
                let indent = String(repeating: "\u{2003}", count: entry.depth - 1) + (entry.depth > 1 ? "↳ " : "")
                if let cycleTo = entry.cycleTo {
                    return "\(indent)↺ \(code: cycleTo.shortDescription) (cycle)"
                }
                guard let node = byRef[entry.ref.description] else { return .text(indent + entry.ref.shortDescription) }
                var text: RichText = "\(indent)\(code: entry.ref.shortDescription)"
                guard node.entity.exists else { return text + " ⚠️ not in the catalog" }
                if node.entity.displayName != node.entity.name { text = text + " \(node.entity.displayName)" }
                if let owner = node.entity.owner {
                    text = text + " · " + (node.ownerName.map { .bold($0) } ?? "\(code: owner) (missing)")
                }
                return text
            }
            blocks.append(.list(title: nil, items: Array(items.prefix(40)), more: max(0, items.count - 40)))
        }
        var notes = ["depth \(answer.depth)"]
        if !answer.cycles.isEmpty { notes.append("\(answer.cycles.count) cycle\(answer.cycles.count == 1 ? "" : "s")") }
        if answer.truncated { notes.append("stopped at \(Self.nodeLimit) entities") }
        if walk.frontierHasMore { notes.append("more beyond this depth: use --depth \(min(answer.depth + 1, 5))") }
        blocks.append(.context(.text(notes.joined(separator: " · "))))
        blocks += findings.map(ReplyBlock.finding)
        return blocks
    }
}
