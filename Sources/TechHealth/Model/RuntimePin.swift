/// A runtime or base image a component pins: `.nvmrc`, `engines.node`, the `go` directive, a
/// Dockerfile's final `FROM`, `swift-tools-version`, …
public struct RuntimePin: Sendable, Hashable, Codable {
    /// The runtime as endoflife.date names the product: `nodejs`, `python`, `java`,
    /// `eclipse-temurin`, `go`, `ruby`, `dotnet`, `swift`, `rust`, `debian`, `alpine`, `ubuntu`, …
    public var runtime: String
    /// The version as pinned (`20`, `3.12.4`, `lts/iron`, `>=18`, `21-jre`), trimmed.
    public var version: String
    /// Where it is pinned.
    public var location: ManifestLocation

    /// Creates a pin.
    public init(runtime: String, version: String, location: ManifestLocation) {
        self.runtime = runtime
        self.version = version
        self.location = location
    }
}
