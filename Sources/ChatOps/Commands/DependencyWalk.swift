import Catalog

/// A breadth-first walk over one relation type, level by level, that lists every entity once and
/// keeps the edges that close a cycle.
struct DependencyWalk {
    struct Node: Hashable {
        let ref: EntityRef
        let depth: Int
        let via: EntityRef
    }

    let root: EntityRef
    private(set) var nodes: [Node] = []
    private(set) var cycles: [(from: EntityRef, to: EntityRef)] = []
    private(set) var truncated = false
    /// Whether the last level reached has relations of its own that were not followed.
    private(set) var frontierHasMore = false

    static func run(from root: EntityRef, type: RelationType, depth: Int, catalog: CatalogStore, limit: Int) async throws -> DependencyWalk {
        var walk = DependencyWalk(root: root)
        var parent: [EntityRef: EntityRef] = [:]
        var seen: Set<EntityRef> = [root]
        var frontier = [root]
        for level in 1...max(1, depth) {
            guard !frontier.isEmpty, !walk.truncated else { break }
            var next: [EntityRef] = []
            for relation in try await catalog.relations(from: frontier, ofType: type) {
                if seen.contains(relation.target) {
                    if walk.isOnPath(relation.target, from: relation.source, parent: parent) {
                        walk.cycles.append((relation.source, relation.target))
                    }
                    continue
                }
                guard walk.nodes.count < limit else { walk.truncated = true; break }
                seen.insert(relation.target)
                parent[relation.target] = relation.source
                walk.nodes.append(Node(ref: relation.target, depth: level, via: relation.source))
                next.append(relation.target)
            }
            frontier = next
        }
        if !frontier.isEmpty, !walk.truncated {
            walk.frontierHasMore = try await !catalog.relations(from: frontier, ofType: type).isEmpty
        }
        return walk
    }

    /// Whether `target` is `source` or one of its ancestors in the walk: an edge to it closes a loop.
    private func isOnPath(_ target: EntityRef, from source: EntityRef, parent: [EntityRef: EntityRef]) -> Bool {
        var current: EntityRef? = source
        while let ref = current {
            if ref == target { return true }
            current = parent[ref]
        }
        return false
    }

    /// Nodes depth-first under their parents, for drawing the walk as an indented tree, with
    /// cycle edges shown under the entity that closes them.
    func treeOrder() -> [(ref: EntityRef, depth: Int, cycleTo: EntityRef?)] {
        let children = Dictionary(grouping: nodes, by: \.via)
        let cyclesFrom = Dictionary(grouping: cycles, by: \.from)
        var order: [(ref: EntityRef, depth: Int, cycleTo: EntityRef?)] = []
        func visit(_ ref: EntityRef, depth: Int) {
            for cycle in cyclesFrom[ref] ?? [] { order.append((cycle.from, depth + 1, cycle.to)) }
            for child in children[ref] ?? [] {
                order.append((child.ref, child.depth, nil))
                visit(child.ref, depth: child.depth)
            }
        }
        visit(root, depth: 0)
        return order
    }
}
