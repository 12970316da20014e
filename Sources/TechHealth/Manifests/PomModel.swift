/// A `pom.xml` as written, before inheritance and interpolation: what `PomResolver` needs from each
/// file to resolve a module against its in-repository parents.
struct PomModel: Sendable, Hashable, Codable {
    /// A `<dependency>` (in `dependencies` or `dependencyManagement`), with its line.
    struct Dependency: Sendable, Hashable, Codable {
        var groupId: String
        var artifactId: String
        var version: String?
        var scope: String?
        var type: String?
        var line: Int?
    }

    /// The `<parent>` reference.
    struct Parent: Sendable, Hashable, Codable {
        var groupId: String
        var artifactId: String
        var version: String?
        /// The parent's file relative to the component folder, or nil when `relativePath` is empty
        /// or leads outside the folder.
        var path: String?
        var line: Int?
    }

    var groupId: String?
    var artifactId: String?
    var version: String?
    var parent: Parent?
    var properties: [String: String] = [:]
    var propertyLines: [String: Int] = [:]
    var managed: [Dependency] = []
    var dependencies: [Dependency] = []
    /// `<release>` or `<source>` of `maven-compiler-plugin`'s configuration, with its line.
    var compilerRelease: String?
    var compilerReleaseLine: Int?

    /// `groupId:artifactId`, the group inherited from the parent when not written.
    var key: String? {
        guard let artifactId else { return nil }
        guard let group = groupId ?? parent?.groupId else { return nil }
        return "\(group):\(artifactId)"
    }
}
