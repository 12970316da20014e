import Catalog
import Foundation

/// What one harvest found for one Component: its dependencies and runtimes, its docs' freshness,
/// and why its sources could not be read when they could not.
public struct ComponentHarvest: Sendable, Hashable, Codable {
    /// The Component.
    public var entity: EntityRef
    /// The folder its sources were read from; nil when none could be read.
    public var folder: String?
    /// When it was harvested.
    public var harvestedAt: Date
    /// Every package and runtime its manifests declare, merged across its files, and the files
    /// that did not parse.
    public var harvest: ManifestHarvest
    /// Its docs' freshness, when it has TechDocs.
    public var docs: DocsFreshness?
    /// Why its sources could not be read (no source location, a clone that failed, …).
    public var sourceProblem: String?
    /// The git commit its folder was at, so an unchanged repository's docs are not checked again.
    public var workTreeHead: String?

    /// Creates a harvest.
    public init(
        entity: EntityRef, folder: String?, harvestedAt: Date, harvest: ManifestHarvest, docs: DocsFreshness? = nil,
        sourceProblem: String? = nil, workTreeHead: String? = nil
    ) {
        self.entity = entity
        self.folder = folder
        self.harvestedAt = harvestedAt
        self.harvest = harvest
        self.docs = docs
        self.sourceProblem = sourceProblem
        self.workTreeHead = workTreeHead
    }
}

/// A manifest file's parse, kept with the hash of the bytes it came from.
public struct CachedManifest: Sendable, Hashable {
    /// SHA-256 of the file's bytes, lower-case hex. The harvester appends `@<size>@<mtime ns>`
    /// when the file's time can be trusted, so an unchanged file is recognised by `lstat` alone.
    public var contentHash: String
    /// What the file yields on its own.
    public var parsed: ParsedManifest

    /// Creates a cache entry.
    public init(contentHash: String, parsed: ParsedManifest) {
        self.contentHash = contentHash
        self.parsed = parsed
    }
}

/// One component's use of a package or runtime, for heat maps and org-wide lists.
public struct PackageUse: Sendable, Hashable {
    /// The component.
    public var entity: EntityRef
    /// The dependency as harvested (for a runtime: ecosystem `docker` is not implied; see ``runtime``).
    public var dependency: HarvestedDependency?
    /// The runtime pin, when the question was about a runtime.
    public var runtime: RuntimePin?
}
