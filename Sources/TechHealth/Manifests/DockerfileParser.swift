import Foundation

/// A Dockerfile's final stage: its base image is a `docker` dependency and, when the image is a
/// known runtime or OS, a runtime pin (`node:20-alpine` → `nodejs 20-alpine`, plus `alpine` when
/// the tag names it).
///
/// `ARG`s declared before the first `FROM` are substituted with their defaults (`$X`, `${X}`,
/// `${X:-default}`); one without a default is reported, not guessed. `FROM <stage>` refers to an
/// earlier stage, so it resolves to that stage's base; `--platform=` is skipped; `scratch` is no
/// image at all.
enum DockerfileParser {
    private struct Stage {
        let name: String?
        let image: String?  // nil for scratch or an unresolved reference
        let line: Int
    }

    static func parse(_ file: inout ParsedManifest, _ text: String) {
        var arguments: [String: String?] = [:]
        var stages: [Stage] = []
        for (line, instruction) in logicalLines(text) {
            let words = instruction.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let keyword = words.first?.uppercased() else { continue }
            switch keyword {
            case "ARG" where stages.isEmpty:
                for declaration in words.dropFirst() {
                    if let equals = declaration.firstIndex(of: "=") {
                        arguments[String(declaration[..<equals])] = unquote(String(declaration[declaration.index(after: equals)...]))
                    } else {
                        arguments[declaration] = .some(nil)
                    }
                }
            case "FROM":
                var rest = words.dropFirst().filter { !$0.hasPrefix("--") }
                guard let reference = rest.first else {
                    file.problem("FROM without an image", line: line)
                    continue
                }
                rest.removeFirst()
                let alias = rest.count >= 2 && rest[0].uppercased() == "AS" ? rest[1] : nil
                var missing: [String] = []
                let image = substitute(reference, arguments: arguments, missing: &missing)
                if !missing.isEmpty {
                    file.problem("FROM uses \(missing.map { "$\($0)" }.joined(separator: ", ")) with no default value; the image is unknown",
                                 line: line)
                    stages.append(Stage(name: alias, image: nil, line: line))
                    continue
                }
                if let earlier = stages.last(where: { $0.name?.lowercased() == image.lowercased() }) {
                    stages.append(Stage(name: alias, image: earlier.image, line: line))
                } else {
                    stages.append(Stage(name: alias, image: image.lowercased() == "scratch" ? nil : image, line: line))
                }
            default:
                continue
            }
        }
        guard let final = stages.last else {
            if !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { file.problem("no FROM instruction", line: nil) }
            return
        }
        guard let image = final.image, let reference = ImageReference(image) else { return }
        file.dependency(.docker, reference.repository, declared: reference.declared, version: reference.tag,
                        direct: true, line: final.line, scope: "base-image")
        if let runtime = reference.runtime { file.runtime(runtime, reference.tag ?? "latest", line: final.line) }
        if let os = reference.operatingSystem { file.runtime(os.name, os.version, line: final.line) }
    }

    /// Instructions joined across `\` continuations, comments and blank lines dropped, each with the
    /// line it starts on.
    private static func logicalLines(_ text: String) -> [(Int, String)] {
        var result: [(Int, String)] = []
        var current = ""
        var start = 0
        for (index, raw) in TextLines(text).lines.enumerated() {
            let trimmed = raw.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("#") { continue }
            if current.isEmpty {
                guard !trimmed.isEmpty else { continue }
                start = index + 1
            }
            if trimmed.hasSuffix("\\") {
                current += trimmed.dropLast() + " "
            } else {
                current += trimmed
                result.append((start, current))
                current = ""
            }
        }
        if !current.isEmpty { result.append((start, current)) }
        return result
    }

    private static func unquote(_ text: String) -> String {
        guard text.count >= 2, let first = text.first, first == "\"" || first == "'", text.last == first else { return text }
        return String(text.dropFirst().dropLast())
    }

    /// `$NAME`, `${NAME}` and `${NAME:-default}` replaced by the ARG defaults.
    private static func substitute(_ text: String, arguments: [String: String?], missing: inout [String]) -> String {
        var output = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            guard character == "$" else {
                output.append(character)
                index = text.index(after: index)
                continue
            }
            var cursor = text.index(after: index)
            var name = ""
            var fallback: String?
            if cursor < text.endIndex, text[cursor] == "{" {
                guard let close = text[cursor...].firstIndex(of: "}") else { output += text[index...]; break }
                var body = String(text[text.index(after: cursor)..<close])
                if let dash = body.range(of: ":-") {
                    fallback = String(body[dash.upperBound...])
                    body = String(body[..<dash.lowerBound])
                }
                name = body
                cursor = text.index(after: close)
            } else {
                while cursor < text.endIndex, text[cursor].isLetter || text[cursor].isNumber || text[cursor] == "_" {
                    name.append(text[cursor])
                    cursor = text.index(after: cursor)
                }
            }
            if let value = arguments[name] ?? nil, !value.isEmpty {
                output += value
            } else if let fallback {
                output += fallback
            } else {
                missing.append(name)
            }
            index = cursor
        }
        return output
    }
}

/// `[registry/]repository[:tag][@digest]`, and what runtime the image is.
struct ImageReference {
    let repository: String
    let tag: String?
    let digest: String?

    init?(_ reference: String) {
        var rest = Substring(reference)
        if let at = rest.firstIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        } else {
            digest = nil
        }
        // A colon after the last slash is a tag; one before it is a registry port.
        let lastSlash = rest.lastIndex(of: "/") ?? rest.startIndex
        if let colon = rest[lastSlash...].lastIndex(of: ":") {
            tag = String(rest[rest.index(after: colon)...])
            rest = rest[..<colon]
        } else {
            tag = digest == nil ? "latest" : nil
        }
        var name = rest.lowercased()
        for prefix in ["docker.io/library/", "index.docker.io/library/", "docker.io/", "index.docker.io/", "library/"]
        where name.hasPrefix(prefix) {
            name = String(name.dropFirst(prefix.count))
            break
        }
        guard !name.isEmpty else { return nil }
        repository = name
    }

    /// What the manifest wrote after the name: `20-alpine`, `3.12@sha256:…`, `@sha256:…`.
    var declared: String {
        (tag ?? "") + (digest.map { "@\($0)" } ?? "")
    }

    /// Official images by endoflife.date product.
    static let runtimes: [String: String] = [
        "node": "nodejs", "python": "python", "eclipse-temurin": "java", "openjdk": "java", "amazoncorretto": "java",
        "golang": "go", "ruby": "ruby", "swift": "swift", "postgres": "postgresql", "debian": "debian",
        "ubuntu": "ubuntu", "alpine": "alpine", "rust": "rust", "php": "php", "nginx": "nginx", "redis": "redis",
    ]

    /// The runtime the image provides, when it is one Backline knows.
    var runtime: String? {
        if let runtime = Self.runtimes[repository] { return runtime }
        if repository.hasPrefix("mcr.microsoft.com/dotnet/") { return "dotnet" }
        return nil
    }

    /// Debian and Ubuntu code names and Alpine versions in a tag (`3.12-slim-bookworm`,
    /// `20-alpine3.20`), for images that are not themselves the OS.
    var operatingSystem: (name: String, version: String)? {
        guard let tag, !["debian", "ubuntu", "alpine"].contains(runtime ?? "") else { return nil }
        let codenames = [
            "trixie": ("debian", "13"), "bookworm": ("debian", "12"), "bullseye": ("debian", "11"), "buster": ("debian", "10"),
            "stretch": ("debian", "9"), "noble": ("ubuntu", "24.04"), "jammy": ("ubuntu", "22.04"), "focal": ("ubuntu", "20.04"),
            "bionic": ("ubuntu", "18.04"),
        ]
        for part in tag.split(separator: "-") {
            if let (name, version) = codenames[String(part)] { return (name, version) }
            if part.hasPrefix("alpine") {
                let version = part.dropFirst("alpine".count)
                return ("alpine", version.isEmpty ? "latest" : String(version))
            }
        }
        return nil
    }
}
