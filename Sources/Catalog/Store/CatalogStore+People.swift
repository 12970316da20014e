import Foundation
import GRDB

extension CatalogStore {
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
