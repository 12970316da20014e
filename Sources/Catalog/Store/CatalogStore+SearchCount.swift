import GRDB

extension CatalogStore {
    /// How many entities ``search(_:kinds:limit:offset:)`` would find without a limit, for paging;
    /// counting stops at `limit` (a word common to a tenth of a large catalog would otherwise
    /// make every search count tens of thousands of rows).
    public func searchCount(_ text: String, kinds: [String] = [], upTo limit: Int = .max) async throws -> Int {
        guard let query = Self.ftsQuery(text) else { return 0 }
        // Every full-text row is an entity (triggers keep them in step), so without a kind filter
        // no entity row is read; with one, the kind index answers it.
        var sql = "SELECT 1 FROM entitySearch WHERE entitySearch MATCH ?"
        var arguments: StatementArguments = [query]
        if !kinds.isEmpty {
            sql += " AND +rowid IN (SELECT id FROM entity WHERE kind IN (\(databaseQuestionMarks(count: kinds.count))))"
            arguments += StatementArguments(kinds.map { $0.lowercased() })
        }
        let finalSQL = "SELECT count(*) FROM (\(sql) LIMIT ?)"
        let finalArguments = arguments + [limit]
        return try await writer.read { db in try Int.fetchOne(db, sql: finalSQL, arguments: finalArguments) ?? 0 }
    }
}
