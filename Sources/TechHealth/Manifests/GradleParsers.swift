import Foundation

/// `gradle/libs.versions.toml`: `[libraries]` (`"g:a:v"`, `{ module, version | version.ref }`,
/// `{ group, name, … }`, rich versions `{ strictly, require, prefer }`) and `[plugins]` (reported
/// under the plugin marker coordinate `id:id.gradle.plugin`), with `[versions]` references resolved.
enum GradleCatalogParser {
    static func parse(_ file: inout ParsedManifest, _ text: String) {
        guard let document = file.toml(text) else { return }
        let lines = TextLines(text)
        let versions = document["versions"]?.table ?? [:]
        let librariesLine = lines.tableHeader("libraries")
        for (alias, entry) in (document["libraries"]?.table ?? [:]).sorted(by: { $0.key < $1.key }) {
            let line = lines.keyLine(alias, inTableAt: librariesLine)
            var module: String?
            var requirement: String?
            if let text = entry.string {
                let parts = text.split(separator: ":", omittingEmptySubsequences: false)
                guard parts.count >= 2 else {
                    file.problem("library \(alias) is not \"group:artifact:version\"", line: line)
                    continue
                }
                module = "\(parts[0]):\(parts[1])"
                requirement = parts.count > 2 ? String(parts[2]) : nil
            } else {
                if let written = entry["module"]?.string {
                    module = written
                } else if let group = entry["group"]?.string, let name = entry["name"]?.string {
                    module = "\(group):\(name)"
                }
                requirement = version(entry["version"], versions: versions)
            }
            guard let module else {
                file.problem("library \(alias) names no module", line: line)
                continue
            }
            file.dependency(.maven, module, declared: requirement, version: requirement.flatMap(GradleVersion.exact),
                            direct: true, line: line, scope: "library")
        }
        let pluginsLine = lines.tableHeader("plugins")
        for (alias, entry) in (document["plugins"]?.table ?? [:]).sorted(by: { $0.key < $1.key }) {
            let line = lines.keyLine(alias, inTableAt: pluginsLine)
            let id: String?
            let requirement: String?
            if let text = entry.string {
                let parts = text.split(separator: ":", maxSplits: 1)
                id = parts.first.map(String.init)
                requirement = parts.count > 1 ? String(parts[1]) : nil
            } else {
                id = entry["id"]?.string
                requirement = version(entry["version"], versions: versions)
            }
            guard let id else { continue }
            file.dependency(.maven, "\(id):\(id).gradle.plugin", declared: requirement,
                            version: requirement.flatMap(GradleVersion.exact), direct: true, line: line, scope: "plugin")
        }
    }

    /// A version field: a string, `{ ref = "x" }` (how TOML reads `version.ref`), or a rich version.
    private static func version(_ value: TOMLDocument?, versions: [String: TOMLDocument]) -> String? {
        guard let value else { return nil }
        if let text = value.string { return text }
        if let reference = value["ref"]?.string { return version(versions[reference], versions: versions) }
        return value["strictly"]?.string ?? value["require"]?.string ?? value["prefer"]?.string
    }
}

/// `build.gradle` / `build.gradle.kts`, best effort: quoted `"group:artifact:version"` literals (a
/// `$name` / `${name}` in the version is resolved when `name` is assigned a string literal in the
/// same file), with the configuration before them (`implementation`, `testImplementation`, …) as
/// the scope. Anything computed is beyond a static reader.
enum GradleScriptParser {
    static func parse(_ file: inout ParsedManifest, _ text: String) {
        let lines = TextLines(text).lines
        var variables: [String: String] = [:]
        for raw in lines {
            if let (name, value) = assignment(raw) { variables[name] = value }
        }
        var inBlockComment = false
        for (index, raw) in lines.enumerated() {
            var code = Substring(raw)
            if inBlockComment {
                guard let end = code.range(of: "*/") else { continue }
                code = code[end.upperBound...]
                inBlockComment = false
            }
            if let start = code.range(of: "/*"), code.range(of: "*/", range: start.upperBound..<code.endIndex) == nil {
                code = code[..<start.lowerBound]
                inBlockComment = true
            }
            if let comment = code.range(of: "//"), !code[..<comment.lowerBound].contains("\"") && !code[..<comment.lowerBound].contains("'") {
                code = code[..<comment.lowerBound]
            }
            for (literal, start) in quotedStrings(code) {
                let parts = literal.split(separator: ":", omittingEmptySubsequences: false)
                guard parts.count >= 3, parts.count <= 4, isCoordinatePart(parts[0]), isCoordinatePart(parts[1]),
                      let first = parts[2].first, first.isNumber || first == "$" || first == "["
                else { continue }
                let group = parts[0]
                var versionText = String(parts[2].split(separator: "@").first ?? "")
                if versionText.contains("$") { versionText = substitute(versionText, variables) }
                let scope = configuration(before: code[..<start])
                file.dependency(.maven, "\(group):\(parts[1])", declared: versionText,
                                version: versionText.contains("$") ? nil : GradleVersion.exact(versionText),
                                direct: true, line: index + 1, scope: scope)
            }
        }
    }

    /// Group and artifact ids: letters, digits, `.`, `-`, `_`.
    private static func isCoordinatePart(_ part: Substring) -> Bool {
        !part.isEmpty && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_") }
    }

    /// `val x = "1.0"`, `def x = '1.0'`, `x = "1.0"`, `set("x", "1.0")`.
    private static func assignment(_ line: Substring) -> (String, String)? {
        var text = line.trimmingCharacters(in: .whitespaces)
        for keyword in ["val ", "var ", "def ", "ext."] where text.hasPrefix(keyword) { text = String(text.dropFirst(keyword.count)) }
        guard let equals = text.firstIndex(of: "=") else { return nil }
        let name = text[..<equals].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
        let value = text[text.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        guard value.count >= 2, let quote = value.first, quote == "\"" || quote == "'", value.last == quote else { return nil }
        let body = value.dropFirst().dropLast()
        guard !body.contains(quote), !body.contains("$") else { return nil }
        return (name, String(body))
    }

    /// Each `"…"` or `'…'` literal on the line, with where it starts.
    private static func quotedStrings(_ code: Substring) -> [(String, Substring.Index)] {
        var found: [(String, Substring.Index)] = []
        var index = code.startIndex
        while index < code.endIndex {
            let character = code[index]
            if character == "\"" || character == "'" {
                let bodyStart = code.index(after: index)
                guard let close = code[bodyStart...].firstIndex(of: character) else { break }
                found.append((String(code[bodyStart..<close]), index))
                index = code.index(after: close)
            } else {
                index = code.index(after: index)
            }
        }
        return found
    }

    private static func substitute(_ text: String, _ variables: [String: String]) -> String {
        var result = text
        for (name, value) in variables {
            result = result.replacingOccurrences(of: "${\(name)}", with: value)
            if result.hasSuffix("$\(name)") || result.contains("$\(name)") {
                result = result.replacingOccurrences(of: "$\(name)", with: value)
            }
        }
        return result
    }

    /// The word before the literal: `implementation("…")` or `testImplementation '…'`.
    private static func configuration(before prefix: Substring) -> String? {
        let trimmed = prefix.reversed().drop { $0 == " " || $0 == "(" || $0 == "\t" }
        let word = String(trimmed.prefix { $0.isLetter || $0.isNumber || $0 == "_" }.reversed())
        return word.isEmpty ? nil : word
    }
}

/// Gradle/Maven requirement texts.
enum GradleVersion {
    /// A plain version (Gradle's "require" semantics pick it unless a conflict says otherwise);
    /// nil for dynamic (`1.+`, `latest.release`) and range requirements.
    static func exact(_ requirement: String) -> String? {
        guard let first = requirement.first, first.isNumber, !requirement.contains("+"),
              !requirement.hasPrefix("latest.") else { return nil }
        return MavenRequirement.exact(requirement)
    }
}
