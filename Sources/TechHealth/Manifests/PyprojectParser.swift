import Foundation

/// `pyproject.toml`: PEP 621 `[project]` (`dependencies`, `optional-dependencies`,
/// `requires-python` → the `python` pin), PEP 735 `[dependency-groups]` (`include-group` entries
/// skipped: they name groups, not packages), and Poetry's `[tool.poetry.dependencies]`,
/// `[tool.poetry.dev-dependencies]` and `[tool.poetry.group.<name>.dependencies]` tables (their
/// `python` key is the pin).
enum PyprojectParser {
    static func parse(_ file: inout ParsedManifest, _ text: String) {
        guard let document = file.toml(text) else { return }
        let lines = TextLines(text)
        let projectLine = lines.tableHeader("project")
        if let project = document["project"] {
            if let requires = project["requires-python"]?.string {
                file.runtime("python", requires, line: lines.keyLine("requires-python", inTableAt: projectLine))
            }
            strings(project["dependencies"], header: projectLine, scope: "runtime", lines: lines, file: &file)
            let optionalLine = lines.tableHeader("project.optional-dependencies") ?? projectLine
            for (extra, list) in (project["optional-dependencies"]?.table ?? [:]).sorted(by: { $0.key < $1.key }) {
                strings(list, header: optionalLine, scope: "optional:\(extra)", lines: lines, file: &file)
            }
        }
        let groupsLine = lines.tableHeader("dependency-groups")
        for (group, list) in (document["dependency-groups"]?.table ?? [:]).sorted(by: { $0.key < $1.key }) {
            strings(list, header: groupsLine, scope: PythonRequirement.normalise(group), lines: lines, file: &file)
        }
        if let poetry = document[path: "tool", "poetry"] {
            poetryTable(poetry["dependencies"], header: "tool.poetry.dependencies", scope: "runtime", lines: lines, file: &file)
            poetryTable(poetry["dev-dependencies"], header: "tool.poetry.dev-dependencies", scope: "dev", lines: lines, file: &file)
            for (group, table) in (poetry["group"]?.table ?? [:]).sorted(by: { $0.key < $1.key }) {
                poetryTable(table["dependencies"], header: "tool.poetry.group.\(group).dependencies", scope: group,
                            lines: lines, file: &file)
            }
        }
    }

    /// An array of PEP 508 strings.
    private static func strings(
        _ list: TOMLDocument?, header: Int?, scope: String, lines: TextLines, file: inout ParsedManifest
    ) {
        for item in list?.array ?? [] {
            guard let text = item.string else { continue }  // {include-group = "…"} tables name groups.
            let line = header.flatMap {
                lines.line(containing: "\"\(text)\"", from: $0, withinTable: false)
                    ?? lines.line(containing: "'\(text)'", from: $0, withinTable: false)
            }
            guard let requirement = PythonRequirement(text) else {
                file.problem("not a PEP 508 requirement: \(text.prefix(80))", line: line)
                continue
            }
            file.dependency(.pypi, requirement.name, declared: requirement.specifier, version: requirement.pinned,
                            direct: true, line: line, scope: scope)
        }
    }

    /// A Poetry dependency table: `name = "^1.2"` or `name = { version = "^1.2", … }`.
    private static func poetryTable(
        _ table: TOMLDocument?, header: String, scope: String, lines: TextLines, file: inout ParsedManifest
    ) {
        guard let members = table?.table else { return }
        let headerLine = lines.tableHeader(header)
        for (name, value) in members.sorted(by: { $0.key < $1.key }) {
            let line = lines.keyLine(name, inTableAt: headerLine)
            let constraint = value.string ?? value["version"]?.string
                ?? value.array.first?["version"]?.string  // multiple-constraint lists: the first one
            if name.lowercased() == "python" {
                if let constraint { file.runtime("python", constraint, line: line) }
                continue
            }
            // git, path and url dependencies have no registry version to compare.
            file.dependency(.pypi, PythonRequirement.normalise(name), declared: constraint,
                            version: constraint.flatMap(poetryExact), direct: true, line: line, scope: scope)
        }
    }

    /// A Poetry constraint that names one version: `1.2.3` or `==1.2.3` (a bare version is exact in Poetry).
    private static func poetryExact(_ constraint: String) -> String? {
        var text = Substring(constraint.trimmingCharacters(in: .whitespaces))
        if text.hasPrefix("==") { text = text.dropFirst(2) }
        guard let first = text.first, first.isNumber, !text.contains(where: { "*,<>=!~^ |".contains($0) }) else { return nil }
        return String(text)
    }
}
