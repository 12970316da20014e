import Foundation
import GRDB

extension CatalogStore {
    /// Entities of `kind` whose annotation `key` has exactly `value` (e.g. the User whose
    /// `slack.com/user_id` is `U0123`).
    public func entities(ofKind kind: String, annotatedWith key: String, equalTo value: String) async throws -> [StoredEntity] {
        let path = "$.metadata.annotations.\"\(key.replacingOccurrences(of: "\"", with: ""))\""
        return try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(StoredEntity.columns) FROM entity WHERE kind = ? AND json_extract(body, ?) = ? ORDER BY ref",
                arguments: [kind.lowercased(), path, value]
            ).map(StoredEntity.init(row:))
        }
    }

    /// Users whose `spec.profile.email` is `email`, compared case-insensitively.
    public func users(withEmail email: String) async throws -> [StoredEntity] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(StoredEntity.columns) FROM entity WHERE kind = 'user' AND lower(json_extract(body, '$.spec.profile.email')) = lower(?) ORDER BY ref",
                arguments: [email]
            ).map(StoredEntity.init(row:))
        }
    }
}
