import Foundation
import GRDB

extension CatalogStore {
    /// Records one change inside the refresh's transaction and returns it with its feed id.
    static func record(_ change: CatalogChange, in db: Database) throws -> CatalogChange {
        try db.cachedStatement(sql: """
            INSERT INTO catalogChange (recordedAt, source, commitID, kind, entityRef, entityKind, previousRef, ownerBefore, ownerAfter, valueBefore, valueAfter)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                change.recordedAt.timeIntervalSince1970, change.source, change.commit, change.kind.rawValue, change.entity.description,
                change.entity.kind, change.previousRef?.description, change.ownerBefore?.description, change.ownerAfter?.description,
                change.valueBefore, change.valueAfter,
            ])
        var recorded = change
        recorded.id = db.lastInsertedRowID
        return recorded
    }

    /// Recent changes, newest first.
    /// - Parameters:
    ///   - since: only changes recorded at or after this time.
    ///   - team: only changes whose owner before or after is this team.
    ///   - kinds: only these kinds (all when nil).
    ///   - limit: at most this many.
    public func changes(since: Date, team: EntityRef? = nil, kinds: Set<CatalogChange.Kind>? = nil, limit: Int = 50) async throws -> [CatalogChange] {
        try await writer.read { db in
            var sql = "SELECT * FROM catalogChange WHERE recordedAt >= ?"
            var arguments: StatementArguments = [since.timeIntervalSince1970]
            if let team {
                sql += " AND (ownerBefore = ? OR ownerAfter = ?)"
                arguments += [team.description, team.description]
            }
            if let kinds {
                sql += " AND kind IN (\(kinds.map { _ in "?" }.joined(separator: ", ")))"
                arguments += StatementArguments(kinds.map(\.rawValue).sorted())
            }
            sql += " ORDER BY recordedAt DESC, id DESC LIMIT ?"
            arguments += [limit]
            return try Row.fetchAll(db, sql: sql, arguments: arguments).compactMap(Self.change(from:))
        }
    }

    /// Handovers (owner changes) not yet announced to `team`, oldest first, for every team
    /// concerned: each pair is a change and one of its teams.
    public func unannouncedHandovers(limit: Int = 100) async throws -> [(change: CatalogChange, team: EntityRef)] {
        try await writer.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT catalogChange.* FROM catalogChange
                WHERE kind = 'owner-changed'
                  AND ((ownerBefore IS NOT NULL AND NOT EXISTS (SELECT 1 FROM catalogChangeAnnouncement a WHERE a.changeID = catalogChange.id AND a.team = ownerBefore))
                    OR (ownerAfter IS NOT NULL AND NOT EXISTS (SELECT 1 FROM catalogChangeAnnouncement a WHERE a.changeID = catalogChange.id AND a.team = ownerAfter)))
                ORDER BY id LIMIT ?
                """, arguments: [limit])
            var pending: [(CatalogChange, EntityRef)] = []
            for row in rows {
                guard let change = Self.change(from: row), let id = change.id else { continue }
                let told = Set(try String.fetchAll(db, sql: "SELECT team FROM catalogChangeAnnouncement WHERE changeID = ?", arguments: [id]))
                for team in change.teams where !told.contains(team.description) { pending.append((change, team)) }
            }
            return pending
        }
    }

    /// Remembers that `team` was told about change `id` in `channel`, so it is never told twice.
    public func recordAnnouncement(change id: Int64, team: EntityRef, channel: String, at date: Date) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO catalogChangeAnnouncement (changeID, team, channel, postedAt) VALUES (?, ?, ?, ?)",
                arguments: [id, team.description, channel, date.timeIntervalSince1970])
        }
    }

    private static func change(from row: Row) -> CatalogChange? {
        guard let kind = CatalogChange.Kind(rawValue: row["kind"]), let entity = try? EntityRef(parsing: row["entityRef"]) else { return nil }
        func ref(_ column: String) -> EntityRef? { (row[column] as String?).flatMap { try? EntityRef(parsing: $0) } }
        return CatalogChange(
            id: row["id"], kind: kind, entity: entity, previousRef: ref("previousRef"), ownerBefore: ref("ownerBefore"),
            ownerAfter: ref("ownerAfter"), valueBefore: row["valueBefore"], valueAfter: row["valueAfter"], source: row["source"],
            commit: row["commitID"], recordedAt: Date(timeIntervalSince1970: row["recordedAt"]))
    }
}
