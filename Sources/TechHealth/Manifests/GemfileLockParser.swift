import Foundation

/// `Gemfile.lock`: resolved gems are the 4-space lines under a source's `specs:` (`name (1.2.3)` or
/// `name (1.2.3-x86_64-linux)`), their own requirements the 6-space lines beneath; `DEPENDENCIES`
/// lists the direct ones (a trailing `!` marks a non-default source); `RUBY VERSION` is the `ruby`
/// pin (`ruby 3.3.5p100` → `3.3.5`). The lock is complete on its own: no Gemfile is read.
enum GemfileLockParser {
    static func parse(_ file: inout ParsedManifest, _ text: String) {
        var section = ""
        var resolved: [(name: String, version: String, line: Int)] = []
        var declared: [String: (requirement: String?, line: Int)] = [:]
        var declaredOrder: [String] = []
        for (index, raw) in TextLines(text).lines.enumerated() {
            let line = index + 1
            if raw.isEmpty { continue }
            if !raw.hasPrefix(" ") {
                section = String(raw).trimmingCharacters(in: .whitespaces)
                continue
            }
            let indent = raw.prefix { $0 == " " }.count
            let body = raw.dropFirst(indent)
            switch section {
            case "GEM", "GIT", "PATH", "PLUGIN SOURCE":
                guard indent == 4, let (name, inside) = nameAndParenthesis(body), let inside else { continue }
                // A platform suffix follows the first `-`: RubyGems versions never contain one.
                let version = inside.split(separator: "-", maxSplits: 1).first.map(String.init) ?? inside
                resolved.append((name, version, line))
            case "DEPENDENCIES":
                guard indent == 2, let (name, requirement) = nameAndParenthesis(body) else { continue }
                let clean = name.hasSuffix("!") ? String(name.dropLast()) : name
                if declared[clean] == nil { declaredOrder.append(clean) }
                declared[clean] = (requirement, line)
            case "RUBY VERSION":
                let words = body.split(separator: " ")
                if words.count >= 2, words[0] == "ruby" {
                    var version = String(words[1])
                    if let p = version.firstIndex(of: "p") { version = String(version[..<p]) }
                    file.runtime("ruby", version, line: line)
                }
            default:
                continue
            }
        }
        if resolved.isEmpty, declared.isEmpty, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            file.problem("no GEM specs or DEPENDENCIES: not a Gemfile.lock", line: 1)
        }
        var seen = Set<String>()
        var resolvedNames = Set<String>()
        for gem in resolved where seen.insert("\(gem.name) \(gem.version)").inserted {
            resolvedNames.insert(gem.name)
            let direct = declared[gem.name]
            file.dependency(.rubygems, gem.name, declared: direct?.requirement, version: gem.version, direct: direct != nil,
                            line: direct?.line ?? gem.line)
        }
        for name in declaredOrder where !resolvedNames.contains(name) {
            let entry = declared[name]!
            file.dependency(.rubygems, name, declared: entry.requirement, direct: true, line: entry.line)
        }
    }

    /// `name (text)` → (name, text); `name` → (name, nil).
    private static func nameAndParenthesis(_ body: Substring) -> (String, String?)? {
        let trimmed = body.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        guard let open = trimmed.firstIndex(of: "(") else { return (trimmed, nil) }
        let name = trimmed[..<open].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, let close = trimmed.lastIndex(of: ")"), close > open else { return nil }
        return (name, String(trimmed[trimmed.index(after: open)..<close]))
    }
}
