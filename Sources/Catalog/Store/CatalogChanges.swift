/// What the store remembers about a source file, to skip it when it has not changed.
public struct SourceFileState: Sendable, Hashable {
    /// The file's identity (absolute path, or git URL + path).
    public var path: String
    /// Size in bytes at the last ingest.
    public var size: Int
    /// Modification time at the last ingest, seconds since 1970.
    public var modifiedAt: Double
    /// SHA-256 of the content, nil when the file had errors (so it is read again next time).
    public var contentHash: String?
    /// Files and globs its Location entities point at.
    public var locationTargets: [String]
}

/// One file read anew in this ingest.
public struct SourceFileUpdate: Sendable {
    /// The file's identity and its new state.
    public var state: SourceFileState
    /// The ingest root it was found under.
    public var root: String
    /// What the file yields.
    public var parsed: ParsedFile
}

/// Everything one ingest changes, applied in a single transaction.
public struct CatalogChanges: Sendable {
    /// Files read anew (new or changed content).
    public var updates: [SourceFileUpdate] = []
    /// Files whose content is unchanged but whose size or time moved (e.g. a fresh git clone).
    public var restamped: [SourceFileState] = []
    /// Files that are gone from their root.
    public var removedPaths: [String] = []

    /// Creates an empty change set.
    public init() {}

    /// Adds another batch of the same ingest.
    public mutating func append(_ other: CatalogChanges) {
        updates += other.updates
        restamped += other.restamped
        removedPaths += other.removedPaths
    }
}

/// Two or more files define the same entity. The file whose path sorts first wins, every time,
/// whatever order the files were read in.
public struct EntityConflict: Sendable, Hashable {
    /// The entity defined more than once.
    public var ref: EntityRef
    /// The file whose definition the catalog uses.
    public var winner: String
    /// The files whose definitions are ignored while the winner defines it.
    public var ignored: [String]
}

/// What applying a change set did.
public struct AppliedChanges: Sendable {
    /// Entities that did not exist before.
    public var added: [EntityRef] = []
    /// Entities whose definition changed.
    public var updated: [EntityRef] = []
    /// Entities that no longer exist.
    public var removed: [EntityRef] = []
    /// Every entity currently defined in more than one file.
    public var conflicts: [EntityConflict] = []
    /// What the change feed recorded, when it was kept (see ``CatalogStore/apply(_:feed:)``).
    public var changes: [CatalogChange] = []
}
