import Foundation

/// Where release data comes from: the offline `releases.yaml` today, registry clients (npm, PyPI,
/// Maven Central, the Go proxy, crates.io, RubyGems, git tags) behind the same call later.
public protocol ReleaseSource: Sendable {
    /// Every known release of a package; nil when the source knows nothing of it. Throws only
    /// when the source itself failed (a registry outage), never for an unknown package.
    func releases(of name: String, in ecosystem: Ecosystem) async throws -> PackageReleases?
}
