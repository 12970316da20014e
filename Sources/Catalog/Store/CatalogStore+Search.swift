import GRDB

/// One full-text search hit.
public struct SearchHit: Sendable, Hashable {
    /// The entity found.
    public var ref: EntityRef
    /// Its title, when it has one.
    public var title: String?
    /// Its description, when it has one.
    public var description: String?
}

extension CatalogStore {
    /// Full-text search over names, titles, descriptions and tags, best matches first.
    ///
    /// Every word of `text` must match the start of a word in the entity (`play api` finds
    /// `playlist-api`). Names weigh most, then titles, tags and descriptions.
    /// - Parameters:
    ///   - text: the words to look for.
    ///   - kinds: restrict to these kinds (lower-case); empty for all.
    ///   - limit: at most this many hits.
    ///   - offset: skip this many hits, for paging.
    public func search(_ text: String, kinds: [String] = [], limit: Int = 20, offset: Int = 0) async throws -> [SearchHit] {
        guard let query = Self.ftsQuery(text) else { return [] }
        var sql = """
            SELECT entity.ref, entity.title, entity.description FROM entitySearch
            JOIN entity ON entity.id = entitySearch.rowid
            WHERE entitySearch MATCH ?
            """
        var arguments: StatementArguments = [query]
        if !kinds.isEmpty {
            sql += " AND +entity.kind IN (\(databaseQuestionMarks(count: kinds.count)))"
            arguments += StatementArguments(kinds.map { $0.lowercased() })
        }
        // The unary + above keeps SQLite from driving the query by the kind index and running
        // MATCH once per entity of that kind; the full-text index must lead.
        sql += " ORDER BY entitySearch.rank, entity.ref LIMIT ? OFFSET ?"
        arguments += [limit, offset]
        let finalSQL = sql
        let finalArguments = arguments
        return try await writer.read { db in
            try Row.fetchAll(db, sql: finalSQL, arguments: finalArguments).map { row in
                SearchHit(ref: try EntityRef(parsing: row["ref"]), title: row["title"], description: row["description"])
            }
        }
    }

    /// Turns free text into an FTS5 query of quoted prefix terms, so user input can never be
    /// read as FTS5 syntax.
    static func ftsQuery(_ text: String) -> String? {
        let words = text.lowercased().split { !$0.isLetter && !$0.isNumber }
        guard !words.isEmpty else { return nil }
        return words.map { "\"\($0)\"*" }.joined(separator: " AND ")
    }
}
