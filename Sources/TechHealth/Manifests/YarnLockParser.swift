import Foundation

/// `yarn.lock`, both formats. Classic (v1) is Yarn's own indented format: a block per resolved
/// version, keyed by every `name@range` that resolved to it. Berry (Yarn 2+) is YAML with a
/// `__metadata` entry and protocol-prefixed keys (`name@npm:^1.0.0`); `workspace:` entries are the
/// project itself and are skipped. Every entry is transitive here, with the ranges that led to it as
/// `declared`, so the merge can pick the block that matches `package.json`'s range.
enum YarnLockParser {
    static func parse(_ file: inout ParsedManifest, _ text: String) {
        let isBerry = TextLines(text).lines.contains { $0.hasPrefix("__metadata:") }
        if isBerry { parseBerry(&file, text) } else { parseClassic(&file, text) }
    }

    /// Splits `name@range` (the name may be scoped, so the separator is the first `@` after the
    /// first character).
    static func split(_ specifier: Substring) -> (name: String, range: String)? {
        let body = specifier.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        guard body.count > 1, let at = body.dropFirst().firstIndex(of: "@") else { return nil }
        return (String(body[..<at]), String(body[body.index(after: at)...]))
    }

    private static func parseClassic(_ file: inout ParsedManifest, _ text: String) {
        var current: (names: [(String, String)], line: Int)?
        var sawBlock = false
        func flush(_ version: String?) {
            guard let block = current, let name = block.names.first?.0 else { return }
            guard let version else {
                file.problem("entry for \(name) has no version", line: block.line)
                return
            }
            let ranges = block.names.filter { $0.0 == name }.map(\.1).joined(separator: ", ")
            file.dependency(.npm, name, declared: ranges, version: version, direct: false, line: block.line)
        }
        var version: String?
        for (index, raw) in TextLines(text).lines.enumerated() {
            if raw.hasPrefix("#") || raw.allSatisfy({ $0 == " " }) { continue }
            if !raw.hasPrefix(" ") {
                flush(version)
                version = nil
                guard raw.hasSuffix(":") else {
                    file.problem("expected a \"name@range:\" line", line: index + 1)
                    current = nil
                    continue
                }
                let names = raw.dropLast().split(separator: ",").compactMap(split)
                guard !names.isEmpty else {
                    file.problem("expected a \"name@range:\" line", line: index + 1)
                    current = nil
                    continue
                }
                sawBlock = true
                current = (names.map { ($0.name, $0.range) }, index + 1)
            } else if raw.hasPrefix("  version "), !raw.hasPrefix("    ") {
                version = raw.dropFirst("  version ".count).trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
            }
        }
        flush(version)
        if !sawBlock, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, !text.contains("# yarn lockfile") {
            file.problem("not a yarn lockfile", line: 1)
        }
    }

    private static func parseBerry(_ file: inout ParsedManifest, _ text: String) {
        let document: BoundedYAML?
        do {
            document = try BoundedYAML.parse(text)
        } catch {
            file.problem(error.message, line: error.line)
            return
        }
        guard let document, case .mapping = document.value else {
            file.problem("a yarn lockfile must be a mapping", line: 1)
            return
        }
        for pair in document.pairs where pair.key != "__metadata" {
            let specifiers = pair.key.split(separator: ",").compactMap(split)
            guard let first = specifiers.first else {
                file.problem("unreadable entry key \(pair.key.prefix(80))", line: pair.line)
                continue
            }
            let resolution = pair.value["resolution"]?.scalar ?? ""
            if resolution.contains("@workspace:") || first.range.hasPrefix("workspace:") { continue }
            guard let version = pair.value["version"]?.scalar else {
                file.problem("entry for \(first.name) has no version", line: pair.line)
                continue
            }
            let ranges = specifiers.filter { $0.name == first.name }.map { range in
                range.range.hasPrefix("npm:") ? String(range.range.dropFirst(4)) : range.range
            }
            // An `npm:` alias resolves to another package: the resolution names it.
            let realName = split(Substring(resolution)).map(\.name) ?? first.name
            file.dependency(.npm, realName, declared: ranges.joined(separator: ", "), version: version, direct: false,
                            line: pair.line)
        }
    }
}
