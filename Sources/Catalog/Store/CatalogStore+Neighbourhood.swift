import GRDB

/// An entity's relations and the entities around it, read together.
public struct EntityNeighbourhood: Sendable {
    /// Relations found, by the entity they start from.
    public var relations: [EntityRef: [Relation]]
    /// The entities reached that exist in the catalog.
    public var entities: [EntityRef: StoredEntity]

    /// The first target of a relation of `type` from `ref`, optionally of one kind.
    public func target(of ref: EntityRef, _ type: RelationType, kind: String? = nil) -> EntityRef? {
        relations[ref]?.first { $0.type == type && (kind == nil || $0.target.kind == kind) }?.target
    }
}

extension CatalogStore {
    /// Follows relations of `types` from `ref` out to `depth` hops and loads every entity reached,
    /// in one read transaction: what an entity's profile shows (its owner and the owner's parent,
    /// its system and the system's domain) costs one round trip instead of five.
    public func neighbourhood(of ref: EntityRef, along types: Set<RelationType>, depth: Int) async throws -> EntityNeighbourhood {
        let typeNames = types.map(\.rawValue).sorted()
        return try await writer.read { db in
            var neighbourhood = EntityNeighbourhood(relations: [:], entities: [:])
            let relationStatement = try db.cachedStatement(sql: """
                SELECT DISTINCT type, targetRef FROM relation
                WHERE sourceRef = ? AND type IN (\(databaseQuestionMarks(count: typeNames.count)))
                ORDER BY type, targetRef
                """)
            let entityStatement = try db.cachedStatement(sql: "SELECT \(StoredEntity.columns) FROM entity WHERE ref = ?")
            var frontier = [ref]
            var seen: Set<EntityRef> = [ref]
            for _ in 0..<depth {
                var next: [EntityRef] = []
                for source in frontier {
                    let rows = try Row.fetchAll(relationStatement, arguments: StatementArguments([source.description] + typeNames))
                    let relations = try rows.compactMap { row -> Relation? in
                        guard let type = RelationType(rawValue: row["type"]) else { return nil }
                        return Relation(source: source, type: type, target: try EntityRef(parsing: row["targetRef"]))
                    }
                    neighbourhood.relations[source] = relations
                    for relation in relations where seen.insert(relation.target).inserted {
                        if let row = try Row.fetchOne(entityStatement, arguments: [relation.target.description]) {
                            neighbourhood.entities[relation.target] = try StoredEntity(row: row)
                            next.append(relation.target)
                        }
                    }
                }
                frontier = next
            }
            return neighbourhood
        }
    }
}
