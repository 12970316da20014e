/// One package a component depends on, as its manifests and lock files say.
///
/// `declared` is what a person wrote (a range such as `^18.2.0`, `>=2.31,<3`, `1.2.+`); `version` is
/// the exact version in use when a lock file (or an exact pin) says so. A lock file's resolved
/// version wins over a declared range: the inventory merges both into one value per package.
public struct HarvestedDependency: Sendable, Hashable, Codable {
    /// The ecosystem whose registry names the package.
    public var ecosystem: Ecosystem
    /// The package name as its ecosystem writes it: Maven `group:artifact`, a Go module path, a
    /// scoped npm name, a PEP 503-normalised Python name, a Docker image repository.
    public var name: String
    /// The requirement as written in the manifest, when one was.
    public var declared: String?
    /// The exact version in use, when known (from a lock file or an exact pin).
    public var version: String?
    /// True when the component names the package itself; false when it arrives through another.
    public var direct: Bool
    /// The manifest line that declares it (or the lock-file entry, for a transitive package).
    public var location: ManifestLocation
    /// `runtime`, `dev`, `test`, `build`, `optional`, … as the ecosystem groups it; nil when it
    /// does not say.
    public var scope: String?

    /// Creates a dependency.
    public init(
        ecosystem: Ecosystem, name: String, declared: String? = nil, version: String? = nil, direct: Bool,
        location: ManifestLocation, scope: String? = nil
    ) {
        self.ecosystem = ecosystem
        self.name = name
        self.declared = declared
        self.version = version
        self.direct = direct
        self.location = location
        self.scope = scope
    }
}
