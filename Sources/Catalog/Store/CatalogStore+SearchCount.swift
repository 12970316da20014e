import GRDB

extension CatalogStore {
    /// How many entities ``search(_:kinds:limit:offset:)`` would find without a limit, for paging.
    public func searchCount(_ text: String, kinds: [String] = []) async throws -> Int {
        guard let query = Self.ftsQuery(text) else { return 0 }
        var sql = "SELECT count(*) FROM entitySearch JOIN entity ON entity.id = entitySearch.rowid WHERE entitySearch MATCH ?"
        var arguments: StatementArguments = [query]
        if !kinds.isEmpty {
            sql += " AND +entity.kind IN (\(databaseQuestionMarks(count: kinds.count)))"
            arguments += StatementArguments(kinds.map { $0.lowercased() })
        }
        let finalSQL = sql
        let finalArguments = arguments
        return try await writer.read { db in try Int.fetchOne(db, sql: finalSQL, arguments: finalArguments) ?? 0 }
    }
}
