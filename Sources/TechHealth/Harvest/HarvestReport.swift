import Catalog

/// How far a harvest has come, for progress lines.
public struct HarvestProgress: Sendable, Hashable {
    /// Components finished.
    public var done: Int
    /// Components to harvest.
    public var total: Int

    /// Creates a progress value.
    public init(done: Int, total: Int) {
        self.done = done
        self.total = total
    }
}

/// What one harvest of the whole catalog did.
public struct HarvestReport: Sendable, Hashable {
    /// Components looked at (every Component in the catalog).
    public var componentsHarvested = 0
    /// Components whose files and docs had not changed, so nothing was read or written for them.
    public var componentsUnchanged = 0
    /// Manifest files parsed because they were new or changed.
    public var filesParsed = 0
    /// Manifest files whose cached parse was reused (same size and time, or same content hash).
    public var filesReused = 0
    /// Docs freshness checks run (the others were skipped: same commit as last time).
    public var docsChecked = 0
    /// Manifest problems found across every component (files that do not parse, limits reached).
    public var problems = 0
    /// Components whose sources could not be read, with why.
    public var sourceProblems: [EntityRef: String] = [:]
    /// Components dropped because they left the catalog.
    public var componentsForgotten = 0
    /// How long the harvest took.
    public var duration: Duration = .zero

    /// An empty report.
    public init() {}
}
