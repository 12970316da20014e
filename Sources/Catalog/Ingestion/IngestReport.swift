import Foundation

/// What an ingest did: entities added, updated and removed, every problem, every conflict.
public struct IngestReport: Sendable {
    /// Entities new to the catalog.
    public var added: [EntityRef] = []
    /// Entities whose definition changed.
    public var updated: [EntityRef] = []
    /// Entities that are gone (their file or document disappeared).
    public var removed: [EntityRef] = []
    /// Errors and warnings, file by file.
    public var problems: [CatalogProblem] = []
    /// Entities defined in more than one file, and which file won.
    public var conflicts: [EntityConflict] = []
    /// Files read and parsed in this run.
    public var filesParsed = 0
    /// Files skipped because their content did not change.
    public var filesUnchanged = 0
    /// Files that disappeared since the last ingest.
    public var filesRemoved = 0

    /// An empty report, for callers that merge several.
    public init() {}

    /// Whether any error was found.
    public var hasErrors: Bool { problems.contains { $0.severity == .error } }
}

/// Progress of a long ingest, reported as files are processed.
public struct IngestProgress: Sendable {
    /// The source being read.
    public var source: String
    /// Files processed so far in this source.
    public var filesProcessed: Int
    /// Files known so far (grows as Location entities point at more).
    public var filesDiscovered: Int
}

/// What one refresh of one source did (see ``CatalogIngester/refresh(_:at:)``).
public struct SourceRefresh: Sendable {
    /// The source refreshed.
    public var source: CatalogSource
    /// Where its files are on disk: the directory, or the kept clone of a git source.
    public var directory: URL
    /// The commit read, for git sources kept in a clone cache.
    public var commit: String?
    /// Entities added, updated and removed, and every problem found.
    public var report: IngestReport
    /// What the change feed recorded (nothing for the first ingest of a source).
    public var changes: [CatalogChange]
    /// How many entities the source defines after the refresh.
    public var entityCount: Int
    /// How long the refresh took.
    public var duration: Duration
}
