import Catalog
import Foundation

/// Which versions of one package or runtime run where, across the organisation: the data behind
/// the heat map. Entries are ordered newest version first, by the ecosystem's own order.
public struct VersionDistribution: Sendable, Hashable, Codable {
    /// One version and the components on it.
    public struct Entry: Sendable, Hashable, Codable {
        /// The version (for a runtime, its cycle when known: `20`, `3.12`).
        public var version: String
        /// The components running it, sorted.
        public var components: [EntityRef]
        /// How far behind the latest release it is (packages with release data).
        public var behind: VersionsBehind?
        /// Its end-of-life status (runtimes, base images).
        public var eol: EOLStatus?
        /// The worst policy status among its uses.
        public var policy: PolicyStatus?
    }

    /// A package of an ecosystem, or a runtime.
    public var subject: PolicySubject
    /// The latest release, when known.
    public var latest: String?
    /// Versions, newest first; versions that do not parse come last, in text order.
    public var entries: [Entry]

    /// The number of distinct versions in use.
    public var distinctVersions: Int { entries.count }

    /// The distribution of a package across measured components.
    public static func package(_ name: String, in ecosystem: Ecosystem, across components: [ComponentHealthMeasure]) -> VersionDistribution {
        let canonical = PackageName.normalised(name, in: ecosystem)
        let scheme = VersionScheme.for(ecosystem)
        var builder = Builder(scheme: scheme)
        var latest: String?
        for component in components {
            for dependency in component.dependencies
            where dependency.ecosystem == ecosystem && PackageName.normalised(dependency.name, in: ecosystem) == canonical {
                latest = latest ?? dependency.latest
                builder.add(
                    version: dependency.version ?? dependency.declared ?? "unknown", component: component.component,
                    behind: dependency.behind, eol: dependency.eol, policy: dependency.policy.status)
            }
        }
        return VersionDistribution(subject: .package(ecosystem: ecosystem, name: canonical), latest: latest, entries: builder.entries)
    }

    /// The distribution of a runtime (by endoflife.date name or alias: `node`, `java`) across
    /// measured components, grouped by cycle.
    public static func runtime(_ runtime: String, across components: [ComponentHealthMeasure]) -> VersionDistribution {
        let wanted = Set(EOLCatalog.candidates(for: runtime))
        let product = EOLCatalog.candidates(for: runtime).first ?? runtime
        var builder = Builder(scheme: VersionScheme.forRuntime(product))
        for component in components {
            for measure in component.runtimes where !wanted.isDisjoint(with: EOLCatalog.candidates(for: measure.name)) {
                builder.add(
                    version: measure.cycle ?? measure.version, component: component.component, behind: nil, eol: measure.eol,
                    policy: measure.policy.status)
            }
            // A base image is a runtime too (`node:20-alpine` as a docker dependency).
            for dependency in component.dependencies where dependency.ecosystem == .docker {
                let tag = dependency.version ?? dependency.declared ?? "latest"
                guard let image = ContainerImageReference("\(dependency.name):\(tag)"), let carried = image.runtime,
                      !wanted.isDisjoint(with: EOLCatalog.candidates(for: carried.product)) else { continue }
                // Pins and images of one component often say the same thing; count it once.
                builder.add(version: dependency.cycle ?? carried.version, component: component.component, behind: nil, eol: dependency.eol, policy: nil)
            }
        }
        return VersionDistribution(subject: .runtime(product), latest: nil, entries: builder.entries)
    }

    /// Groups uses by version under a scheme's equality.
    private struct Builder {
        let scheme: VersionScheme
        // Few distinct versions per package, so a linear search per use stays cheap.
        private var groups: [(parsed: ParsedVersion?, entry: Entry, members: Set<EntityRef>)] = []
        /// The group each spelling went to: thousands of uses share a handful of spellings, so
        /// each is parsed and matched once.
        private var groupOfSpelling: [String: Int] = [:]

        init(scheme: VersionScheme) { self.scheme = scheme }

        mutating func add(version: String, component: EntityRef, behind: VersionsBehind?, eol: EOLStatus?, policy: PolicyStatus?) {
            let index: Int
            if let known = groupOfSpelling[version] {
                index = known
            } else {
                let parsed = scheme.parse(version)
                // Equal versions spelled differently (`1.0`/`1.0.0` in Maven) share one row.
                if let existing = groups.firstIndex(where: { group in parsed.map { group.parsed == $0 } ?? (group.parsed == nil && group.entry.version == version) }) {
                    index = existing
                } else {
                    groups.append((parsed, Entry(version: version, components: [], behind: behind, eol: eol, policy: policy), []))
                    index = groups.count - 1
                }
                groupOfSpelling[version] = index
            }
            // Changed in place: copying the entry out and back copied its component list on every
            // use, which made a package used by thousands of components quadratic.
            if groups[index].members.insert(component).inserted { groups[index].entry.components.append(component) }
            groups[index].entry.behind = groups[index].entry.behind ?? behind
            if let eol, (groups[index].entry.eol?.severity ?? -1) < eol.severity { groups[index].entry.eol = eol }
            if let policy, (groups[index].entry.policy?.severity ?? -1) < policy.severity { groups[index].entry.policy = policy }
        }

        var entries: [Entry] {
            groups.sorted { a, b in
                switch (a.parsed, b.parsed) {
                case (let x?, let y?): x.compare(y) == .orderedSame ? a.entry.version < b.entry.version : y < x
                case (.some, nil): true
                case (nil, .some): false
                case (nil, nil): a.entry.version < b.entry.version
                }
            }.map { group in
                var entry = group.entry
                entry.components.sort()
                return entry
            }
        }
    }
}
