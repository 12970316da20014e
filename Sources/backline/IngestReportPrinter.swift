import Foundation
import Catalog

/// Prints an ingest report for people: counts first, then the refs and every problem.
struct IngestReportPrinter {
    let limit: Int

    func print(_ report: IngestReport, database: String, duration: Duration) {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        Swift.print("""
            Ingested into \(database) in \(String(format: "%.2f", seconds)) s: \
            \(report.added.count) added, \(report.updated.count) updated, \(report.removed.count) removed \
            (\(report.filesParsed) files read, \(report.filesUnchanged) unchanged, \(report.filesRemoved) gone)
            """)
        list("added", report.added)
        list("updated", report.updated)
        list("removed", report.removed)
        let errors = report.problems.filter { $0.severity == .error }
        let warnings = report.problems.filter { $0.severity == .warning }
        if !report.problems.isEmpty { Swift.print("\(errors.count) errors, \(warnings.count) warnings:") }
        for problem in errors + warnings { Swift.print("  \(problem)") }
    }

    private func list(_ label: String, _ refs: [EntityRef]) {
        guard !refs.isEmpty else { return }
        Swift.print("\(label):")
        for ref in refs.sorted().prefix(limit) { Swift.print("  \(ref)") }
        if refs.count > limit { Swift.print("  … and \(refs.count - limit) more (raise --list-limit to see them)") }
    }
}
