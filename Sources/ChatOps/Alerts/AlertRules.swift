import Catalog
import Foundation
import TechHealth

/// The alert rules: what a team should hear about between digests. Facts come from the last
/// harvest measured now, the scorecard results kept per day and the recorded catalog findings;
/// whether a team has heard already is the alert store's business.
public struct AlertRules: Sendable {
    let catalog: CatalogStore
    let health: TechHealthStore
    let measurer: HealthMeasurer
    /// A runtime this many days or fewer from its end of life is alerted on.
    public let endOfLifeWindowDays: Int

    /// Creates the rules.
    public init(catalog: CatalogStore, health: TechHealthStore, measurer: HealthMeasurer, endOfLifeWindowDays: Int = 90) {
        self.catalog = catalog
        self.health = health
        self.measurer = measurer
        self.endOfLifeWindowDays = endOfLifeWindowDays
    }

    /// Everything the rules find for one team now.
    public func evaluate(team: EntityRef, now: Date) async throws -> [AlertCandidate] {
        let owned = try await catalog.relations(from: [team], ofType: .ownerOf).map(\.target).filter { $0.kind == "component" }
        var candidates: [AlertCandidate] = []
        let harvests = try await health.measurableHarvests(of: owned)
        let measures = await measurer.measure(components: harvests.map { ($0.entity, $0.harvest) }, now: now)
        for (harvest, measure) in zip(harvests, measures) {
            let component = harvest.entity
            let details = "/health \(component.name)"
            if let docs = harvest.docs, docs.status == .stale {
                let days = docs.codeDaysAheadOfDocs ?? 0
                // Worse by how far the code moved on: a month, a quarter, half a year.
                let severity = days >= 180 ? 3 : days >= 90 ? 2 : 1
                candidates.append(AlertCandidate(
                    team: team, rule: .docsStale, entity: component, subject: "docs", severity: severity,
                    title: "\(component.name)'s docs are stale", detail: docs.reasons.joined(separator: " "), detailsCommand: details))
            }
            var seen = Set<String>()
            for dependency in measure.dependencies where dependency.policy.status.isOutOfPolicy {
                let subject = "\(dependency.ecosystem.rawValue):\(dependency.name)"
                guard seen.insert("\(subject)@\(dependency.version ?? "")").inserted else { continue }
                candidates.append(AlertCandidate(
                    team: team, rule: .outOfPolicy, entity: component, subject: subject, state: dependency.version ?? dependency.declared ?? "",
                    severity: dependency.policy.status.severity,
                    title: "\(component.name) uses \(dependency.name) \(dependency.version ?? "?"), out of policy",
                    detail: Self.policyText(dependency.policy) + " · \(dependency.file)\(dependency.line.map { ":\($0)" } ?? "")",
                    detailsCommand: details))
            }
            for runtime in measure.runtimes {
                let subject = "runtime:\(runtime.name)"
                if runtime.policy.status.isOutOfPolicy, seen.insert("\(subject)@\(runtime.version)").inserted {
                    candidates.append(AlertCandidate(
                        team: team, rule: .outOfPolicy, entity: component, subject: subject, state: runtime.version,
                        severity: runtime.policy.status.severity, title: "\(component.name) runs \(runtime.name) \(runtime.version), out of policy",
                        detail: Self.policyText(runtime.policy) + " · \(runtime.file)", detailsCommand: details))
                }
                for (product, cycle, status, eolDate, daysLeft) in Self.endOfLifeParts(runtime) {
                    guard status == .endOfLife || (daysLeft.map { $0 <= endOfLifeWindowDays } ?? false) else { continue }
                    let past = status == .endOfLife || (daysLeft ?? 1) < 0
                    candidates.append(AlertCandidate(
                        team: team, rule: .endOfLife, entity: component, subject: "eol:\(product)", state: cycle,
                        severity: past ? 3 : 1,
                        title: past ? "\(component.name) runs \(product) \(cycle), past its end of life"
                            : "\(component.name) runs \(product) \(cycle), end of life in \(daysLeft ?? 0) days",
                        detail: "\(product) \(cycle) \(past ? "reached" : "reaches") end of life\(eolDate.map { " on \($0)" } ?? "") · \(runtime.file)",
                        detailsCommand: details))
                }
            }
        }
        candidates += try await regressions(owned: owned, team: team)
        for recorded in try await catalog.findings(ownedBy: team) {
            let finding = recorded.finding
            candidates.append(AlertCandidate(
                team: team, rule: .catalogData, entity: finding.entity, subject: "\(finding.kind.rawValue):\(finding.subject?.description ?? "")",
                severity: 1, title: "Catalog data to fix: \(finding.entity.shortDescription)", detail: finding.message,
                detailsCommand: "/owner \(finding.entity.name)"))
        }
        return candidates
    }

    /// Failing checks; a check that passed in the component's previous result is told, one that
    /// was failing already is only kept (it is in the digest).
    private func regressions(owned: [EntityRef], team: EntityRef) async throws -> [AlertCandidate] {
        let latest = try await health.latestScorecards(for: owned)
        var candidates: [AlertCandidate] = []
        let days = Set(latest.map(\.day))
        var previousByDay: [CalendarDay: [String: ScorecardRecord]] = [:]
        for day in days {
            let before = CalendarDay(day.date.addingTimeInterval(-86_400))
            let records = try await health.latestScorecards(for: latest.filter { $0.day == day }.map(\.entity), onOrBefore: before)
            previousByDay[day] = Dictionary(records.map { ("\($0.entity)\u{0}\($0.scorecard)", $0) }, uniquingKeysWith: { first, _ in first })
        }
        for record in latest {
            let previous = previousByDay[record.day]?["\(record.entity)\u{0}\(record.scorecard)"]
            for check in record.checks where check.outcome == .failed {
                let was = previous?.checks.first { $0.id == check.id }?.outcome
                candidates.append(AlertCandidate(
                    team: team, rule: .checkRegressed, entity: record.entity, subject: "\(record.scorecard)/\(check.id)", severity: 1,
                    title: "\(record.entity.name) now fails “\(check.title)”",
                    detail: (check.fix.map { "\($0) " } ?? "") + "(\(check.expected); \(record.scorecard) scorecard, \(check.level))",
                    detailsCommand: "/health \(record.entity.name)", notifyIfNew: was == .passed))
            }
        }
        return candidates
    }

    /// The runtime's own end of life and its base image OS's, as (product, cycle, status, date, days left).
    static func endOfLifeParts(_ runtime: RuntimeMeasure) -> [(String, String, EOLStatus, CalendarDay?, Int?)] {
        var parts: [(String, String, EOLStatus, CalendarDay?, Int?)] = [(runtime.name, runtime.cycle ?? runtime.version, runtime.eol, runtime.eolDate, runtime.daysLeft)]
        if let os = runtime.operatingSystem, let product = os.product {
            parts.append((product, os.cycle ?? os.version, os.status, os.eolDate, os.daysLeft))
        }
        return parts
    }

    static func policyText(_ verdict: PolicyVerdict) -> String {
        let rule = verdict.rule.map { verdict.status == .banned ? $0 : "below \($0)" } ?? verdict.status.rawValue
        return verdict.reason.map { "\(rule): \($0)" } ?? rule
    }
}
