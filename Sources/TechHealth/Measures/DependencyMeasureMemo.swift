import Synchronization

/// Dependency measures already made by one ``HealthMeasurer``, so a package version used by a
/// thousand components is measured once, not a thousand times (a digest run over a large
/// catalog measures hundreds of thousands of dependencies, of a few thousand distinct versions).
///
/// Never stale: a measure of a package (not a base image) depends only on the package, its
/// declared and locked versions, the release data and the measurer's end-of-life data and
/// policy, which never change for one measurer. The release data is compared on every use, so a
/// registry answer that changed is measured again. Base images are not kept: their end-of-life
/// status depends on the day. Bounded: when full it starts over.
final class DependencyMeasureMemo: Sendable {
    /// More distinct package versions than an organisation uses at once.
    static let capacity = 100_000

    /// What a package measure depends on besides the release data.
    struct Key: Hashable {
        var ecosystem: Ecosystem
        var name: String
        var declared: String?
        var version: String?

        init(_ dependency: HarvestedDependency) {
            ecosystem = dependency.ecosystem
            name = dependency.name
            declared = dependency.declared
            version = dependency.version
        }
    }

    private struct Entry {
        var releases: PackageReleases?
        var failure: String?
        var measure: DependencyMeasure
    }

    private let entries = Mutex<[Key: Entry]>([:])

    /// True when `dependency` can be kept: anything but a base image.
    static func isKept(_ dependency: HarvestedDependency) -> Bool { dependency.ecosystem != .docker }

    /// The measure kept for `dependency` when it was made from the same release data (and the
    /// same lookup failure), with this dependency's own place and scope.
    func measure(of dependency: HarvestedDependency, releases: PackageReleases?, failure: String?) -> DependencyMeasure? {
        let key = Key(dependency)
        guard var measure = entries.withLock({ entries -> DependencyMeasure? in
            guard let entry = entries[key], entry.failure == failure, entry.releases == releases else { return nil }
            return entry.measure
        }) else { return nil }
        Self.place(&measure, as: dependency)
        return measure
    }

    /// Gives a measure made for one use of a package version the place and scope of another
    /// use: the only fields that come from where the dependency is declared rather than what it is.
    static func place(_ measure: inout DependencyMeasure, as dependency: HarvestedDependency) {
        measure.direct = dependency.direct
        measure.scope = dependency.scope
        measure.file = dependency.location.file
        measure.line = dependency.location.line
    }

    /// Keeps `measure`, made for `dependency` from `releases` (and `failure`).
    func remember(_ measure: DependencyMeasure, of dependency: HarvestedDependency, releases: PackageReleases?, failure: String?) {
        entries.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[Key(dependency)] = Entry(releases: releases, failure: failure, measure: measure)
        }
    }
}
