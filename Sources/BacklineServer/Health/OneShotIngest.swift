import Catalog
import Foundation

/// The ingest of `backline ask` and `backline health harvest`: every source read once, and the
/// clones of git sources kept until the harvest has read them.
///
/// The ingester's own one-off clones are removed as soon as the source is read, so git sources are
/// ingested one at a time, each into a temporary clone cache of its own: the one clone in it is
/// that source's files. ``remove()`` deletes them all.
public struct OneShotIngest: Sendable {
    /// What the ingest found.
    public var report: IngestReport
    /// Where each git source's clone is, by ``CatalogSource/rootIdentity``.
    public var directories: [String: URL]
    /// The temporary folder holding the clones, when there were git sources.
    public var temporary: URL?

    /// Ingests `sources` into `store`.
    public static func run(
        _ sources: [CatalogSource], store: CatalogStore, gitTimeout: Duration, progress: @Sendable (IngestProgress) -> Void = { _ in }
    ) async throws -> OneShotIngest {
        let hasGit = sources.contains { if case .git = $0 { true } else { false } }
        guard hasGit else {
            let report = try await CatalogIngester(store: store, gitTimeout: gitTimeout).ingest(sources, progress: progress)
            return OneShotIngest(report: report, directories: [:], temporary: nil)
        }
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("backline-oneshot-\(UUID().uuidString)")
        var result = OneShotIngest(report: IngestReport(), directories: [:], temporary: temporary)
        do {
            for (index, source) in sources.enumerated() {
                var cache: URL?
                if case .git = source { cache = temporary.appendingPathComponent("\(index)") }
                let part = try await CatalogIngester(store: store, gitTimeout: gitTimeout, cloneCache: cache).ingest([source], progress: progress)
                if let cache, let clone = try? FileManager.default.contentsOfDirectory(atPath: cache.path).first(where: { $0.hasPrefix("clone-") }) {
                    result.directories[source.rootIdentity] = cache.appendingPathComponent(clone)
                }
                result.merge(part, isLast: index == sources.count - 1)
            }
        } catch {
            result.remove()
            throw error
        }
        return result
    }

    /// Deletes the clones.
    public func remove() {
        if let temporary { try? FileManager.default.removeItem(at: temporary) }
    }

    /// Adds one source's report. Every ingest appends a warning per duplicate entity across the
    /// whole catalog; only the last one's are kept, so each is said once.
    private mutating func merge(_ part: IngestReport, isLast: Bool) {
        report.added += part.added
        report.updated += part.updated
        report.removed += part.removed
        report.problems += isLast ? part.problems : part.problems.filter { $0.rule != "duplicate-entity" }
        report.filesParsed += part.filesParsed
        report.filesUnchanged += part.filesUnchanged
        report.filesRemoved += part.filesRemoved
        if isLast { report.conflicts = part.conflicts }
    }
}
