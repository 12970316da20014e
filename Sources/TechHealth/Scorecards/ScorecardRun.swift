import Catalog
import Foundation

/// Scores every harvested Component against the scorecards and keeps the day's results, so
/// `/health NAME` shows the level and trends can be drawn from one day to the next.
public enum ScorecardRun {
    /// The CI configuration folders whose files are listed for the `ci.*` facts (a component's
    /// files are otherwise not listed: the facts need only these).
    static let ciFolders = [".github/workflows", ".circleci", ".buildkite"]

    /// Scores every harvested component with every scorecard that applies to it and saves the
    /// results for `now`'s day (UTC).
    /// - Returns: how many results were saved.
    @discardableResult
    public static func run(
        catalog: CatalogStore, store: TechHealthStore, measurer: HealthMeasurer, scorecards: [Scorecard], now: Date
    ) async throws -> Int {
        guard !scorecards.isEmpty else { return 0 }
        let harvests = try await store.harvests()
        let entities = Dictionary(try await catalog.entities(harvests.map(\.entity)).map { ($0.ref, $0.entity) }, uniquingKeysWith: { first, _ in first })
        let headlines = try await catalog.headlines(harvests.map(\.entity))
        let owners = Set(try await catalog.headlines(Array(Set(headlines.compactMap(\.ownerRef)))).map(\.ref))
        let ownerOf = Dictionary(headlines.map { ($0.ref, $0.ownerRef) }, uniquingKeysWith: { first, _ in first })
        var results: [ScorecardResult] = []
        // One component at a time, so a large catalog's measures are never all held at once.
        var round = MeasureRound()
        for harvest in harvests {
            guard let entity = entities[harvest.entity] else { continue }
            let measure = await measurer.measure(component: harvest.entity, harvest: harvest.harvest, now: now, round: &round)
            let ownerExists = (ownerOf[harvest.entity] ?? nil).map(owners.contains) ?? false
            let facts = ComponentFacts.compute(
                entity: entity, ownerExists: ownerExists, harvest: harvest, measure: measure, files: harvest.folder.map(ciListing))
            for scorecard in scorecards where scorecard.applies(to: facts) { results.append(scorecard.evaluate(facts)) }
        }
        try await store.saveScorecardResults(results, day: CalendarDay(now))
        return results.count
    }

    /// The folder's top-level names and the files of its CI folders, relative to it. Names only:
    /// nothing is read, and symbolic links are listed, never followed.
    static func ciListing(_ folder: String) -> [String] {
        let manager = FileManager.default
        var listing = (try? manager.contentsOfDirectory(atPath: folder)) ?? []
        for sub in ciFolders {
            let path = (folder as NSString).appendingPathComponent(sub)
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue,
                  (try? manager.destinationOfSymbolicLink(atPath: path)) == nil else { continue }
            listing += ((try? manager.contentsOfDirectory(atPath: path)) ?? []).prefix(200).map { "\(sub)/\($0)" }
        }
        return listing
    }
}
