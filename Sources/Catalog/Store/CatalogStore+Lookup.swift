import GRDB

extension CatalogStore {
    /// Every entity whose name matches `name` case-insensitively, across kinds and namespaces,
    /// sorted by ref. More than one result means the name is ambiguous.
    public func entities(named name: String) async throws -> [StoredEntity] {
        try await writer.read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT \(StoredEntity.columns) FROM entity WHERE name = ? ORDER BY ref"), arguments: [name.lowercased()])
                .map(StoredEntity.init(row:))
        }
    }

    /// The entity `ref` names, if the catalog has it.
    public func entity(_ ref: EntityRef) async throws -> StoredEntity? {
        try await entities([ref]).first
    }

    /// The entities among `refs` that exist, in the order given.
    public func entities(_ refs: [EntityRef]) async throws -> [StoredEntity] {
        guard !refs.isEmpty else { return [] }
        let keys = refs.map(\.description)
        // One ref (a profile, `/owner`) is the common case: a statement kept prepared. Several
        // travel as one JSON array, so that statement's text is the same whatever the count.
        let found = try await writer.read { db in
            let statement = keys.count == 1
                ? try db.cachedStatement(sql: "SELECT ref, \(StoredEntity.columns) FROM entity WHERE ref = ?")
                : try db.cachedStatement(sql: "SELECT ref, \(StoredEntity.columns) FROM entity WHERE ref IN (SELECT value FROM json_each(?))")
            let arguments: StatementArguments = keys.count == 1 ? [keys[0]] : [try Self.jsonArray(keys)]
            return try Row.fetchAll(statement, arguments: arguments).map { (ref: $0["ref"] as String, entity: try StoredEntity(row: $0)) }
        }
        let byRef = Dictionary(found.map { ($0.ref, $0.entity) }, uniquingKeysWith: { first, _ in first })
        return keys.compactMap { byRef[$0] }
    }

    /// The relations that start at `ref`, optionally only those of one type, sorted by target.
    public func relations(from ref: EntityRef, ofType type: RelationType? = nil) async throws -> [Relation] {
        try await writer.read { db in
            let rows: [Row]
            if let type {
                rows = try Row.fetchAll(
                    db, sql: "SELECT DISTINCT type, targetRef FROM relation WHERE sourceRef = ? AND type = ? ORDER BY targetRef",
                    arguments: [ref.description, type.rawValue])
            } else {
                rows = try Row.fetchAll(
                    db, sql: "SELECT DISTINCT type, targetRef FROM relation WHERE sourceRef = ? ORDER BY type, targetRef",
                    arguments: [ref.description])
            }
            return try rows.compactMap { row -> Relation? in
                guard let type = RelationType(rawValue: row["type"]) else { return nil }
                return Relation(source: ref, type: type, target: try EntityRef(parsing: row["targetRef"]))
            }
        }
    }

    /// Every relation in the catalog, for export and checks. Sorted, without duplicates.
    public func allRelations() async throws -> [Relation] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT DISTINCT sourceRef, type, targetRef FROM relation ORDER BY sourceRef, type, targetRef")
                .compactMap { row -> Relation? in
                    guard let type = RelationType(rawValue: row["type"]) else { return nil }
                    return Relation(source: try EntityRef(parsing: row["sourceRef"]), type: type, target: try EntityRef(parsing: row["targetRef"]))
                }
        }
    }
}
