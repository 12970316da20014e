import GRDB

/// The few fields of an entity the change feed compares before and after a write.
struct EntitySnapshot: Sendable, Hashable {
    var kind: String
    var owner: String?
    var lifecycle: String?
    var sourcePath: String

    static let columns = "kind, ownerRef, lifecycle, sourcePath"

    init(row: Row) {
        kind = row["kind"]
        owner = row["ownerRef"]
        lifecycle = row["lifecycle"]
        sourcePath = row["sourcePath"]
    }

    /// The active definition of `ref`, or nil when the catalog has none.
    static func fetch(_ ref: String, in db: Database) throws -> EntitySnapshot? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT \(columns) FROM entity WHERE ref = ?"), arguments: [ref]).map(EntitySnapshot.init)
    }
}

/// Turns the before and after snapshots of the entities one write touched into feed entries.
enum ChangeDetector {
    /// - Parameters:
    ///   - before: every touched ref with its state before the write (nil: it did not exist).
    ///   - after: the same refs' state after the write.
    ///   - displayPath: how a stored file identity is shown in a `moved` entry.
    static func changes(
        before: [String: EntitySnapshot?], after: [String: EntitySnapshot?], stamp: ChangeFeedStamp, displayPath: (String) -> String
    ) -> [CatalogChange] {
        var added: [(String, EntitySnapshot)] = []
        var removed: [(String, EntitySnapshot)] = []
        var changes: [CatalogChange] = []
        func record(_ kind: CatalogChange.Kind, _ ref: String, previous: String? = nil, old: EntitySnapshot?, new: EntitySnapshot?,
                    values: (String?, String?) = (nil, nil)) {
            guard let entity = try? EntityRef(parsing: ref) else { return }
            changes.append(CatalogChange(
                kind: kind, entity: entity, previousRef: previous.flatMap { try? EntityRef(parsing: $0) },
                ownerBefore: old?.owner.flatMap { try? EntityRef(parsing: $0) }, ownerAfter: new?.owner.flatMap { try? EntityRef(parsing: $0) },
                valueBefore: values.0, valueAfter: values.1, source: stamp.source, commit: stamp.commit, recordedAt: stamp.at))
        }
        for ref in before.keys.sorted() {
            let old = before[ref] ?? nil
            let new = after[ref] ?? nil
            switch (old, new) {
            case (nil, nil): continue
            case (nil, let new?): added.append((ref, new))
            case (let old?, nil): removed.append((ref, old))
            case (let old?, let new?):
                if old.owner != new.owner { record(.ownerChanged, ref, old: old, new: new) }
                if old.lifecycle != new.lifecycle {
                    record(.lifecycleChanged, ref, old: old, new: new, values: (old.lifecycle, new.lifecycle))
                }
                if old.sourcePath != new.sourcePath {
                    record(.moved, ref, old: old, new: new, values: (displayPath(old.sourcePath), displayPath(new.sourcePath)))
                }
            }
        }
        // A file that now defines a new name of the same kind where an old one disappeared renamed
        // it; anything less clear-cut (two in, one out) stays an addition and a removal.
        var renamedAway: Set<String> = []
        var renamedTo: Set<String> = []
        for (ref, new) in added {
            let candidates = removed.filter { $0.1.kind == new.kind && $0.1.sourcePath == new.sourcePath && !renamedAway.contains($0.0) }
            let rivals = added.filter { $0.1.kind == new.kind && $0.1.sourcePath == new.sourcePath }
            guard candidates.count == 1, rivals.count == 1, let (oldRef, old) = candidates.first else { continue }
            renamedAway.insert(oldRef)
            renamedTo.insert(ref)
            record(.renamed, ref, previous: oldRef, old: old, new: new)
            if old.owner != new.owner { record(.ownerChanged, ref, old: old, new: new) }
        }
        for (ref, new) in added where !renamedTo.contains(ref) { record(.added, ref, old: nil, new: new) }
        for (ref, old) in removed where !renamedAway.contains(ref) { record(.removed, ref, old: old, new: nil) }
        return changes
    }
}
