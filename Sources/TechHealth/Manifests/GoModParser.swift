import Foundation

/// `go.mod`: `require` (single lines and blocks; `// indirect` marks a transitive module), `replace`
/// (the replacement is the real package; a local path has no version), and the `go` / `toolchain`
/// directives as the `go` runtime pin (the toolchain when present, as the Go command itself prefers).
enum GoModParser {
    private struct Require {
        let path: String
        let version: String
        let indirect: Bool
        let line: Int
    }

    private struct Replace {
        let path: String
        let version: String?
        let target: String
        let targetVersion: String?
    }

    static let knownVerbs: Set<String> = [
        "module", "go", "toolchain", "godebug", "require", "tool", "ignore", "exclude", "replace", "retract",
    ]

    static func parse(_ file: inout ParsedManifest, _ text: String) {
        var requires: [Require] = []
        var replaces: [Replace] = []
        var goVersion: (String, Int)?
        var toolchain: (String, Int)?
        var block: String?
        var blockLine = 0

        for (index, raw) in TextLines(text).lines.enumerated() {
            let line = index + 1
            let (code, comment) = split(raw)
            var tokens = tokenize(code)
            guard !tokens.isEmpty else { continue }
            if let verb = block {
                if tokens == [")"] { block = nil; continue }
                handle(verb, tokens, comment: comment, line: line, requires: &requires, replaces: &replaces, file: &file)
                continue
            }
            let verb = tokens.removeFirst()
            guard knownVerbs.contains(verb) else {
                file.problem("unknown directive \"\(verb)\"", line: line)
                continue
            }
            if tokens == ["("] {
                block = verb
                blockLine = line
                continue
            }
            switch verb {
            case "go": if let version = tokens.first { goVersion = (version, line) }
            case "toolchain": if let version = tokens.first { toolchain = (version, line) }
            default: handle(verb, tokens, comment: comment, line: line, requires: &requires, replaces: &replaces, file: &file)
            }
        }
        if block != nil { file.problem("a \"(\" block is never closed", line: blockLine) }

        for require in requires {
            var name = require.path
            var version: String? = require.version
            // The most specific replace wins: one for this exact version, else one for every version.
            let replace = replaces.first { $0.path == require.path && $0.version == require.version }
                ?? replaces.first { $0.path == require.path && $0.version == nil }
            if let replace {
                if let targetVersion = replace.targetVersion {
                    name = replace.target
                    version = targetVersion
                } else {
                    version = nil  // A local folder: nothing a registry can compare.
                }
            }
            file.dependency(.go, name, declared: require.version, version: version, direct: !require.indirect,
                            line: require.line)
        }
        if let (version, line) = toolchain, version != "default" {
            file.runtime("go", version.hasPrefix("go") ? String(version.dropFirst(2)) : version, line: line)
        } else if let (version, line) = goVersion {
            file.runtime("go", version, line: line)
        }
    }

    private static func handle(
        _ verb: String, _ tokens: [String], comment: String, line: Int,
        requires: inout [Require], replaces: inout [Replace], file: inout ParsedManifest
    ) {
        switch verb {
        case "require":
            guard tokens.count == 2 else {
                file.problem("a require needs a module path and a version", line: line)
                return
            }
            let indirect = comment.split(whereSeparator: { $0 == " " || $0 == ";" }).contains("indirect")
            requires.append(Require(path: tokens[0], version: tokens[1], indirect: indirect, line: line))
        case "replace":
            guard let arrow = tokens.firstIndex(of: "=>"), arrow == 1 || arrow == 2, tokens.count > arrow + 1 else {
                file.problem("a replace needs \"old [version] => new [version]\"", line: line)
                return
            }
            let target = tokens[arrow + 1]
            let isLocal = target.hasPrefix("./") || target.hasPrefix("../") || target.hasPrefix("/")
            replaces.append(Replace(
                path: tokens[0], version: arrow == 2 ? tokens[1] : nil, target: target,
                targetVersion: isLocal ? nil : tokens.count > arrow + 2 ? tokens[arrow + 2] : nil))
        default:
            break  // exclude, retract, tool, godebug, ignore: nothing the inventory reports.
        }
    }

    /// The code and the comment of a line (`//` outside a quoted string starts the comment).
    private static func split(_ line: Substring) -> (Substring, String) {
        var inQuote: Character?
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if let quote = inQuote {
                if character == quote { inQuote = nil }
            } else if character == "\"" || character == "`" {
                inQuote = character
            } else if character == "/", line[line.index(after: index)...].hasPrefix("/") {
                return (line[..<index], String(line[line.index(index, offsetBy: 2)...]).trimmingCharacters(in: .whitespaces))
            }
            index = line.index(after: index)
        }
        return (line, "")
    }

    /// Splits on white space, keeping `(`, `)` and `=>` as tokens and unquoting strings.
    private static func tokenize(_ code: Substring) -> [String] {
        var tokens: [String] = []
        for word in code.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            var word = String(word)
            if word.count >= 2, let first = word.first, first == "\"" || first == "`", word.last == first {
                word = String(word.dropFirst().dropLast())
            }
            tokens.append(word)
        }
        return tokens
    }
}
