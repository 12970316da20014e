import Foundation

/// One thing a refresh changed in the catalog, as the change feed records it: who should hear about
/// it (the owners before and after) and where it came from (the source and its commit).
public struct CatalogChange: Sendable, Hashable, Codable {
    /// What happened to the entity.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// The entity is new.
        case added
        /// The entity is gone.
        case removed
        /// Another team owns it now: a handover.
        case ownerChanged = "owner-changed"
        /// The same file defines it under a new name (``CatalogChange/previousRef`` is the old one).
        case renamed
        /// Another file defines it now.
        case moved
        /// `spec.lifecycle` changed (`experimental` → `production`, → `deprecated`, …).
        case lifecycleChanged = "lifecycle-changed"
    }

    /// The feed's id for the change; nil until it is recorded.
    public var id: Int64?
    /// What happened.
    public var kind: Kind
    /// The entity (after a rename, its new ref).
    public var entity: EntityRef
    /// The entity's ref before a rename.
    public var previousRef: EntityRef?
    /// The owner before the change (nil for an added entity or one that had none).
    public var ownerBefore: EntityRef?
    /// The owner after the change (nil for a removed entity or one that has none).
    public var ownerAfter: EntityRef?
    /// The lifecycle before, or the file before a move.
    public var valueBefore: String?
    /// The lifecycle after, or the file after a move.
    public var valueAfter: String?
    /// The catalog source whose refresh saw it.
    public var source: String
    /// The source's commit, for git sources.
    public var commit: String?
    /// When the refresh that saw it ran.
    public var recordedAt: Date

    /// Creates a change.
    public init(
        id: Int64? = nil, kind: Kind, entity: EntityRef, previousRef: EntityRef? = nil, ownerBefore: EntityRef? = nil,
        ownerAfter: EntityRef? = nil, valueBefore: String? = nil, valueAfter: String? = nil, source: String, commit: String?,
        recordedAt: Date
    ) {
        self.id = id
        self.kind = kind
        self.entity = entity
        self.previousRef = previousRef
        self.ownerBefore = ownerBefore
        self.ownerAfter = ownerAfter
        self.valueBefore = valueBefore
        self.valueAfter = valueAfter
        self.source = source
        self.commit = commit
        self.recordedAt = recordedAt
    }

    /// The teams the change concerns: the owners before and after.
    public var teams: [EntityRef] {
        var teams: [EntityRef] = []
        for owner in [ownerBefore, ownerAfter].compactMap({ $0 }) where !teams.contains(owner) { teams.append(owner) }
        return teams
    }
}

/// Where the changes of one refresh came from, stamped on every change it records.
public struct ChangeFeedStamp: Sendable, Hashable {
    /// The catalog source, as configured.
    public var source: String
    /// Its commit, for git sources.
    public var commit: String?
    /// When the refresh ran.
    public var at: Date

    /// Creates a stamp.
    public init(source: String, commit: String?, at: Date) {
        self.source = source
        self.commit = commit
        self.at = at
    }
}
