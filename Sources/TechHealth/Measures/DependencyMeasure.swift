/// How one dependency of a component stands: what is in use, the latest release, how far behind,
/// libyears, end-of-life (for base images) and policy.
///
/// Encoded as JSON, this is one entry of `/health … --format json`'s `dependencies` list:
/// `ecosystem, name, declared, version, direct, file, line, latest, behind {major, minor, patch},
/// libyears, eol`, plus the supporting fields.
public struct DependencyMeasure: Sendable, Hashable, Codable {
    /// Where the version in use came from.
    public enum VersionSource: String, Sendable, Hashable, Codable {
        /// A lock file or an exact pin.
        case locked
        /// The declared requirement is itself one exact version.
        case declared
        /// No lock: the newest release the declared range admits (what a fresh install gets).
        case newestInRange = "newest-in-range"
        /// Not known.
        case unknown
    }

    /// The ecosystem.
    public var ecosystem: Ecosystem
    /// The package name as harvested.
    public var name: String
    /// The requirement as written.
    public var declared: String?
    /// The version in use (see `versionSource`).
    public var version: String?
    /// Where `version` came from.
    public var versionSource: VersionSource
    /// True for a direct dependency.
    public var direct: Bool
    /// `runtime`, `dev`, … when the manifest says.
    public var scope: String?
    /// The file that declares it.
    public var file: String
    /// The line, when known.
    public var line: Int?
    /// The latest stable release, when release data knows the package.
    public var latest: String?
    /// When the latest was released.
    public var latestReleased: CalendarDay?
    /// When the version in use was released (from release data, or a Go pseudo-version's timestamp).
    public var released: CalendarDay?
    /// How far behind the latest; nil when either version is unknown.
    public var behind: VersionsBehind?
    /// Release date of the latest minus release date of the version in use, in years (days /
    /// 365.25); 0 when current or when the version in use was released after the latest (a
    /// backport); nil when a date is missing.
    public var libyears: Double?
    /// For a base image: the runtime cycle its tag names (`20` of `node:20-alpine`).
    public var cycle: String?
    /// End-of-life status (base images); nil for packages, which have no EOL data.
    public var eol: EOLStatus?
    /// The end-of-life day, when known.
    public var eolDate: CalendarDay?
    /// The policy verdict.
    public var policy: PolicyVerdict
    /// Why a field is missing or surprising (`no release data for npm left-pad`).
    public var notes: [String]

    /// True when a newer stable release exists.
    public var isOutdated: Bool { behind.map { !$0.isCurrent } ?? false }

    enum CodingKeys: String, CodingKey {
        case ecosystem, name, declared, version, versionSource, direct, scope, file, line, latest, latestReleased, released
        case behind, libyears, cycle, eol, eolDate, policy, notes
    }

    /// Encodes every documented key, writing `null` for what is unknown: the JSON answer's
    /// shape does not change with the data.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ecosystem, forKey: .ecosystem)
        try container.encode(name, forKey: .name)
        try container.encode(declared, forKey: .declared)
        try container.encode(version, forKey: .version)
        try container.encode(versionSource, forKey: .versionSource)
        try container.encode(direct, forKey: .direct)
        try container.encode(scope, forKey: .scope)
        try container.encode(file, forKey: .file)
        try container.encode(line, forKey: .line)
        try container.encode(latest, forKey: .latest)
        try container.encode(latestReleased, forKey: .latestReleased)
        try container.encode(released, forKey: .released)
        try container.encode(behind, forKey: .behind)
        try container.encode(libyears, forKey: .libyears)
        try container.encode(cycle, forKey: .cycle)
        try container.encode(eol, forKey: .eol)
        try container.encode(eolDate, forKey: .eolDate)
        try container.encode(policy, forKey: .policy)
        try container.encode(notes, forKey: .notes)
    }
}
