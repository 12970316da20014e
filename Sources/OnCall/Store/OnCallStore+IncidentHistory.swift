import Catalog
import Foundation
import GRDB

extension OnCallStore {
    /// Incidents started in `[start, end)`, oldest first, with their services and tags: what the
    /// weekly digest lists for the teams whose services they touched.
    public func incidents(startedFrom start: Date, to end: Date) async throws -> [IncidentRecord] {
        let channels = try await reader.read { db in
            try String.fetchAll(
                db, sql: "SELECT channelID FROM incident WHERE startedAt >= ? AND startedAt < ? ORDER BY startedAt, id",
                arguments: [start.timeIntervalSince1970, end.timeIntervalSince1970])
        }
        var records: [IncidentRecord] = []
        for channel in channels {
            if let record = try await incident(channelID: channel) { records.append(record) }
        }
        return records
    }
}
