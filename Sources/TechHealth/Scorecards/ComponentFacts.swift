import Catalog
import Foundation

/// The named facts about one component that scorecard checks compare: a flat map from a
/// documented name (``definitions``) to a ``FactValue``.
///
/// Computed by ``compute(entity:ownerExists:harvest:measure:files:)``, a pure function of what
/// Backline already knows, so the same inputs always give the same facts and tests need no
/// database. Every defined name is present; what the inputs cannot tell is ``FactValue/null``.
public struct ComponentFacts: Sendable, Hashable, Codable {
    /// The component.
    public var entity: EntityRef
    /// Every fact by name.
    public var values: [String: FactValue]

    /// Facts already in hand (tests, or facts from elsewhere); names outside ``definitions`` are
    /// kept but no loaded check can name them.
    public init(entity: EntityRef, values: [String: FactValue]) {
        self.entity = entity
        self.values = values
    }

    /// One fact; ``FactValue/null`` when it is not known.
    public subscript(name: String) -> FactValue { values[name] ?? .null }

    /// Computes every fact of a component.
    /// - Parameters:
    ///   - entity: the catalog entity.
    ///   - ownerExists: whether `spec.owner` resolves to an entity in the catalog (the caller
    ///     looks it up, so this stays free of the store).
    ///   - harvest: the component's last harvest; nil before the first one.
    ///   - measure: the component's measures; nil when not measured.
    ///   - files: the paths of the component's files relative to its folder (for CI detection);
    ///     nil when no listing is available.
    public static func compute(
        entity: Entity, ownerExists: Bool, harvest: ComponentHarvest?, measure: ComponentHealthMeasure?, files: [String]?
    ) -> ComponentFacts {
        var values: [String: FactValue] = [:]
        values.merge(descriptorFacts(entity, ownerExists: ownerExists)) { _, new in new }
        values.merge(harvestFacts(entity, harvest: harvest, files: files)) { _, new in new }
        values.merge(measureFacts(measure)) { _, new in new }
        return ComponentFacts(entity: entity.ref, values: values)
    }

    /// What the descriptor alone says.
    static func descriptorFacts(_ entity: Entity, ownerExists: Bool) -> [String: FactValue] {
        let metadata = entity.metadata
        let owner = nonBlank(entity.specString("owner"))
        let lifecycle = nonBlank(entity.specString("lifecycle"))
        let tier = nonBlank(metadata.annotations[tierAnnotation])
        let ownerIsGroup = owner.map { text -> Bool in
            guard let ref = try? EntityRef(parsing: text, defaultKind: "group", defaultNamespace: metadata.namespace) else { return false }
            return ref.kind == "group"
        } ?? false
        return [
            "kind": .string(entity.kind.lowercased()),
            "type": .optional(nonBlank(entity.specString("type"))),
            "owner.set": .bool(owner != nil),
            "owner.exists": .bool(owner != nil && ownerExists),
            "owner.isGroup": .bool(ownerIsGroup),
            "description.set": .bool(nonBlank(metadata.description) != nil),
            "lifecycle.set": .bool(lifecycle != nil),
            "lifecycle": .optional(lifecycle?.lowercased()),
            "tier.set": .bool(tier != nil),
            "tier": .optional(tier),
            "system.set": .bool(nonBlank(entity.specString("system")) != nil),
            "tags": .strings(metadata.tags),
            "tags.count": .count(metadata.tags.count),
            "annotations": .strings(metadata.annotations.keys.sorted()),
            "links.count": .count(metadata.links.count),
            "links.types": .strings(metadata.links.compactMap { nonBlank($0.type)?.lowercased() }),
            "docs.exists": .bool(nonBlank(metadata.annotations[DocsFreshness.techDocsRefAnnotation]) != nil),
        ]
    }

    /// What the harvest (sources, manifests, docs) and the file listing say.
    static func harvestFacts(_ entity: Entity, harvest: ComponentHarvest?, files: [String]?) -> [String: FactValue] {
        let readable = harvest.map { $0.folder != nil && $0.sourceProblem == nil }
        let ci = files.map(ContinuousIntegration.systems(in:))
        let docsDeclared = nonBlank(entity.metadata.annotations[DocsFreshness.techDocsRefAnnotation]) != nil
        let docs = harvest?.docs
        // Without a techdocs-ref there is nothing to check: that is a known "no docs", not unknown.
        let status: DocsFreshnessStatus? = docs?.status ?? (docsDeclared ? nil : .noDocs)
        let fresh: Bool? = switch status {
        case .fresh, .evergreen: true
        case .stale, .noDocs: false
        case .unknown, nil: nil
        }
        return [
            "source.readable": .optional(readable),
            "manifests.problems": readable == true ? .optional(harvest?.harvest.problems.count) : .null,
            "ci.exists": .optional(ci.map { !$0.isEmpty }),
            "ci.systems": ci.map(FactValue.strings) ?? .null,
            "docs.status": .optional(status?.rawValue),
            "docs.fresh": .optional(fresh),
            "docs.brokenLinks": .optional(docs?.brokenLinks.count),
            "docs.missingPaths": .optional(docs?.missingPaths.count),
            "docs.codeCommitsSinceDocs": .optional(docs?.codeCommitsSinceDocs),
            "docs.codeDaysAheadOfDocs": .optional(docs?.codeDaysAheadOfDocs),
        ]
    }

    /// What the measures say; all unknown without them.
    static func measureFacts(_ measure: ComponentHealthMeasure?) -> [String: FactValue] {
        guard let measure else {
            return Dictionary(uniqueKeysWithValues: measureFactNames.map { ($0, FactValue.null) })
        }
        let totals = measure.totals
        // Count each package version once, as the totals do, so a version in two files is one finding.
        var seen = Set<String>()
        let distinct = measure.dependencies.filter { dependency in
            seen.insert("\(dependency.ecosystem.rawValue)\u{0}\(dependency.name)\u{0}\(dependency.version ?? dependency.declared ?? "")").inserted
        }
        let dependenciesOutOfPolicy = distinct.filter(\.policy.status.isOutOfPolicy).count
        let runtimesOutOfPolicy = measure.runtimes.filter(\.policy.status.isOutOfPolicy).count
        var runtimeNames: [String] = []
        for runtime in measure.runtimes where !runtimeNames.contains(runtime.name) { runtimeNames.append(runtime.name) }
        return [
            "dependencies.count": .count(totals.dependencies),
            "dependencies.direct": .count(totals.direct),
            "dependencies.outdated": .count(totals.outdated),
            "dependencies.majorsBehind": .count(totals.majorsBehind),
            "dependencies.maxMajorsBehind": .count(distinct.map { $0.behind?.major ?? 0 }.max() ?? 0),
            "dependencies.outOfPolicy": .count(dependenciesOutOfPolicy),
            "dependencies.belowRecommended": .count(distinct.filter { $0.policy.status == .belowRecommended }.count),
            "libyears.total": .number(totals.libyears),
            "libyears.max": .number(totals.maxLibyears),
            "libyears.unknown": .count(totals.libyearsUnknown),
            "runtimes.count": .count(measure.runtimes.count),
            "runtimes.names": .strings(runtimeNames),
            "runtimes.endOfLife": .count(totals.endOfLife),
            "runtimes.endingSoon": .count(totals.endingSoon),
            "runtimes.outOfPolicy": .count(runtimesOutOfPolicy),
            "policy.violations": .count(dependenciesOutOfPolicy + runtimesOutOfPolicy),
        ]
    }

    private static let measureFactNames = [
        "dependencies.count", "dependencies.direct", "dependencies.outdated", "dependencies.majorsBehind",
        "dependencies.maxMajorsBehind", "dependencies.outOfPolicy", "dependencies.belowRecommended",
        "libyears.total", "libyears.max", "libyears.unknown", "runtimes.count", "runtimes.names",
        "runtimes.endOfLife", "runtimes.endingSoon", "runtimes.outOfPolicy", "policy.violations",
    ]

    /// The annotation that carries a component's tier (`1` is most critical).
    static let tierAnnotation = "backline.io/tier"

    private static func nonBlank(_ text: String?) -> String? {
        guard let text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
