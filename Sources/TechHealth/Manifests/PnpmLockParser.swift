import Foundation

/// `pnpm-lock.yaml`, lockfileVersion 5.x, 6.0 and 9.0. The importers (`.` and each workspace
/// folder; or the top-level maps in a single-project 5.x/6.0 file) give the direct dependencies with
/// their specifiers; the `packages` keys (`/name/1.0.0`, `/name@1.0.0(peer@1)`, `name@1.0.0`) give
/// every resolved package. Peer suffixes `(…)` and `_hash` are cut from versions; `link:` and
/// `file:` versions are local and skipped.
enum PnpmLockParser {
    static let sections: [(key: String, scope: String)] = [
        ("dependencies", "runtime"), ("devDependencies", "dev"), ("optionalDependencies", "optional"),
    ]

    static func parse(_ file: inout ParsedManifest, _ text: String) {
        let document: BoundedYAML?
        do {
            document = try BoundedYAML.parse(text)
        } catch {
            file.problem(error.message, line: error.line)
            return
        }
        guard let document, case .mapping = document.value else {
            file.problem("a pnpm lockfile must be a mapping", line: 1)
            return
        }
        let versionText = document["lockfileVersion"]?.scalar ?? ""
        guard let major = versionText.split(separator: ".").first.flatMap({ Int($0) }), (5...9).contains(major) else {
            file.problem("lockfileVersion \(versionText.isEmpty ? "(none)" : versionText) is not one this reader knows (5.x, 6.0, 9.0)",
                         line: document.pairs.first { $0.key == "lockfileVersion" }?.line ?? 1)
            return
        }
        let specifiers = document["specifiers"]  // 5.x keeps ranges in a separate map
        var importers: [(path: String, node: BoundedYAML)] = document["importers"]?.pairs.map { ($0.key, $0.value) } ?? []
        if importers.isEmpty { importers = [(".", document)] }
        for importer in importers {
            for (key, scope) in sections {
                for pair in importer.node[key]?.pairs ?? [] {
                    let raw = pair.value["version"]?.scalar ?? pair.value.scalar
                    let declared = pair.value["specifier"]?.scalar
                        ?? (importer.path == "." ? specifiers?[pair.key]?.scalar : importer.node["specifiers"]?[pair.key]?.scalar)
                    guard let raw, let version = cleanVersion(raw) else { continue }
                    file.dependency(.npm, pair.key, declared: declared, version: version, direct: true, line: pair.line,
                                    scope: scope)
                }
            }
        }
        for pair in document["packages"]?.pairs ?? [] {
            guard let (name, version) = nameAndVersion(pair.key, major: major) else { continue }
            let dev = pair.value["dev"]?.scalar == "true"
            file.dependency(.npm, name, version: version, direct: false, line: pair.line, scope: dev ? "dev" : nil)
        }
    }

    /// The version without peer suffixes; nil for local (`link:`, `file:`) versions.
    static func cleanVersion(_ raw: String) -> String? {
        if raw.hasPrefix("link:") || raw.hasPrefix("file:") { return nil }
        var version = Substring(raw)
        if let paren = version.firstIndex(of: "(") { version = version[..<paren] }
        if let underscore = version.firstIndex(of: "_") { version = version[..<underscore] }
        // A 6.0 importer may point at a package path (`/other@1.0.0`): keep the version part.
        if version.hasPrefix("/"), let at = version.lastIndex(of: "@") { version = version[version.index(after: at)...] }
        return version.isEmpty ? nil : String(version)
    }

    /// Name and version from a `packages` key.
    static func nameAndVersion(_ key: String, major: Int) -> (String, String)? {
        var body = Substring(key)
        if body.hasPrefix("/") { body = body.dropFirst() }
        if let paren = body.firstIndex(of: "(") { body = body[..<paren] }
        if major == 5 {
            guard let slash = body.lastIndex(of: "/") else { return nil }
            let version = body[body.index(after: slash)...].split(separator: "_").first.map(String.init) ?? ""
            return version.isEmpty ? nil : (String(body[..<slash]), version)
        }
        guard body.count > 1, let at = body.dropFirst().lastIndex(of: "@") else { return nil }
        let version = String(body[body.index(after: at)...])
        guard cleanVersion(version) != nil else { return nil }
        return (String(body[..<at]), version)
    }
}
