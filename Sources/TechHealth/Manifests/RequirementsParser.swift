import Foundation

/// `requirements*.txt` (pip's requirements file format): one PEP 508 requirement per logical line,
/// `\` continuations, `#` comments, per-requirement options (`--hash=…`), environment markers,
/// option lines (`-i`, `--extra-index-url`, `-c`, …) and `-r`/`--requirement` includes, which the
/// harvest follows when they stay inside the component folder.
enum RequirementsParser {
    static func parse(_ file: inout ParsedManifest, _ text: String) {
        let scope = scopeOf(file.path)
        var logical = ""
        var startLine = 0
        let lines = TextLines(text).lines
        for (index, raw) in lines.enumerated() {
            if logical.isEmpty { startLine = index + 1 }
            var line = String(raw)
            // A comment starts at the line start or after white space (a URL fragment `#egg=` does not).
            if let comment = commentStart(line) { line = String(line[..<comment]) }
            if line.hasSuffix("\\") {
                logical += line.dropLast() + " "
                if index < lines.count - 1 { continue }
            } else {
                logical += line
            }
            handle(logical.trimmingCharacters(in: .whitespaces), line: startLine, scope: scope, file: &file)
            logical = ""
        }
    }

    private static func handle(_ text: String, line: Int, scope: String?, file: inout ParsedManifest) {
        guard !text.isEmpty else { return }
        if text.hasPrefix("-") {
            let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "=" }).map(String.init)
            guard let option = words.first else { return }
            if option == "-r" || option == "--requirement", words.count > 1 {
                let target = words[1]
                if target.contains("://") || target.hasPrefix("/") {
                    file.problem("include \(target) is outside the component folder; not read", line: line)
                } else if let path = RelativePath.join(file.directory, target) {
                    file.includes.append(path)
                } else {
                    file.problem("include \(target) is outside the component folder; not read", line: line)
                }
            }
            // -e (editable), -c (constraints), -i, --hash-only lines and others declare nothing to report.
            return
        }
        // Per-requirement options follow the specifier: cut at the first ` --`.
        var requirement = Substring(text)
        if let option = requirement.range(of: " --") { requirement = requirement[..<option.lowerBound] }
        if requirement.contains("://") || requirement.hasPrefix(".") || requirement.hasPrefix("/") {
            // A bare archive URL or local path names no registry package; a `name @ url` still does.
            guard requirement.contains(" @ ") || requirement.contains("@ ") else { return }
        }
        guard let parsed = PythonRequirement(requirement) else {
            file.problem("not a requirement: \(text.prefix(80))", line: line)
            return
        }
        file.dependency(.pypi, parsed.name, declared: parsed.specifier, version: parsed.pinned, direct: true,
                        line: line, scope: scope)
    }

    /// `requirements-dev.txt` → `dev`, `requirements_test.txt` → `test`; plain → `runtime`.
    private static func scopeOf(_ path: String) -> String? {
        let name = (path.split(separator: "/").last.map(String.init) ?? path).lowercased()
        guard name.hasPrefix("requirements"), name.hasSuffix(".txt") else { return nil }
        let middle = name.dropFirst("requirements".count).dropLast(4).drop { $0 == "-" || $0 == "_" || $0 == "." }
        return middle.isEmpty ? "runtime" : String(middle)
    }

    private static func commentStart(_ line: String) -> String.Index? {
        var previous: Character = " "
        for index in line.indices {
            if line[index] == "#", previous == " " || previous == "\t" { return index }
            previous = line[index]
        }
        return nil
    }
}
