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
}
