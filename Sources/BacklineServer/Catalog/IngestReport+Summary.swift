import Catalog
import Logging

extension IngestReport {
    /// The reports of several sources as one (the first ingest of `serve`).
    static func merged(_ reports: [IngestReport]) -> IngestReport {
        var merged = IngestReport()
        for part in reports {
            merged.added += part.added
            merged.updated += part.updated
            merged.removed += part.removed
            merged.problems += part.problems
            merged.conflicts = part.conflicts
        }
        return merged
    }

    /// The start-up summary: counts, then the first errors.
    func log(sources: [String], logger: Logger) {
        let errors = problems.filter { $0.severity == .error }
        logger.info("catalog ingested", metadata: [
            "sources": "\(sources.joined(separator: ", "))", "added": "\(added.count)",
            "updated": "\(updated.count)", "removed": "\(removed.count)", "errors": "\(errors.count)",
        ])
        for problem in errors.prefix(20) { logger.warning("catalog problem: \(problem)") }
    }
}
