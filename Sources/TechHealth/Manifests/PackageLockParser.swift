import Foundation

/// `package-lock.json` / `npm-shrinkwrap.json`, lockfileVersion 1, 2 and 3.
///
/// v2 and v3 are read from the `packages` map (authoritative; v2's legacy `dependencies` copy is
/// ignored): the `""` root entry names the direct dependencies, every `node_modules/…` key is an
/// installed package whose name is the key's last `node_modules/` segment. A v1 file (or one with no
/// version, from npm < 5) is read from its nested `dependencies` tree, whose top level is what the
/// root resolves to.
enum PackageLockParser {
    static func parse(_ file: inout ParsedManifest, _ text: String) {
        let root: LocatedJSON
        do {
            root = try LocatedJSON.parse(text)
        } catch {
            file.problem("not valid JSON: \(error.message)", line: error.line)
            return
        }
        guard case .object = root.value else {
            file.problem("a lock file must be a JSON object", line: root.line)
            return
        }
        let version = root["lockfileVersion"]?.scalarText.flatMap { Int($0) } ?? 1
        switch version {
        case 1:
            readTree(root["dependencies"], into: &file)
        case 2, 3:
            guard let packages = root["packages"] else {
                file.problem("lockfileVersion \(version) without a \"packages\" map", line: root.line)
                return
            }
            readPackages(packages, into: &file)
        default:
            file.problem("lockfileVersion \(version) is not one this reader knows (1, 2, 3)",
                         line: root["lockfileVersion"]?.line)
        }
    }

    private static func readPackages(_ packages: LocatedJSON, into file: inout ParsedManifest) {
        var declared: [String: (range: String, scope: String)] = [:]
        if let rootEntry = packages[""] {
            for (key, scope) in PackageJSONParser.sections {
                for member in rootEntry[key]?.members ?? [] {
                    if let range = member.value.string, declared[member.key] == nil { declared[member.key] = (range, scope) }
                }
            }
            if let node = rootEntry["engines"]?["node"], let range = node.string {
                file.runtime("nodejs", range, line: node.line)
            }
        }
        for member in packages.members where !member.key.isEmpty {
            guard let marker = member.key.range(of: "node_modules/", options: .backwards) else {
                continue  // A workspace folder: its own package, not a dependency.
            }
            let entry = member.value
            if entry["link"]?.bool == true { continue }
            let keyName = String(member.key[marker.upperBound...])
            let name = entry["name"]?.string ?? keyName
            guard let version = entry["version"]?.scalarText else { continue }
            // Only a package directly under the root's node_modules is what the root resolves to.
            let topLevel = member.key == "node_modules/\(keyName)"
            let rootDeclared = topLevel ? declared[keyName] : nil
            let scope = rootDeclared?.scope ?? scopeOf(entry)
            file.dependency(.npm, name, declared: rootDeclared.map { PackageJSONParser.realPackage(keyName, $0.range).declared },
                            version: version, direct: rootDeclared != nil, line: member.line, scope: scope)
        }
    }

    /// Breadth first, so every top-level entry (what the root resolves to) comes before a nested
    /// copy of the same name: the merge takes the first entry of a name when the lock cannot say
    /// which one the root asked for.
    private static func readTree(_ tree: LocatedJSON?, into file: inout ParsedManifest) {
        var level: [LocatedJSON] = tree.map { [$0] } ?? []
        while !level.isEmpty {
            var next: [LocatedJSON] = []
            for tree in level {
                for member in tree.members {
                    let entry = member.value
                    if let version = entry["version"]?.scalarText {
                        // v1 does not record what the root asked for: the merge pairs entries with package.json.
                        file.dependency(.npm, member.key, version: version, direct: false, line: member.line,
                                        scope: scopeOf(entry))
                    }
                    if let nested = entry["dependencies"] { next.append(nested) }
                }
            }
            level = next
        }
    }

    private static func scopeOf(_ entry: LocatedJSON) -> String? {
        if entry["dev"]?.bool == true { return "dev" }
        if entry["optional"]?.bool == true { return "optional" }
        if entry["devOptional"]?.bool == true { return "dev" }
        return nil
    }
}
