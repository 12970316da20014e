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

/// A page of search hits and how many entities match in all.
public struct SearchPage: Sendable, Hashable {
    /// This page's hits, best first.
    public var hits: [SearchHit]
    /// How many entities match, up to the count limit asked for (0 when no count was asked for).
    public var total: Int
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
        try await searchPage(text, kinds: kinds, limit: limit, offset: offset, countUpTo: 0).hits
    }

    /// One page of ``search(_:kinds:limit:offset:)`` and how many entities match in all (at most
    /// `countUpTo`), from one full-text query.
    public func searchPage(_ text: String, kinds: [String] = [], limit: Int = 20, offset: Int = 0, countUpTo: Int = .max) async throws -> SearchPage {
        guard let query = Self.ftsQuery(text), limit > 0 else { return SearchPage(hits: [], total: 0) }
        let offset = max(0, offset)
        // Every match must be ranked to find the best, but only the rows that can reach this page
        // are joined to `entity`: those ranked no worse than the page's last rank (ties included,
        // since equal ranks are ordered by ref). Joining every match read a large entity row per
        // match, which cost more than ranking it. A kind filter is applied before ranking, from
        // the kind index, so ranks are computed only for entities of those kinds; the unary +
        // keeps SQLite from driving the query by it and running MATCH once per entity.
        var sql = "WITH hits(id, score) AS MATERIALIZED (SELECT rowid, rank FROM entitySearch WHERE entitySearch MATCH ?"
        var arguments: StatementArguments = [query]
        if !kinds.isEmpty {
            sql += " AND +rowid IN (SELECT id FROM entity WHERE kind IN (\(databaseQuestionMarks(count: kinds.count))))"
            arguments += StatementArguments(kinds.map { $0.lowercased() })
        }
        sql += """
            )
            SELECT entity.ref, entity.title, entity.description, (SELECT count(*) FROM hits) AS total
            FROM hits JOIN entity ON entity.id = hits.id
            WHERE hits.score <= coalesce((SELECT score FROM hits ORDER BY score LIMIT 1 OFFSET ?), 1e308)
            ORDER BY hits.score, entity.ref LIMIT ? OFFSET ?
            """
        arguments += [offset + limit - 1, limit, offset]
        let finalSQL = sql
        let finalArguments = arguments
        let page = try await writer.read { db -> SearchPage in
            var total = 0
            let hits = try Row.fetchAll(db, sql: finalSQL, arguments: finalArguments).map { row in
                total = row["total"]
                return SearchHit(ref: try EntityRef(parsing: row["ref"]), title: row["title"], description: row["description"])
            }
            return SearchPage(hits: hits, total: total)
        }
        guard countUpTo > 0 else { return SearchPage(hits: page.hits, total: 0) }
        // A page past the last result has no row to carry the total: count on their own.
        guard !page.hits.isEmpty else { return SearchPage(hits: [], total: try await searchCount(text, kinds: kinds, upTo: countUpTo)) }
        return SearchPage(hits: page.hits, total: min(page.total, countUpTo))
    }

    /// Turns free text into an FTS5 query of quoted prefix terms, so user input can never be
    /// read as FTS5 syntax.
    static func ftsQuery(_ text: String) -> String? {
        let words = text.lowercased().split { !$0.isLetter && !$0.isNumber }
        guard !words.isEmpty else { return nil }
        return words.map { "\"\($0)\"*" }.joined(separator: " AND ")
    }
}
