import Foundation
import Yams

/// Release data read from `releases.yaml`: ecosystem → package → releases, in any order.
///
/// ```yaml
/// npm:
///   react:
///     - {version: 18.3.1, released: 2024-04-26}
///     - {version: 19.2.0, released: 2025-10-01}
///   left-pad: [1.3.0]        # a bare version: release day unknown
/// ```
public struct ReleaseCatalog: ReleaseSource, Sendable {
    private let packages: [PackageKey: PackageReleases]

    /// An ecosystem and a canonical package name.
    struct PackageKey: Hashable, Sendable {
        let ecosystem: Ecosystem
        let name: String
    }

    /// A catalog with no data: every lookup answers "unknown".
    public static let empty = ReleaseCatalog(packages: [])

    /// Builds a catalog from already-made package data (tests, registry snapshots).
    public init(packages: [PackageReleases]) {
        var byKey: [PackageKey: PackageReleases] = [:]
        for package in packages { byKey[PackageKey(ecosystem: package.ecosystem, name: package.name)] = package }
        self.packages = byKey
    }

    /// Parses `releases.yaml` text; `file` names it in errors.
    public init(yaml: String, file: String = "releases.yaml") throws(HealthDataError) {
        try self.init(reading: HealthYAMLFile(text: yaml, file: file))
    }

    /// Reads `releases.yaml` from disk.
    public init(contentsOf url: URL) throws(HealthDataError) {
        try self.init(reading: HealthYAMLFile.load(url))
    }

    private init(reading file: HealthYAMLFile) throws(HealthDataError) {
        var packages: [PackageReleases] = []
        for (ecosystemName, keyNode, packagesNode) in try file.rootMapping() {
            guard let ecosystem = Ecosystem(rawValue: ecosystemName) else {
                let known = Ecosystem.allCases.map(\.rawValue).joined(separator: ", ")
                throw file.error("unknown ecosystem \"\(ecosystemName)\" (known: \(known))", at: keyNode)
            }
            if packagesNode.scalar != nil, try file.scalar(packagesNode, what: ecosystemName) == nil { continue }
            for (packageName, _, releasesNode) in try file.mapping(packagesNode, what: "\(ecosystemName)") {
                var releases: [Release] = []
                for entry in try file.sequence(releasesNode, what: "\(ecosystemName) \(packageName)") {
                    releases.append(try Self.release(entry, package: "\(ecosystemName) \(packageName)", file: file))
                }
                packages.append(PackageReleases(ecosystem: ecosystem, name: packageName, releases: releases))
            }
        }
        self.init(packages: packages)
    }

    private static func release(_ node: Node, package: String, file: HealthYAMLFile) throws(HealthDataError) -> Release {
        if node.scalar != nil {
            guard let version = try file.scalar(node, what: "a release of \(package)") else {
                throw file.error("a release of \(package) is empty", at: node)
            }
            return Release(version: version)
        }
        var version: String?
        var released: CalendarDay?
        var yanked = false
        for (key, keyNode, value) in try file.mapping(node, what: "a release of \(package)") {
            switch key {
            case "version": version = try file.scalar(value, what: "version")
            case "released", "date": released = try file.day(value, what: "released")
            case "yanked":
                let text = try file.scalar(value, what: "yanked")?.lowercased()
                guard let text, ["true", "false"].contains(text) else { throw file.error("yanked must be true or false", at: value) }
                yanked = text == "true"
            default: throw file.error("unknown field \"\(key)\" in a release of \(package) (known: version, released, yanked)", at: keyNode)
            }
        }
        guard let version else { throw file.error("a release of \(package) has no version", at: node) }
        return Release(version: version, released: released, yanked: yanked)
    }

    /// The releases of a package, found by its canonical name; nil when unknown.
    public func lookup(_ name: String, in ecosystem: Ecosystem) -> PackageReleases? {
        packages[PackageKey(ecosystem: ecosystem, name: PackageName.normalised(name, in: ecosystem))]
    }

    /// ``ReleaseSource`` conformance: the same lookup, never throwing.
    public func releases(of name: String, in ecosystem: Ecosystem) async throws -> PackageReleases? {
        lookup(name, in: ecosystem)
    }

    /// Every package the catalog holds, ordered by ecosystem then name.
    public var allPackages: [PackageReleases] {
        packages.values.sorted { ($0.ecosystem, $0.name) < ($1.ecosystem, $1.name) }
    }
}
