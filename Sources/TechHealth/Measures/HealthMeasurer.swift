import Catalog
import Foundation

/// Turns harvested dependencies and runtime pins into measures, given release data, end-of-life
/// data, the policy and the moment to measure at.
///
/// `now` is always handed in, never read from the clock, so a measure is reproducible and tests
/// need no waiting.
public struct HealthMeasurer: Sendable {
    /// Where release data comes from.
    public let releases: any ReleaseSource
    /// End-of-life data.
    public let eol: EOLCatalog
    /// The organisation's policy.
    public let policy: Policy
    /// Days before end of life that count as "ending soon".
    public let warningDays: Int
    /// Package measures already made with this measurer's data (shared by its copies).
    let memo = DependencyMeasureMemo()

    /// Creates a measurer.
    public init(releases: any ReleaseSource, eol: EOLCatalog, policy: Policy = .empty, warningDays: Int = EOLCatalog.defaultWarningDays) {
        self.releases = releases
        self.eol = eol
        self.policy = policy
        self.warningDays = warningDays
    }

    /// Measures one component's harvest. Release data is looked up once per package.
    public func measure(component: EntityRef, harvest: ManifestHarvest, now: Date, worstLimit: Int = 10) async -> ComponentHealthMeasure {
        var round = MeasureRound()
        return await measure(component: component, harvest: harvest, now: now, worstLimit: worstLimit, round: &round)
    }

    /// Measures many components' harvests at one moment, in order. Release data is looked up
    /// once per package and each runtime pin measured once for the whole batch: a team's
    /// components share most of their packages and runtimes, and a digest run measures tens of
    /// thousands of components.
    public func measure(
        components: [(component: EntityRef, harvest: ManifestHarvest)], now: Date, worstLimit: Int = 10
    ) async -> [ComponentHealthMeasure] {
        var round = MeasureRound()
        var measures: [ComponentHealthMeasure] = []
        measures.reserveCapacity(components.count)
        for (component, harvest) in components {
            measures.append(await measure(component: component, harvest: harvest, now: now, worstLimit: worstLimit, round: &round))
        }
        return measures
    }

    /// Measures one component's harvest as part of `round`, sharing its lookups and runtime
    /// measures; for callers that measure many components one at a time without keeping them all.
    /// A measure at another moment than the round's previous ones starts the round over.
    public func measure(
        component: EntityRef, harvest: ManifestHarvest, now: Date, worstLimit: Int = 10, round: inout MeasureRound
    ) async -> ComponentHealthMeasure {
        if round.moment != now { round = MeasureRound(moment: now) }
        var dependencies: [DependencyMeasure] = []
        dependencies.reserveCapacity(harvest.dependencies.count)
        for dependency in harvest.dependencies {
            let key = "\(dependency.ecosystem.rawValue)\u{0}\(PackageName.normalised(dependency.name, in: dependency.ecosystem))"
            let lookup: MeasureRound.Lookup
            if let cached = round.lookups[key] {
                lookup = cached
            } else {
                lookup = await self.lookup(dependency)
                round.lookups[key] = lookup
            }
            let kept = DependencyMeasureMemo.isKept(dependency)
            // Within a round the release data is the lookup above, so a package version measured
            // earlier in the round is reused without comparing release data again.
            let memoKey = DependencyMeasureMemo.Key(dependency)
            if kept, var known = round.measures[memoKey] {
                DependencyMeasureMemo.place(&known, as: dependency)
                dependencies.append(known)
                continue
            }
            if kept, let known = memo.measure(of: dependency, releases: lookup.releases, failure: lookup.failure) {
                round.measures[memoKey] = known
                dependencies.append(known)
                continue
            }
            var measure = Self.measure(dependency, releases: lookup.releases, eol: eol, policy: policy, now: now, warningDays: warningDays)
            if let failure = lookup.failure { measure.notes.append(failure) }
            if kept {
                memo.remember(measure, of: dependency, releases: lookup.releases, failure: lookup.failure)
                round.measures[memoKey] = measure
            }
            dependencies.append(measure)
        }
        let runtimes = harvest.runtimes.map { pin in
            let key = MeasureRound.RuntimeKey(runtime: pin.runtime, version: pin.version)
            guard var known = round.runtimes[key] else {
                let measure = measure(pin, now: now)
                round.runtimes[key] = measure
                return measure
            }
            known.file = pin.location.file
            known.line = pin.location.line
            return known
        }
        return ComponentHealthMeasure(component: component, dependencies: dependencies, runtimes: runtimes, worstLimit: worstLimit)
    }

    /// Measures one dependency, looking its releases up.
    public func measure(_ dependency: HarvestedDependency, now: Date) async -> DependencyMeasure {
        let lookup = await lookup(dependency)
        var measure = Self.measure(dependency, releases: lookup.releases, eol: eol, policy: policy, now: now, warningDays: warningDays)
        if let failure = lookup.failure { measure.notes.append(failure) }
        return measure
    }

    /// Measures one runtime pin.
    public func measure(_ pin: RuntimePin, now: Date) -> RuntimeMeasure {
        Self.measure(pin, eol: eol, policy: policy, now: now, warningDays: warningDays)
    }

    private func lookup(_ dependency: HarvestedDependency) async -> MeasureRound.Lookup {
        do {
            return MeasureRound.Lookup(releases: try await releases.releases(of: dependency.name, in: dependency.ecosystem))
        } catch {
            // One registry failing must not fail the whole measure: the dependency is reported
            // without release data and says why.
            return MeasureRound.Lookup(failure: "release data unavailable: \(error)")
        }
    }

    /// Measures one dependency against release data already in hand (pure: no I/O, no clock).
    public static func measure(
        _ dependency: HarvestedDependency, releases: PackageReleases?, eol: EOLCatalog, policy: Policy, now: Date,
        warningDays: Int = EOLCatalog.defaultWarningDays
    ) -> DependencyMeasure {
        let scheme = VersionScheme.for(dependency.ecosystem)
        var notes: [String] = []
        var source = DependencyMeasure.VersionSource.unknown
        var inUse: ParsedVersion?
        if let version = dependency.version, let parsed = scheme.parse(version) {
            (inUse, source) = (parsed, .locked)
        } else if let declared = dependency.declared, let parsed = scheme.parse(declared) {
            (inUse, source) = (parsed, .declared)
        } else if let declared = dependency.declared, let range = scheme.range(declared), let releases {
            let admitted = zip(releases.releases, releases.versions).filter { !$0.0.yanked && !$0.1.isPrerelease && range.contains($0.1) }
            if let newest = admitted.last {
                (inUse, source) = (newest.1, .newestInRange)
                notes.append("no lock file: measured at \(newest.1.text), the newest release \(declared) admits")
            }
        }
        if inUse == nil {
            if let version = dependency.version ?? dependency.declared {
                notes.append("\"\(version)\" is not a \(scheme.rawValue) version")
            } else {
                notes.append("no version is declared")
            }
        }
        if releases == nil { notes.append("no release data for \(dependency.ecosystem.rawValue) \(dependency.name)") }

        let latest = releases?.latestStable
        let latestVersion = releases?.latestVersion
        let released = inUse.flatMap { version in releases?.release(matching: version)?.released ?? version.embeddedDate.map(CalendarDay.init) }
        var behind: VersionsBehind?
        var libyears: Double?
        if let inUse, let latestVersion {
            behind = VersionsBehind.between(inUse, and: latestVersion, releases: releases)
            if inUse.compare(latestVersion) != .orderedAscending {
                libyears = 0
            } else if let released, let latestReleased = latest?.released {
                let days = released.days(to: latestReleased)
                if days < 0 { notes.append("\(inUse.text) was released after \(latestVersion.text) (a backport)") }
                libyears = Double(max(0, days)) / 365.25
            }
        }

        var eolStatus: EOLStatus?
        var eolDate: CalendarDay?
        var cycle: String?
        if dependency.ecosystem == .docker {
            let tag = dependency.version ?? dependency.declared ?? "latest"
            if let image = ContainerImageReference("\(dependency.name):\(tag)") {
                let assessment = eol.assess(image: image, now: now, warningDays: warningDays)
                cycle = assessment.runtime.cycle
                // The image is as good as the worse of its runtime and its OS.
                let worst = [assessment.runtime] + (assessment.operatingSystem.map { [$0] } ?? [])
                if let bad = worst.max(by: { $0.status.severity < $1.status.severity }), bad.status != .unknown || assessment.runtime.product != nil {
                    eolStatus = bad.status
                    eolDate = bad.eolDate
                    if let note = bad.note { notes.append(note) }
                }
            }
        }

        return DependencyMeasure(
            ecosystem: dependency.ecosystem, name: dependency.name, declared: dependency.declared, version: inUse?.text ?? dependency.version,
            versionSource: source, direct: dependency.direct, scope: dependency.scope, file: dependency.location.file,
            line: dependency.location.line, latest: latest?.version, latestReleased: latest?.released, released: released,
            behind: behind, libyears: libyears, cycle: cycle, eol: eolStatus, eolDate: eolDate,
            policy: policy.evaluate(dependency.name, in: dependency.ecosystem, version: inUse?.text), notes: notes)
    }

    /// Measures one runtime pin (pure).
    public static func measure(_ pin: RuntimePin, eol: EOLCatalog, policy: Policy, now: Date, warningDays: Int = EOLCatalog.defaultWarningDays)
        -> RuntimeMeasure
    {
        var notes: [String] = []
        let runtime: EOLAssessment
        var os: EOLAssessment?
        var name = pin.runtime
        if let image = EOLCatalog.imageReference(runtime: pin.runtime, version: pin.version) {
            let assessment = eol.assess(image: image, now: now, warningDays: warningDays)
            runtime = assessment.runtime
            os = assessment.operatingSystem
            name = runtime.product ?? image.repository
        } else {
            runtime = eol.assess(runtime: pin.runtime, version: pin.version, now: now, warningDays: warningDays)
            name = runtime.product ?? pin.runtime
        }
        if let note = runtime.note { notes.append(note) }
        // Policy reads the pin's own version when it is one (`20.11.1`), else the cycle it
        // resolved to (`lts/iron` → 20, `>=18` → 18).
        let scheme = VersionScheme.forRuntime(name)
        let policyVersion = scheme.parse(runtime.version) != nil ? runtime.version : runtime.cycle
        return RuntimeMeasure(
            name: name, version: pin.version, file: pin.location.file, line: pin.location.line, cycle: runtime.cycle,
            eol: runtime.status, eolDate: runtime.eolDate, daysLeft: runtime.daysLeft, latestInCycle: runtime.latest,
            operatingSystem: os, policy: policy.evaluate(runtime: name, version: policyVersion), notes: notes)
    }
}

/// What one batch of measures at one moment shares: release lookups by package, package
/// measures by version, and runtime measures by pin (a pin's measure depends only on the runtime, its version and the moment; where
/// it is pinned is filled in per use). Lives for one batch only, so release data that changes
/// between batches is looked up again.
public struct MeasureRound: Sendable {
    struct RuntimeKey: Hashable {
        var runtime: String
        var version: String
    }

    struct Lookup {
        var releases: PackageReleases?
        var failure: String?
    }

    /// The moment every measure of the round is made at.
    var moment: Date?
    var lookups: [String: Lookup] = [:]
    var measures: [DependencyMeasureMemo.Key: DependencyMeasure] = [:]
    var runtimes: [RuntimeKey: RuntimeMeasure] = [:]

    /// An empty round.
    public init() {}

    init(moment: Date) { self.moment = moment }
}
