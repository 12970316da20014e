import Catalog
import Foundation
import OnCall
import TechHealth

/// Composes teams' weekly digests from what is already stored: the last harvest measured now (as
/// `/health team` does), scorecard results kept per day, recorded catalog findings, incident
/// records and the goalie rotation. It reads; it never harvests or scores.
///
/// ```swift
/// let composer = DigestComposer(catalog: catalog, health: store, measurer: measurer, goalies: goalies)
/// let digest = try await composer.compose(team: EntityRef(kind: "group", name: "playlists"), now: Date(), timeZone: zone)
/// let reply = DigestReply.reply(digest)
/// ```
public struct DigestComposer: Sendable {
    /// Services born from templates for a team within a period (names); the scaffolder's hook.
    public typealias NewServices = @Sendable (_ team: EntityRef, _ period: DateInterval) async throws -> [String]

    let catalog: CatalogStore
    let health: TechHealthStore
    let measurer: HealthMeasurer
    let goalies: GoalieDirectory?
    let incidents: OnCallStore?
    let scorecards: [Scorecard]
    let newServices: NewServices
    /// At most this many entries in each list of the digest.
    let listLimit: Int

    /// Creates a composer.
    /// - Parameters:
    ///   - goalies: who is goalie this week and next; nil leaves the goalie out.
    ///   - incidents: where incident records are; nil leaves incidents out.
    ///   - scorecards: the loaded scorecards, for level order and titles (results alone do not
    ///     say which level is higher).
    ///   - newServices: services born from templates (empty until the scaffolder exists).
    public init(
        catalog: CatalogStore, health: TechHealthStore, measurer: HealthMeasurer, goalies: GoalieDirectory? = nil,
        incidents: OnCallStore? = nil, scorecards: [Scorecard] = [], newServices: @escaping NewServices = { _, _ in [] },
        listLimit: Int = 10
    ) {
        self.catalog = catalog
        self.health = health
        self.measurer = measurer
        self.goalies = goalies
        self.incidents = incidents
        self.scorecards = scorecards
        self.newServices = newServices
        self.listLimit = listLimit
    }

    /// Every team (Group) that owns at least one Component, sorted: the teams that get a digest.
    public func teams() async throws -> [EntityRef] {
        let groups = try await catalog.entities(ofKinds: ["group"]).map(\.ref)
        let owning = Set(try await catalog.relations(from: groups, ofType: .ownerOf).filter { $0.target.kind == "component" }.map(\.source))
        return groups.filter(owning.contains).sorted()
    }

    /// One team's digest for the week ending `now`.
    /// - Parameter timeZone: the team's zone, for the week's label.
    public func compose(team: EntityRef, now: Date, timeZone: TimeZone) async throws -> TeamDigest {
        let headline = try await catalog.headlines([team]).first
        let owned = try await catalog.relations(from: [team], ofType: .ownerOf).map(\.target).filter { $0.kind == "component" }
        let names = try await catalog.writtenNames(of: owned)
        func name(_ ref: EntityRef) -> String { names[ref] ?? ref.name }
        let periodStart = now.addingTimeInterval(-7 * 86_400)

        // Dependencies and runtimes, measured now from the last harvest (as /health team does).
        let harvests = try await health.measurableHarvests(of: owned)
        var items: [DigestHealthItem] = []
        var outOfPolicy: [DigestHealthItem] = []
        var staleDocs: [DigestStaleDocs] = []
        let measures = await measurer.measure(components: harvests.map { ($0.entity, $0.harvest) }, now: now, worstLimit: listLimit)
        for (harvest, measure) in zip(harvests, measures) {
            for item in measure.worst {
                let endOfLife = item.severity >= 1000
                items.append(DigestHealthItem(
                    component: name(harvest.entity), name: item.name, version: item.version, reasons: item.reasons, endOfLife: endOfLife,
                    severity: item.severity))
            }
            for dependency in measure.dependencies where dependency.policy.status.isOutOfPolicy {
                outOfPolicy.append(DigestHealthItem(
                    component: name(harvest.entity), name: dependency.name, version: dependency.version,
                    reasons: [Self.policyText(dependency.policy)], endOfLife: false, severity: Double(dependency.policy.status.severity)))
            }
            for runtime in measure.runtimes where runtime.policy.status.isOutOfPolicy {
                outOfPolicy.append(DigestHealthItem(
                    component: name(harvest.entity), name: runtime.name, version: runtime.version,
                    reasons: [Self.policyText(runtime.policy)], endOfLife: false, severity: Double(runtime.policy.status.severity)))
            }
            if let docs = harvest.docs, docs.status == .stale {
                staleDocs.append(DigestStaleDocs(component: name(harvest.entity), reason: docs.reasons.first, codeDaysAhead: docs.codeDaysAheadOfDocs))
            }
        }
        items.sort { ($0.severity, $1.component, $1.name) > ($1.severity, $0.component, $0.name) }
        outOfPolicy = Self.unique(outOfPolicy).sorted { ($0.severity, $1.component, $1.name) > ($1.severity, $0.component, $0.name) }
        staleDocs.sort { ($0.codeDaysAhead ?? 0, $1.component) > ($1.codeDaysAhead ?? 0, $0.component) }

        // Scorecards: now, a week ago, and the fixes that lift the most components.
        let latest = try await health.latestScorecards(for: owned)
        let lastWeek = try await health.latestScorecards(for: owned, onOrBefore: CalendarDay(periodStart))
        let standings = standings(latest: latest, lastWeek: lastWeek, name: name)
        let actions = Array(actions(latest, name: name).prefix(3))

        let findings = try await catalog.findings(ownedBy: team).map {
            DigestFinding(kind: $0.finding.kind.rawValue, entity: $0.finding.entity.description, message: $0.finding.message)
        }

        var incidentList: [DigestIncident] = []
        if let incidents {
            let ownedSet = Set(owned.map(\.description))
            for record in try await incidents.incidents(startedFrom: periodStart, to: now) {
                let touched = record.services.filter { ownedSet.contains($0.ref) || $0.team == team.description }
                guard !touched.isEmpty else { continue }
                incidentList.append(DigestIncident(
                    channelName: record.channelName, channelID: record.channelID, summary: record.summary, startedAt: record.startedAt,
                    resolvedAt: record.resolvedAt,
                    services: touched.map { (try? EntityRef(parsing: $0.ref)).map(name) ?? $0.ref }))
            }
        }

        // The goalie is a nice-to-have: a pager that cannot be reached must not stop the digest.
        let goalie = try? await goalies?.status(team: team, at: now)
        let born = (try? await newServices(team, DateInterval(start: periodStart, end: now))) ?? []

        return TeamDigest(
            team: team, teamName: headline?.displayName ?? team.name, channel: headline?.channel,
            week: Self.weekLabel(now, timeZone: timeZone), periodStart: periodStart, periodEnd: now, timeZone: timeZone.identifier,
            components: owned.count, harvested: harvests.count, scorecards: standings, actions: actions,
            outdated: Array(items.prefix(listLimit)), outdatedMore: max(0, items.count - listLimit),
            outOfPolicy: Array(outOfPolicy.prefix(listLimit)), staleDocs: Array(staleDocs.prefix(listLimit)),
            hygiene: Array(findings.prefix(listLimit)), incidents: incidentList,
            goalie: goalie?.goalie, nextGoalie: goalie?.nextGoalie, nextHandoff: goalie?.nextHandoff, newServices: born)
    }

    /// The ISO 8601 week of `date` in `timeZone`: `2026-W49`. Used in digest dedupe keys, so a
    /// repeated run in the same week is recognised.
    public static func weekLabel(_ date: Date, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: date)
        return String(format: "%04d-W%02d", parts.yearForWeekOfYear ?? 0, parts.weekOfYear ?? 0)
    }

    /// The level order of a scorecard: from its file when loaded, else the order levels first
    /// appear in the results' checks.
    func levels(of scorecard: String, records: [ScorecardRecord]) -> [String] {
        if let loaded = scorecards.first(where: { $0.id == scorecard }) { return loaded.levels }
        var seen: [String] = []
        for record in records where record.scorecard == scorecard {
            for check in record.checks where !seen.contains(check.level) { seen.append(check.level) }
        }
        return seen
    }

    private func standings(latest: [ScorecardRecord], lastWeek: [ScorecardRecord], name: (EntityRef) -> String) -> [ScorecardStanding] {
        let ids = Array(Set(latest.map(\.scorecard))).sorted()
        return ids.map { id in
            let now = latest.filter { $0.scorecard == id }
            let before = lastWeek.filter { $0.scorecard == id }
            let order = levels(of: id, records: latest + lastWeek)
            let rank = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            func teamLevel(_ records: [ScorecardRecord]) -> String? {
                guard !records.isEmpty, records.allSatisfy({ $0.level != nil }) else { return nil }
                return records.compactMap(\.level).min { (rank[$0] ?? -1) < (rank[$1] ?? -1) }
            }
            let previous = Dictionary(before.map { ($0.entity, $0.level) }, uniquingKeysWith: { first, _ in first })
            var raised: [String] = []
            var lowered: [String] = []
            for record in now {
                guard let old = previous[record.entity] else { continue }
                let from = old.flatMap { rank[$0] } ?? -1
                let to = record.level.flatMap { rank[$0] } ?? -1
                let text = "\(name(record.entity)): \(old ?? "none") → \(record.level ?? "none")"
                if to > from { raised.append(text) } else if to < from { lowered.append(text) }
            }
            return ScorecardStanding(
                scorecard: id, title: scorecards.first { $0.id == id }?.title ?? id,
                levels: order.map { level in LevelCount(level: level, components: now.filter { $0.level == level }.count) },
                noLevel: now.filter { $0.level == nil }.count, components: now.count, teamLevel: teamLevel(now),
                teamLevelLastWeek: teamLevel(before), hasLastWeek: !before.isEmpty, raised: raised.sorted(), lowered: lowered.sorted())
        }
    }

    /// Failing checks that alone hold a component below its next level, by how many components
    /// fixing them would lift; ties go to the lower level, then the check id.
    private func actions(_ latest: [ScorecardRecord], name: (EntityRef) -> String) -> [DigestAction] {
        struct Key: Hashable { var scorecard: String; var check: String }
        var lifted: [Key: (title: String, fix: String?, level: String, components: [String])] = [:]
        for record in latest {
            let order = levels(of: record.scorecard, records: latest)
            let rank = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            let current = record.level.flatMap { rank[$0] } ?? -1
            for check in record.checks where check.outcome == .failed {
                guard let ifFixed = check.levelIfFixed.flatMap({ rank[$0] }), ifFixed > current else { continue }
                let key = Key(scorecard: record.scorecard, check: check.id)
                lifted[key, default: (check.title, check.fix, check.level, [])].components.append(name(record.entity))
            }
        }
        return lifted.map { key, value in
            DigestAction(scorecard: key.scorecard, check: key.check, title: value.title, fix: value.fix, components: value.components.sorted())
        }
        .sorted { ($1.components.count, $0.scorecard, $0.check) < ($0.components.count, $1.scorecard, $1.check) }
    }

    private static func policyText(_ verdict: PolicyVerdict) -> String {
        let rule = verdict.rule.map { verdict.status == .banned ? $0 : "below \($0)" } ?? verdict.status.rawValue
        return verdict.reason.map { "\(rule): \($0)" } ?? rule
    }

    /// One entry per component, name and version: a package in two manifests is listed once.
    private static func unique(_ items: [DigestHealthItem]) -> [DigestHealthItem] {
        var seen = Set<String>()
        return items.filter { seen.insert("\($0.component)\u{0}\($0.name)\u{0}\($0.version ?? "")").inserted }
    }
}
