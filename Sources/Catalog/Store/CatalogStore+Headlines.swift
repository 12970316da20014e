import GRDB

/// What a list of entities shows per line, read from indexed columns and a few JSON fields
/// without decoding whole entities: lists of hundreds stay cheap.
public struct EntityHeadline: Sendable, Hashable, Codable {
    /// Canonical ref.
    public var ref: EntityRef
    /// The name as written.
    public var name: String
    /// `metadata.title`.
    public var title: String?
    /// `metadata.description`.
    public var description: String?
    /// A person's `spec.profile.displayName`.
    public var profileName: String?
    /// `spec.type`.
    public var type: String?
    /// `spec.lifecycle`.
    public var lifecycle: String?
    /// The owner `spec.owner` names.
    public var ownerRef: EntityRef?
    /// The `slack.com/user_id` annotation.
    public var chatUserID: String?
    /// The `slack.com/bot-notify` annotation.
    public var channel: String?

    /// What people should read: the title, the profile's display name, else the name.
    public var displayName: String { title ?? profileName ?? name }
}

extension CatalogStore {
    /// Headlines of the entities among `refs` that exist, in the order given.
    public func headlines(_ refs: [EntityRef]) async throws -> [EntityHeadline] {
        guard !refs.isEmpty else { return [] }
        let keys = Array(Set(refs.map(\.description)))
        let found = try await writer.read { db in
            var byRef: [String: EntityHeadline] = [:]
            // SQLite limits bound parameters per statement; read in chunks.
            for start in stride(from: 0, to: keys.count, by: 500) {
                let chunk = Array(keys[start..<min(start + 500, keys.count)])
                let rows = try Row.fetchAll(db, sql: """
                    SELECT ref, title, description, specType, lifecycle, ownerRef, writtenName, profileName, chatUserID,
                           chatChannel AS channel
                    FROM entity WHERE ref IN (\(databaseQuestionMarks(count: chunk.count)))
                    """, arguments: StatementArguments(chunk))
                for row in rows {
                    let headline = try EntityHeadline(row: row)
                    byRef[headline.ref.description] = headline
                }
            }
            return byRef
        }
        return refs.compactMap { found[$0.description] }
    }
}

extension CatalogStore {
    /// The name of each of `refs` the catalog has, as written: a narrow read for lists that show
    /// hundreds of names (a team's digest) and need nothing else. The keys are the refs asked for.
    public func writtenNames(of refs: [EntityRef]) async throws -> [EntityRef: String] {
        guard !refs.isEmpty else { return [:] }
        let byKey = Dictionary(refs.map { ($0.description, $0) }, uniquingKeysWith: { first, _ in first })
        let keys = try Self.jsonArray(Array(byKey.keys))
        return try await writer.read { db in
            var names: [EntityRef: String] = [:]
            let rows = try Row.fetchCursor(
                db.cachedStatement(sql: "SELECT ref, writtenName FROM entity WHERE ref IN (SELECT value FROM json_each(?))"), arguments: [keys])
            while let row = try rows.next() {
                guard let ref = byKey[row[0]] else { continue }
                names[ref] = row[1] ?? ref.name
            }
            return names
        }
    }

    /// The owner of each of `refs` that has one: a narrow read for views over thousands of
    /// entities (heat maps by team), which need no other column. Owners repeat, so each owner
    /// ref is parsed once.
    public func ownerRefs(of refs: [EntityRef]) async throws -> [EntityRef: EntityRef] {
        guard !refs.isEmpty else { return [:] }
        let byKey = Dictionary(refs.map { ($0.description, $0) }, uniquingKeysWith: { first, _ in first })
        let keys = Array(byKey.keys)
        return try await writer.read { db in
            var owners: [EntityRef: EntityRef] = [:]
            var parsedOwners: [String: EntityRef] = [:]
            for start in stride(from: 0, to: keys.count, by: 500) {
                let chunk = Array(keys[start..<min(start + 500, keys.count)])
                let rows = try Row.fetchCursor(
                    db, sql: "SELECT ref, ownerRef FROM entity WHERE ownerRef IS NOT NULL AND ref IN (\(databaseQuestionMarks(count: chunk.count)))",
                    arguments: StatementArguments(chunk))
                while let row = try rows.next() {
                    let key: String = row["ref"]
                    let ownerKey: String = row["ownerRef"]
                    guard let ref = byKey[key] else { continue }
                    if parsedOwners[ownerKey] == nil { parsedOwners[ownerKey] = try? EntityRef(parsing: ownerKey) }
                    owners[ref] = parsedOwners[ownerKey]
                }
            }
            return owners
        }
    }
}

extension EntityHeadline {
    init(row: Row) throws {
        ref = try EntityRef(parsing: row["ref"])
        name = row["writtenName"] ?? ref.name
        title = row["title"]
        description = row["description"]
        profileName = row["profileName"]
        type = row["specType"]
        lifecycle = row["lifecycle"]
        ownerRef = try (row["ownerRef"] as String?).map { try EntityRef(parsing: $0) }
        chatUserID = row["chatUserID"]
        channel = row["channel"]
    }
}
