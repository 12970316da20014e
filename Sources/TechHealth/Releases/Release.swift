import Foundation

/// One published version of a package and the day it was published.
public struct Release: Sendable, Hashable, Codable {
    /// The version as the registry writes it.
    public var version: String
    /// The publication day, when known.
    public var released: CalendarDay?
    /// True when the registry withdrew it (yanked, retracted): never "latest".
    public var yanked: Bool

    /// Creates a release.
    public init(version: String, released: CalendarDay? = nil, yanked: Bool = false) {
        self.version = version
        self.released = released
        self.yanked = yanked
    }
}

/// Every known release of one package, ordered by its ecosystem's version order.
public struct PackageReleases: Sendable, Hashable {
    /// The ecosystem.
    public let ecosystem: Ecosystem
    /// The canonical package name (see ``PackageName``).
    public let name: String
    /// Releases whose version parses in the ecosystem's scheme, oldest version first.
    public let releases: [Release]
    /// The parsed versions, parallel to `releases`.
    let versions: [ParsedVersion]
    /// Release versions that did not parse (kept so a data problem is visible, never ordered).
    public let unparsable: [String]

    /// Orders `releases` by version and keeps the parsed values; duplicates keep their first entry.
    public init(ecosystem: Ecosystem, name: String, releases: [Release]) {
        let scheme = VersionScheme.for(ecosystem)
        var parsed: [(Release, ParsedVersion)] = []
        var unparsable: [String] = []
        var seen = Set<ParsedVersion>()
        for release in releases {
            guard let version = scheme.parse(release.version) else {
                unparsable.append(release.version)
                continue
            }
            if seen.insert(version).inserted { parsed.append((release, version)) }
        }
        parsed.sort { $0.1 < $1.1 }
        self.ecosystem = ecosystem
        self.name = PackageName.normalised(name, in: ecosystem)
        self.releases = parsed.map(\.0)
        self.versions = parsed.map(\.1)
        self.unparsable = unparsable
    }

    /// The newest release people should be on: the highest non-yanked release that is not a
    /// pre-release; when only pre-releases exist, the highest of those (for Go, a tagged
    /// pre-release before any pseudo-version, as the go command chooses).
    public var latestStable: Release? { latestIndex.map { releases[$0] } }

    /// The parsed version of ``latestStable``.
    public var latestVersion: ParsedVersion? { latestIndex.map { versions[$0] } }

    private var latestIndex: Int? {
        let candidates = releases.indices.filter { !releases[$0].yanked }
        if let stable = candidates.last(where: { !versions[$0].isPrerelease }) { return stable }
        if let tagged = candidates.last(where: { versions[$0].embeddedDate == nil }) { return tagged }
        return candidates.last
    }

    /// The release whose version equals `version` under the scheme (`1.0` finds `1.0.0` in
    /// Maven and PyPI; SemVer build metadata is ignored).
    public func release(matching version: String) -> Release? {
        guard let parsed = VersionScheme.for(ecosystem).parse(version) else { return nil }
        return release(matching: parsed)
    }

    /// The release equal to `version` under the scheme.
    public func release(matching version: ParsedVersion) -> Release? {
        // Binary search on the sorted versions, then tolerate build-metadata neighbours.
        var low = 0, high = versions.count
        while low < high {
            let middle = (low + high) / 2
            if versions[middle].compare(version) == .orderedAscending { low = middle + 1 } else { high = middle }
        }
        return low < versions.count && versions[low].compare(version) == .orderedSame ? releases[low] : nil
    }

    /// Non-yanked releases above `version` up to and including `upTo`, with their parsed versions.
    func releases(above version: ParsedVersion, upTo ceiling: ParsedVersion) -> [(release: Release, version: ParsedVersion)] {
        releases.indices.compactMap { index in
            let candidate = versions[index]
            guard !releases[index].yanked, candidate.compare(version) == .orderedDescending,
                  candidate.compare(ceiling) != .orderedDescending else { return nil }
            return (releases[index], candidate)
        }
    }
}
