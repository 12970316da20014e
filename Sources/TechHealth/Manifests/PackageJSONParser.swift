import Foundation

/// `package.json`: the four dependency maps and `engines.node`.
enum PackageJSONParser {
    /// The dependency maps and the scope each one means.
    static let sections: [(key: String, scope: String)] = [
        ("dependencies", "runtime"), ("devDependencies", "dev"), ("peerDependencies", "peer"),
        ("optionalDependencies", "optional"),
    ]

    static func parse(_ file: inout ParsedManifest, _ text: String) {
        let root: LocatedJSON
        do {
            root = try LocatedJSON.parse(text)
        } catch {
            file.problem("not valid JSON: \(error.message)", line: error.line)
            return
        }
        guard case .object = root.value else {
            file.problem("package.json is not a JSON object", line: root.line)
            return
        }
        for (key, scope) in sections {
            guard let map = root[key] else { continue }
            for member in map.members {
                guard let range = member.value.string else {
                    file.problem("\(key).\(member.key) is not a string", line: member.line)
                    continue
                }
                let (name, declared) = realPackage(member.key, range)
                file.dependency(.npm, name, declared: declared, version: exactVersion(declared), direct: true,
                                line: member.line, scope: scope)
            }
        }
        if let node = root["engines"]?["node"], let range = node.string {
            file.runtime("nodejs", range, line: node.line)
        }
    }

    /// An `npm:` alias (`"lodash4": "npm:lodash@^4.17.21"`) installs another package: report that one.
    static func realPackage(_ key: String, _ range: String) -> (name: String, declared: String) {
        guard range.hasPrefix("npm:") else { return (key, range) }
        let target = range.dropFirst(4)
        // The version separator is the last `@` that is not the scope's leading one.
        if let at = target.lastIndex(of: "@"), at != target.startIndex {
            return (String(target[..<at]), String(target[target.index(after: at)...]))
        }
        return (String(target), "*")
    }

    /// The version itself when a range names exactly one (`1.2.3`, `=1.2.3`, `v1.2.3`).
    static func exactVersion(_ range: String) -> String? {
        var text = Substring(range.trimmingCharacters(in: .whitespaces))
        if text.hasPrefix("=") { text = text.dropFirst() }
        if text.hasPrefix("v") { text = text.dropFirst() }
        let parts = text.split(separator: ".", maxSplits: 2)
        guard parts.count == 3, parts[0].allSatisfy(\.isNumber), parts[1].allSatisfy(\.isNumber),
              let first = parts[2].first, first.isNumber,
              parts[2].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "+" })
        else { return nil }
        return String(text)
    }
}
