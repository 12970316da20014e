import Foundation
import GRDB

extension CatalogStore {
    /// Records findings met at `date`: new ones are added, known ones get a new last-seen time.
    public func record(_ findings: [CatalogFinding], at date: Date) async throws {
        guard !findings.isEmpty else { return }
        try await writer.write { db in
            let statement = try db.cachedStatement(sql: """
                INSERT INTO catalogFinding (entityRef, kind, subjectRef, ownerRef, message, firstSeenAt, lastSeenAt, seenCount)
                VALUES (?, ?, ?, ?, ?, ?, ?, 1)
                ON CONFLICT (entityRef, kind, subjectRef) DO UPDATE SET
                    ownerRef = excluded.ownerRef, message = excluded.message,
                    lastSeenAt = max(lastSeenAt, excluded.lastSeenAt), seenCount = seenCount + 1
                """)
            let seconds = date.timeIntervalSince1970
            for finding in Set(findings) {
                try statement.execute(arguments: [
                    finding.entity.description, finding.kind.rawValue, finding.subject?.description ?? "",
                    finding.owner?.description, finding.message, seconds, seconds,
                ])
            }
        }
    }

    /// Recorded findings, optionally only those `owner` should fix, most recently seen first.
    public func findings(ownedBy owner: EntityRef? = nil) async throws -> [RecordedFinding] {
        try await writer.read { db in
            let sql = "SELECT * FROM catalogFinding" + (owner == nil ? "" : " WHERE ownerRef = ?") + " ORDER BY lastSeenAt DESC, entityRef, kind"
            return try Row.fetchAll(db, sql: sql, arguments: owner.map { [$0.description] } ?? []).compactMap { row -> RecordedFinding? in
                guard let kind = CatalogFinding.Kind(rawValue: row["kind"]) else { return nil }
                let subject: String = row["subjectRef"]
                return RecordedFinding(
                    finding: CatalogFinding(
                        entity: try EntityRef(parsing: row["entityRef"]), kind: kind,
                        subject: subject.isEmpty ? nil : try EntityRef(parsing: subject),
                        owner: try (row["ownerRef"] as String?).map { try EntityRef(parsing: $0) },
                        message: row["message"]),
                    firstSeen: Date(timeIntervalSince1970: row["firstSeenAt"]),
                    lastSeen: Date(timeIntervalSince1970: row["lastSeenAt"]),
                    seenCount: row["seenCount"])
            }
        }
    }
}
