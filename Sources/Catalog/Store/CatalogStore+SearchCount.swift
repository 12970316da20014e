import GRDB

extension CatalogStore {
    /// How many entities ``search(_:kinds:limit:offset:)`` would find without a limit, for paging;
    /// counting stops at `limit` (a word common to a tenth of a large catalog would otherwise
    /// make every search count tens of thousands of rows).
    public func searchCount(_ text: String, kinds: [String] = [], upTo limit: Int = .max) async throws -> Int {
        guard let query = Self.ftsQuery(text) else { return 0 }
        var sql = "SELECT 1 FROM entitySearch JOIN entity ON entity.id = entitySearch.rowid WHERE entitySearch MATCH ?"
        var arguments: StatementArguments = [query]
        if !kinds.isEmpty {
            sql += " AND +entity.kind IN (\(databaseQuestionMarks(count: kinds.count)))"
            arguments += StatementArguments(kinds.map { $0.lowercased() })
        }
        let finalSQL = "SELECT count(*) FROM (\(sql) LIMIT ?)"
        let finalArguments = arguments + [limit]
        return try await writer.read { db in try Int.fetchOne(db, sql: finalSQL, arguments: finalArguments) ?? 0 }
    }
}
