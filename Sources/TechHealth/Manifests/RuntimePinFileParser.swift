import Foundation

/// The runtime pin files: `.nvmrc`, `.node-version`, `.python-version` (first version line wins, as
/// pyenv reads it), `.ruby-version` (`ruby-3.3.5` → `3.3.5`), `.java-version`, `rust-toolchain`
/// (one line, or TOML since rustup 1.23), `rust-toolchain.toml` (`[toolchain] channel`) and
/// asdf / mise `.tool-versions` (`tool version [fallback…]`, the first version counts).
enum RuntimePinFileParser {
    /// asdf plugin names → endoflife.date products.
    static let toolNames: [String: String] = [
        "nodejs": "nodejs", "node": "nodejs", "python": "python", "ruby": "ruby", "java": "java", "golang": "go",
        "go": "go", "rust": "rust", "swift": "swift", "dotnet": "dotnet", "dotnet-core": "dotnet", "erlang": "erlang",
        "elixir": "elixir", "php": "php", "deno": "deno", "bun": "bun", "terraform": "terraform", "kotlin": "kotlin",
    ]

    static func parse(_ file: inout ParsedManifest, _ text: String) {
        let name = file.path.split(separator: "/").last.map(String.init) ?? file.path
        let lines = TextLines(text).lines
        switch name {
        case ".tool-versions":
            for (index, raw) in lines.enumerated() {
                let code = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
                let words = code.split(whereSeparator: { $0 == " " || $0 == "\t" })
                guard words.count >= 2, let runtime = toolNames[String(words[0])] else { continue }
                let version = String(words[1])
                // `system`, `ref:…` and `path:…` name no release.
                guard version != "system", !version.hasPrefix("ref:"), !version.hasPrefix("path:") else { continue }
                file.runtime(runtime, version, line: index + 1)
            }
        case "rust-toolchain.toml":
            toolchainTOML(text, &file)
        case "rust-toolchain":
            if text.contains("[toolchain]") { toolchainTOML(text, &file) } else { firstLine(lines, runtime: "rust", &file) }
        case ".nvmrc", ".node-version":
            firstLine(lines, runtime: "nodejs", &file) { $0.hasPrefix("v") && $0.dropFirst().first?.isNumber == true ? String($0.dropFirst()) : $0 }
        case ".python-version":
            firstLine(lines, runtime: "python", &file)
        case ".ruby-version":
            firstLine(lines, runtime: "ruby", &file) { $0.hasPrefix("ruby-") ? String($0.dropFirst(5)) : $0 }
        case ".java-version":
            firstLine(lines, runtime: "java", &file)
        default:
            file.problem("not a runtime pin file this reader knows", line: nil)
        }
    }

    /// The first line that is neither blank nor a comment.
    private static func firstLine(
        _ lines: [Substring], runtime: String, _ file: inout ParsedManifest, transform: (String) -> String = { $0 }
    ) {
        for (index, raw) in lines.enumerated() {
            let text = raw.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty, !text.hasPrefix("#") else { continue }
            let word = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) ?? text
            guard word.count <= 64 else {
                file.problem("the version is not a version (\(word.count) characters)", line: index + 1)
                return
            }
            file.runtime(runtime, transform(word), line: index + 1)
            return
        }
        file.problem("the file names no version", line: nil)
    }

    private static func toolchainTOML(_ text: String, _ file: inout ParsedManifest) {
        do {
            let document = try TOMLDocument.parse(text)
            let lines = TextLines(text)
            if let channel = document[path: "toolchain", "channel"]?.string {
                file.runtime("rust", channel, line: lines.keyLine("channel", inTableAt: lines.tableHeader("toolchain")))
            } else if document[path: "toolchain", "path"] == nil {
                file.problem("no [toolchain] channel", line: lines.tableHeader("toolchain"))
            }
        } catch {
            file.problem(error.message, line: error.line)
        }
    }
}
