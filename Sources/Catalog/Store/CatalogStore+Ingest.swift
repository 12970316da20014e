import Foundation
import GRDB

extension CatalogStore {
    /// What the store knows about the files previously ingested from `root`, by path.
    public func sourceFiles(under root: String) async throws -> [String: SourceFileState] {
        try await writer.read { db in
            var states: [String: SourceFileState] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT path, size, modifiedAt, contentHash, locationTargets FROM catalogSourceFile WHERE root = ?",
                arguments: [root])
            {
                let targets: String = row["locationTargets"]
                let state = SourceFileState(
                    path: row["path"], size: row["size"], modifiedAt: row["modifiedAt"], contentHash: row["contentHash"],
                    locationTargets: (try? JSONDecoder().decode([String].self, from: Data(targets.utf8))) ?? [])
                states[state.path] = state
            }
            return states
        }
    }

    /// Applies one ingest's changes atomically: either all of them land or none do.
    /// - Parameters:
    ///   - changes: the files read anew, restamped and gone.
    ///   - feed: when given, what the changes did to entities (added, removed, handed over, renamed,
    ///     moved, lifecycle changed) is recorded in the change feed, in the same transaction.
    public func apply(_ changes: CatalogChanges, feed: ChangeFeedStamp? = nil) async throws -> AppliedChanges {
        try await writer.write { db in
            var writer = EntityWriter(db: db, tracksChanges: feed != nil)
            for update in changes.updates { try writer.apply(update) }
            for path in changes.removedPaths { try writer.removeFile(path) }
            for state in changes.restamped {
                try db.execute(
                    sql: "UPDATE catalogSourceFile SET size = ?, modifiedAt = ? WHERE path = ?",
                    arguments: [state.size, state.modifiedAt, state.path])
            }
            var applied = writer.result
            if !applied.added.isEmpty || !applied.updated.isEmpty || !applied.removed.isEmpty {
                try CatalogMigrations.bumpGeneration(db)
            }
            if let feed, let before = writer.before {
                var after: [String: EntitySnapshot?] = [:]
                for ref in before.keys { after[ref] = try EntitySnapshot.fetch(ref, in: db) }
                let detected = ChangeDetector.changes(before: before, after: after, stamp: feed) { $0 }
                applied.changes = try detected.map { try Self.record($0, in: db) }
            }
            return applied
        }
    }

    fileprivate static func conflicts(_ db: Database) throws -> [EntityConflict] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT shadowedEntity.ref, entity.sourcePath AS winner, shadowedEntity.sourcePath AS ignored
            FROM shadowedEntity JOIN entity ON entity.ref = shadowedEntity.ref
            ORDER BY shadowedEntity.ref, shadowedEntity.sourcePath
            """)
        var conflicts: [EntityConflict] = []
        for row in rows {
            let ref = try EntityRef(parsing: row["ref"])
            if conflicts.last?.ref == ref {
                conflicts[conflicts.count - 1].ignored.append(row["ignored"])
            } else {
                conflicts.append(EntityConflict(ref: ref, winner: row["winner"], ignored: [row["ignored"]]))
            }
        }
        return conflicts
    }
}

/// The write side of an ingest, inside one transaction. Every entity definition is either the
/// active one (table `entity`, the file sorting first) or shadowed by it.
private struct EntityWriter {
    let db: Database
    var result = AppliedChanges()
    /// When the change feed is kept: every ref this write touched, with its state before the first
    /// touch (nil: it did not exist).
    private(set) var before: [String: EntitySnapshot?]?
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    init(db: Database, tracksChanges: Bool) {
        self.db = db
        before = tracksChanges ? [:] : nil
    }

    /// Notes `ref`'s state before this write first changes it.
    private mutating func remember(_ ref: String) throws {
        guard let known = before, known.index(forKey: ref) == nil else { return }
        before?[ref] = .some(try EntitySnapshot.fetch(ref, in: db))
    }

    mutating func apply(_ update: SourceFileUpdate) throws {
        let path = update.state.path
        // A file that cannot be read at all keeps everything it defined before.
        guard !update.parsed.isUnreadable else {
            try recordFile(update, contentHash: nil, onlyIfMissing: true)
            return
        }
        let previous = try definedRefs(in: path)
        var seen: Set<EntityRef> = []
        for parsed in update.parsed.entities where seen.insert(parsed.entity.ref).inserted {
            try define(parsed, in: path)
        }
        // Entities whose document is now invalid keep their last good definition.
        for ref in previous where !seen.contains(ref) && !update.parsed.refsOfInvalidDocuments.contains(ref) {
            try undefine(ref, in: path)
        }
        try recordFile(update, contentHash: update.parsed.hasErrors ? nil : update.state.contentHash, onlyIfMissing: false)
    }

    mutating func removeFile(_ path: String) throws {
        for ref in try definedRefs(in: path) { try undefine(ref, in: path) }
        try db.execute(sql: "DELETE FROM catalogSourceFile WHERE path = ?", arguments: [path])
    }

    private func recordFile(_ update: SourceFileUpdate, contentHash: String?, onlyIfMissing: Bool) throws {
        let targets = String(decoding: try encoder.encode(update.state.locationTargets), as: UTF8.self)
        try db.cachedStatement(
            sql: """
                INSERT INTO catalogSourceFile (path, root, size, modifiedAt, contentHash, locationTargets, ingestedAt)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(path) DO \(onlyIfMissing ? "NOTHING" : """
                UPDATE SET root = excluded.root, size = excluded.size, modifiedAt = excluded.modifiedAt,
                contentHash = excluded.contentHash, locationTargets = excluded.locationTargets, ingestedAt = excluded.ingestedAt
                """)
                """
        ).execute(arguments: [update.state.path, update.root, update.state.size, update.state.modifiedAt, contentHash, targets, Date().timeIntervalSince1970])
    }

    private func definedRefs(in path: String) throws -> Set<EntityRef> {
        let active = try String.fetchAll(db.cachedStatement(sql: "SELECT ref FROM entity WHERE sourcePath = ?"), arguments: [path])
        let shadowed = try String.fetchAll(db.cachedStatement(sql: "SELECT ref FROM shadowedEntity WHERE sourcePath = ?"), arguments: [path])
        return Set(try (active + shadowed).map { try EntityRef(parsing: $0) })
    }

    /// Records `path`'s definition of an entity: active if no earlier-sorting file defines it.
    private mutating func define(_ parsed: ParsedEntity, in path: String) throws {
        let ref = parsed.entity.ref.description
        try remember(ref)
        let body = parsed.entity.jsonBody
        let active = try Row.fetchOne(db.cachedStatement(sql: "SELECT sourcePath, body FROM entity WHERE ref = ?"), arguments: [ref])
        guard let active else {
            try insertActive(parsed.entity, body: body, relations: parsed.relations, path: path, document: parsed.document, line: parsed.line)
            result.added.append(parsed.entity.ref)
            return
        }
        let activePath: String = active["sourcePath"]
        if activePath == path {
            let previousBody: String = active["body"]
            try deleteActive(ref)
            try insertActive(parsed.entity, body: body, relations: parsed.relations, path: path, document: parsed.document, line: parsed.line)
            if previousBody != body { result.updated.append(parsed.entity.ref) }
        } else if path < activePath {
            try shadowActive(ref)
            try db.execute(sql: "DELETE FROM shadowedEntity WHERE ref = ? AND sourcePath = ?", arguments: [ref, path])
            try insertActive(parsed.entity, body: body, relations: parsed.relations, path: path, document: parsed.document, line: parsed.line)
            result.updated.append(parsed.entity.ref)
        } else {
            try db.execute(
                sql: "INSERT OR REPLACE INTO shadowedEntity (ref, sourcePath, body, relations, document, line) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [ref, path, body, String(decoding: try encoder.encode(parsed.relations), as: UTF8.self), parsed.document, parsed.line])
        }
    }

    /// Drops `path`'s definition of `ref`; when it was the active one, the next file takes over.
    private mutating func undefine(_ ref: EntityRef, in path: String) throws {
        let key = ref.description
        try remember(key)
        try db.execute(sql: "DELETE FROM shadowedEntity WHERE ref = ? AND sourcePath = ?", arguments: [key, path])
        guard try String.fetchOne(db, sql: "SELECT sourcePath FROM entity WHERE ref = ?", arguments: [key]) == path else { return }
        try deleteActive(key)
        if let next = try Row.fetchOne(
            db, sql: "SELECT sourcePath, body, relations, document, line FROM shadowedEntity WHERE ref = ? ORDER BY sourcePath LIMIT 1",
            arguments: [key])
        {
            let body: String = next["body"]
            let relationsJSON: String = next["relations"]
            let entity = try Entity(jsonBody: body)
            let relations = try JSONDecoder().decode([Relation].self, from: Data(relationsJSON.utf8))
            try db.execute(sql: "DELETE FROM shadowedEntity WHERE ref = ? AND sourcePath = ?", arguments: [key, next["sourcePath"] as String])
            try insertActive(entity, body: body, relations: relations, path: next["sourcePath"], document: next["document"], line: next["line"])
            result.updated.append(ref)
        } else {
            result.removed.append(ref)
        }
    }

    private func shadowActive(_ ref: String) throws {
        guard let row = try Row.fetchOne(db, sql: "SELECT sourcePath, body, document, line FROM entity WHERE ref = ?", arguments: [ref]) else { return }
        let relations = try Row.fetchAll(
            db, sql: "SELECT sourceRef, type, targetRef FROM relation WHERE originRef = ? ORDER BY sourceRef, type, targetRef", arguments: [ref]
        ).compactMap { row -> Relation? in
            guard let type = RelationType(rawValue: row["type"]) else { return nil }
            return Relation(source: try EntityRef(parsing: row["sourceRef"]), type: type, target: try EntityRef(parsing: row["targetRef"]))
        }
        try db.execute(
            sql: "INSERT OR REPLACE INTO shadowedEntity (ref, sourcePath, body, relations, document, line) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [ref, row["sourcePath"] as String, row["body"] as String, String(decoding: try encoder.encode(relations), as: UTF8.self),
                        row["document"] as Int, row["line"] as Int])
        try deleteActive(ref)
    }

    private func deleteActive(_ ref: String) throws {
        try db.cachedStatement(sql: "DELETE FROM entity WHERE ref = ?").execute(arguments: [ref])
        try db.cachedStatement(sql: "DELETE FROM relation WHERE originRef = ?").execute(arguments: [ref])
    }

    private func insertActive(_ entity: Entity, body: String, relations: [Relation], path: String, document: Int, line: Int) throws {
        let ref = entity.ref
        let owner = relations.first { $0.source == ref && $0.type == .ownedBy }?.target.description
        let annotations = entity.metadata.annotations
        let profile = entity.spec["profile"]
        try db.cachedStatement(sql: """
            INSERT INTO entity (ref, kind, namespace, name, title, description, tags, specType, lifecycle, ownerRef, body, sourcePath, document, line,
                                writtenName, profileName, chatUserID, chatChannel, searchExtra)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                ref.description, ref.kind, ref.namespace, ref.name, entity.metadata.title, entity.metadata.description,
                entity.metadata.tags.joined(separator: " "), entity.specString("type"), entity.specString("lifecycle"), owner,
                body, path, document, line,
                entity.metadata.name, profile?["displayName"]?.stringValue, annotations["slack.com/user_id"], annotations["slack.com/bot-notify"],
                SearchExtraField.searchText(of: entity),
            ])
        let insertRelation = try db.cachedStatement(
            sql: "INSERT OR IGNORE INTO relation (sourceRef, type, targetRef, originRef) VALUES (?, ?, ?, ?)")
        for relation in relations {
            try insertRelation.execute(arguments: [relation.source.description, relation.type.rawValue, relation.target.description, ref.description])
        }
    }
}

extension CatalogStore {
    /// Every entity currently defined in more than one file, with the file that wins.
    public func conflicts() async throws -> [EntityConflict] {
        try await writer.read { db in try Self.conflicts(db) }
    }
}
