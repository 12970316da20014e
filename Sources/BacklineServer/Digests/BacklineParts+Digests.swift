import Catalog
import ChatOps
import Foundation
import Logging
import OnCall
import TechHealth

extension BacklineParts {
    /// The digest composer over these parts' stores, goalies and scorecards.
    public func digestComposer() -> DigestComposer {
        // Scorecards give the level order; a folder that does not load leaves it to the results.
        let scorecards = (try? Scorecard.load(directory: health.scorecardsDirectory)) ?? []
        return DigestComposer(
            catalog: database.catalog, health: database.health, measurer: health.measurer, goalies: goalies,
            incidents: database.oncall, scorecards: scorecards, newServices: ServicesBornFromTemplates(store: database.scaffolder).hook)
    }

    /// The planner of digests and alerts over these parts.
    /// - Parameter defaultTimeZone: the organisation's zone, for teams without a rotation.
    public func proactivePlanner(defaultTimeZone: TimeZone, logger: Logger) -> ProactivePlanner {
        let goalies = self.goalies
        return ProactivePlanner(
            catalog: database.catalog, composer: digestComposer(),
            rules: AlertRules(catalog: database.catalog, health: database.health, measurer: health.measurer), alerts: database.alerts,
            rotations: { goalies.rotations }, defaultTimeZone: defaultTimeZone, logger: logger)
    }
}
