import Catalog
import Foundation
import GRDB

/// Scorecard results kept per component, scorecard and UTC day (table `healthScorecardResult`),
/// so trends can be drawn and the latest standing read without re-evaluating.
extension TechHealthStore {
    /// Keeps results as the given day's. For each component in `results`, that day's earlier rows
    /// are replaced, so a scorecard the component no longer falls under does not linger; other
    /// components' rows for the day are kept, so results can be saved one component at a time.
    public func saveScorecardResults(_ results: [ScorecardResult], day: CalendarDay) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let rows = try results.map { result in
            (result, String(decoding: try encoder.encode(result.checks), as: UTF8.self))
        }
        let entities = Set(results.map(\.entity.description))
        let dayText = day.description
        try await writer.write { db in
            let delete = try db.cachedStatement(sql: "DELETE FROM healthScorecardResult WHERE entityRef = ? AND day = ?")
            for entity in entities { try delete.execute(arguments: [entity, dayText]) }
            let insert = try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO healthScorecardResult (entityRef, day, scorecard, level, passed, failed, checks)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            for (result, checks) in rows {
                try insert.execute(arguments: [result.entity.description, dayText, result.scorecard, result.level, result.passed, result.failed, checks])
            }
        }
    }

    /// One component's results on one scorecard over the `days` days ending on `through`
    /// (inclusive), oldest first; days without a result are absent.
    public func scorecardHistory(entity: EntityRef, scorecard: String, days: Int, through: CalendarDay = CalendarDay(Date())) async throws -> [ScorecardRecord] {
        guard days > 0 else { return [] }
        let first = CalendarDay(through.date.addingTimeInterval(-Double(days - 1) * 86_400))
        return try await writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM healthScorecardResult
                WHERE entityRef = ? AND scorecard = ? AND day >= ? AND day <= ?
                ORDER BY day
                """, arguments: [entity.description, scorecard, first.description, through.description])
                .compactMap(Self.scorecardRecord)
        }
    }

    /// Each component's most recent result on each scorecard, ordered by component then scorecard.
    public func latestScorecards(for entities: [EntityRef]) async throws -> [ScorecardRecord] {
        guard !entities.isEmpty else { return [] }
        let keys = Array(Set(entities.map(\.description))).sorted()
        return try await writer.read { db in
            var records: [ScorecardRecord] = []
            // Bounded batches keep each statement well under SQLite's limit on bound parameters.
            for start in stride(from: 0, to: keys.count, by: 500) {
                let batch = Array(keys[start..<min(start + 500, keys.count)])
                let marks = batch.map { _ in "?" }.joined(separator: ", ")
                records += try Row.fetchAll(db, sql: """
                    SELECT r.* FROM healthScorecardResult r
                    JOIN (SELECT entityRef, scorecard, MAX(day) AS day FROM healthScorecardResult
                          WHERE entityRef IN (\(marks)) GROUP BY entityRef, scorecard) latest
                      ON r.entityRef = latest.entityRef AND r.scorecard = latest.scorecard AND r.day = latest.day
                    """, arguments: StatementArguments(batch)).compactMap(Self.scorecardRecord)
            }
            return records.sorted { ($0.entity, $0.scorecard) < ($1.entity, $1.scorecard) }
        }
    }

    /// Every result kept for one day, ordered by component then scorecard (for rollups and digests).
    public func scorecardResults(on day: CalendarDay) async throws -> [ScorecardRecord] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM healthScorecardResult WHERE day = ? ORDER BY entityRef, scorecard", arguments: [day.description])
                .compactMap(Self.scorecardRecord)
        }
    }

    /// Owners' standing on the latest results of their components: ``TeamScorecardSummary/rollup(_:owners:)``
    /// over ``latestScorecards(for:)``.
    public func scorecardRollup(owners: [EntityRef: EntityRef]) async throws -> [TeamScorecardSummary] {
        TeamScorecardSummary.rollup(try await latestScorecards(for: Array(owners.keys)), owners: owners)
    }

    /// A row as a record; a row that no longer decodes is skipped rather than failing the query.
    private static func scorecardRecord(_ row: Row) -> ScorecardRecord? {
        guard let entity = try? EntityRef(parsing: row["entityRef"]), let day = CalendarDay(row["day"] as String) else { return nil }
        let text: String = row["checks"]
        let checks = (try? JSONDecoder().decode([ScorecardCheckResult].self, from: Data(text.utf8))) ?? []
        return ScorecardRecord(
            entity: entity, scorecard: row["scorecard"], day: day, level: row["level"], passed: row["passed"], failed: row["failed"], checks: checks)
    }
}
