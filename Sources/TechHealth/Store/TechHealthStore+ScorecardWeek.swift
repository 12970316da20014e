import Catalog
import Foundation
import GRDB

extension TechHealthStore {
    /// Each component's most recent result on each scorecard kept on or before `day`, ordered by
    /// component then scorecard: the standing "last week" for the weekly digest, and the previous
    /// result for alerts about checks that used to pass.
    public func latestScorecards(for entities: [EntityRef], onOrBefore day: CalendarDay) async throws -> [ScorecardRecord] {
        guard !entities.isEmpty else { return [] }
        let keys = Array(Set(entities.map(\.description))).sorted()
        let dayText = day.description
        return try await writer.read { db in
            var records: [ScorecardRecord] = []
            for start in stride(from: 0, to: keys.count, by: 500) {
                let batch = Array(keys[start..<min(start + 500, keys.count)])
                let marks = batch.map { _ in "?" }.joined(separator: ", ")
                let rows = try Row.fetchAll(db, sql: """
                    SELECT r.* FROM healthScorecardResult r
                    JOIN (SELECT entityRef, scorecard, MAX(day) AS day FROM healthScorecardResult
                          WHERE entityRef IN (\(marks)) AND day <= ? GROUP BY entityRef, scorecard) latest
                      ON r.entityRef = latest.entityRef AND r.scorecard = latest.scorecard AND r.day = latest.day
                    """, arguments: StatementArguments(batch + [dayText]))
                records += rows.compactMap(Self.weekRecord)
            }
            return records.sorted { ($0.entity, $0.scorecard) < ($1.entity, $1.scorecard) }
        }
    }

    /// A row as a record; a row that no longer decodes is skipped rather than failing the query.
    private static func weekRecord(_ row: Row) -> ScorecardRecord? {
        guard let entity = try? EntityRef(parsing: row["entityRef"]), let day = CalendarDay(row["day"] as String) else { return nil }
        let text: String = row["checks"]
        let checks = (try? JSONDecoder().decode([ScorecardCheckResult].self, from: Data(text.utf8))) ?? []
        return ScorecardRecord(
            entity: entity, scorecard: row["scorecard"], day: day, level: row["level"], passed: row["passed"], failed: row["failed"], checks: checks)
    }
}
