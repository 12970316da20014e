import GRDB

extension CatalogStore {
    /// The catalog User whose `slack.com/user_id` annotation is `chatUserID`.
    public func user(chatUserID: String) async throws -> StoredEntity? {
        try await writer.read { db in
            // `chatUserID` has a partial index: a lookup, not a scan of every user.
            try Row.fetchOne(
                db, sql: """
                    SELECT \(StoredEntity.columns) FROM entity
                    WHERE kind = 'user' AND chatUserID = ?
                    ORDER BY ref LIMIT 1
                    """,
                arguments: [chatUserID]
            ).map(StoredEntity.init(row:))
        }
    }

    /// The groups whose `slack.com/bot-notify` annotation names `channel` (`#squad-x` or an id).
    public func groups(announcingChannel channel: String) async throws -> [StoredEntity] {
        let hashed = channel.hasPrefix("#") ? channel : "#" + channel
        return try await writer.read { db in
            try Row.fetchAll(
                db, sql: """
                    SELECT \(StoredEntity.columns) FROM entity
                    WHERE kind = 'group' AND chatChannel IN (?, ?)
                    ORDER BY ref
                    """,
                arguments: [channel, hashed]
            ).map(StoredEntity.init(row:))
        }
    }

    /// The groups `user` belongs to, directly or through the parents of its groups.
    public func groupsIncludingAncestors(of user: EntityRef) async throws -> Set<EntityRef> {
        try await writer.read { db in
            let refs = try String.fetchAll(
                db, sql: """
                    WITH RECURSIVE member(ref) AS (
                        SELECT targetRef FROM relation WHERE sourceRef = ? AND type = 'memberOf'
                        UNION
                        SELECT relation.targetRef FROM relation JOIN member ON relation.sourceRef = member.ref
                        WHERE relation.type = 'childOf'
                    )
                    SELECT ref FROM member
                    """,
                arguments: [user.description])
            return Set(try refs.map { try EntityRef(parsing: $0) })
        }
    }
}
