import GRDB

extension CatalogStore {
    /// The relations of one type that start at any of `sources`, in one read: a breadth-first
    /// walk (`/deps --depth 3`) costs one query per level, not one per node.
    /// - Parameters:
    ///   - sources: the entities to start from.
    ///   - type: the relation to follow.
    /// - Returns: the relations found, sorted by source then target.
    public func relations(from sources: [EntityRef], ofType type: RelationType) async throws -> [Relation] {
        guard !sources.isEmpty else { return [] }
        let bySource = Dictionary(sources.map { ($0.description, $0) }, uniquingKeysWith: { first, _ in first })
        let keys = try Self.jsonArray(Array(bySource.keys))
        return try await writer.read { db in
            var relations: [Relation] = []
            let rows = try Row.fetchCursor(
                db.cachedStatement(sql: """
                    SELECT DISTINCT sourceRef, targetRef FROM relation
                    WHERE type = ? AND sourceRef IN (SELECT value FROM json_each(?))
                    ORDER BY sourceRef, targetRef
                    """),
                arguments: [type.rawValue, keys])
            while let row = try rows.next() {
                let source: String = row[0]
                relations.append(Relation(source: try bySource[source] ?? EntityRef(parsing: source), type: type, target: try EntityRef(parsing: row[1])))
            }
            return relations
        }
    }

    /// Which of `refs` the catalog has.
    public func existing(_ refs: [EntityRef]) async throws -> Set<EntityRef> {
        guard !refs.isEmpty else { return [] }
        let keys = Array(Set(refs.map(\.description)))
        return try await writer.read { db in
            var found: Set<EntityRef> = []
            for start in stride(from: 0, to: keys.count, by: 500) {
                let chunk = Array(keys[start..<min(start + 500, keys.count)])
                for ref in try String.fetchAll(db, sql: "SELECT ref FROM entity WHERE ref IN (\(databaseQuestionMarks(count: chunk.count)))", arguments: StatementArguments(chunk)) {
                    found.insert(try EntityRef(parsing: ref))
                }
            }
            return found
        }
    }
}
