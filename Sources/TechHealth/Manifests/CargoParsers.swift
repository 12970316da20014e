import Foundation

/// `Cargo.toml`: `[dependencies]`, `[dev-dependencies]`, `[build-dependencies]`, their
/// `[target.'cfg(…)'.…]` forms and `[workspace.dependencies]`. A bare version is a caret
/// requirement, so it is `declared`, never `version`; `package = "real"` renames are reported under
/// the real name; `path` dependencies are local and skipped.
enum CargoManifestParser {
    static let sections: [(key: String, scope: String)] = [
        ("dependencies", "runtime"), ("dev-dependencies", "dev"), ("build-dependencies", "build"),
    ]

    static func parse(_ file: inout ParsedManifest, _ text: String) {
        guard let document = file.toml(text) else { return }
        let lines = TextLines(text)
        for (key, scope) in sections {
            table(document[key], header: key, scope: scope, lines: lines, file: &file)
        }
        for (target, body) in (document["target"]?.table ?? [:]).sorted(by: { $0.key < $1.key }) {
            for (key, scope) in sections {
                table(body[key], header: "target.\(target).\(key)", scope: scope, lines: lines, file: &file)
            }
        }
        table(document[path: "workspace", "dependencies"], header: "workspace.dependencies", scope: "runtime",
              lines: lines, file: &file)
    }

    private static func table(
        _ table: TOMLDocument?, header: String, scope: String, lines: TextLines, file: inout ParsedManifest
    ) {
        guard let members = table?.table else { return }
        let headerLine = lines.tableHeader(header)
        for (key, value) in members.sorted(by: { $0.key < $1.key }) {
            let line = lines.keyLine(key, inTableAt: headerLine) ?? lines.tableHeader("\(header).\(key)")
            if value["path"] != nil || value["workspace"] != nil { continue }
            let name = value["package"]?.string ?? key
            let requirement = value.string ?? value["version"]?.string
            file.dependency(.cargo, name, declared: requirement, version: requirement.flatMap(exact), direct: true,
                            line: line, scope: scope)
        }
    }

    /// `=1.2.3` is the only requirement naming one version.
    private static func exact(_ requirement: String) -> String? {
        let text = requirement.trimmingCharacters(in: .whitespaces)
        guard text.hasPrefix("="), !text.contains(",") else { return nil }
        return text.dropFirst().trimmingCharacters(in: .whitespaces)
    }
}

/// `Cargo.lock` (no version line for v1/v2, `version = 3` or `4`): `[[package]]` entries. Entries
/// without a `source` are the workspace's own crates; their `dependencies` are the direct ones.
enum CargoLockParser {
    static func parse(_ file: inout ParsedManifest, _ text: String) {
        guard let document = file.toml(text) else { return }
        let lines = TextLines(text)
        if let version = document["version"]?.scalarText.flatMap({ Int($0) }), !(1...4).contains(version) {
            file.problem("Cargo.lock version \(version) is not one this reader knows (1–4)", line: lines.keyLine("version", inTableAt: nil))
            return
        }
        let packages = document["package"]?.array ?? []
        let headers = lines.arrayHeaders("package")
        var direct = Set<String>()
        for entry in packages where entry["source"] == nil {
            for dependency in entry["dependencies"]?.array ?? [] {
                // "name" or "name version" (the version only when two versions coexist).
                if let text = dependency.string { direct.insert(text.split(separator: " ").prefix(2).joined(separator: " ")) }
            }
        }
        for (index, entry) in packages.enumerated() where entry["source"] != nil {
            guard let name = entry["name"]?.string, let version = entry["version"]?.string else { continue }
            let isDirect = direct.contains(name) || direct.contains("\(name) \(version)")
            file.dependency(.cargo, name, version: version, direct: isDirect, line: index < headers.count ? headers[index] : nil)
        }
    }
}
