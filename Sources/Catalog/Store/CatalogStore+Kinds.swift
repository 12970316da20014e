import GRDB

extension CatalogStore {
    /// Every entity of the given kinds (lower-case), sorted by ref. Meant for small kinds that a
    /// feature indexes as a whole, such as the services an incident message may name.
    public func entities(ofKinds kinds: [String]) async throws -> [StoredEntity] {
        guard !kinds.isEmpty else { return [] }
        return try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(StoredEntity.columns) FROM entity WHERE kind IN (\(databaseQuestionMarks(count: kinds.count))) ORDER BY ref",
                arguments: StatementArguments(kinds.map { $0.lowercased() })
            ).map(StoredEntity.init(row:))
        }
    }

    /// How many entities of each kind (lower-case) the catalog holds.
    public func entityCountsByKind() async throws -> [String: Int] {
        try await writer.read { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT kind, COUNT(*) AS count FROM entity GROUP BY kind") {
                counts[row["kind"], default: 0] += row["count"] as Int
            }
            return counts
        }
    }
}
