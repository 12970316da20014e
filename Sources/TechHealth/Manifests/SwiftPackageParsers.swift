import Foundation

/// `Package.swift`, best effort: manifests are Swift programs, so this reads the literal
/// `.package(…)` calls (url or registry id, with `from:`, `exact:`, `"a"..<"b"`, `"a"..."b"`,
/// `.upToNextMajor/Minor(from:)`, `branch:`, `revision:`) and the `// swift-tools-version:` line
/// (the `swift` pin). `.package(path:)` is local and skipped. Packages are named by their
/// repository location without scheme or `.git` (`github.com/apple/swift-log`), so a manifest's URL
/// and `Package.resolved`'s location meet under one name.
enum SwiftManifestParser {
    /// How far a `.package(` call may run before it is considered malformed.
    static let maximumCallLength = 4_000

    static func parse(_ file: inout ParsedManifest, _ text: String) {
        let lines = TextLines(text).lines
        if let first = lines.first {
            let trimmed = first.trimmingCharacters(in: .whitespaces)
            if trimmed.lowercased().hasPrefix("// swift-tools-version") {
                let rest = trimmed.dropFirst("// swift-tools-version".count).drop { $0 == ":" || $0 == " " }
                let version = rest.prefix { $0 != ";" && $0 != " " }
                if !version.isEmpty { file.runtime("swift", String(version), line: 1) }
            }
        }
        var searchStart = text.startIndex
        while let call = text.range(of: ".package(", range: searchStart..<text.endIndex) {
            searchStart = call.upperBound
            let line = text[..<call.lowerBound].reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
            guard let arguments = argumentsText(text, from: call.upperBound) else {
                file.problem(".package( is not closed", line: line)
                continue
            }
            let strings = Self.labelledStrings(arguments)
            let name: String
            if let url = strings["url"] {
                name = SwiftIdentity.name(ofLocation: url)
            } else if let id = strings["id"] {
                name = id.lowercased()
            } else {
                continue  // .package(path:) or something computed.
            }
            let (declared, exact) = requirement(arguments, strings)
            file.dependency(.swift, name, declared: declared, version: exact, direct: true, line: line)
        }
    }

    /// The text between `.package(` and its closing parenthesis, quote-aware and bounded.
    private static func argumentsText(_ text: String, from start: String.Index) -> Substring? {
        var depth = 1
        var inString = false
        var index = start
        var count = 0
        while index < text.endIndex, count < maximumCallLength {
            let character = text[index]
            if inString {
                if character == "\\" { index = text.index(after: index); count += 1; if index == text.endIndex { break } }
                else if character == "\"" { inString = false }
            } else if character == "\"" {
                inString = true
            } else if character == "(" {
                depth += 1
            } else if character == ")" {
                depth -= 1
                if depth == 0 { return text[start..<index] }
            }
            index = text.index(after: index)
            count += 1
        }
        return nil
    }

    /// `label: "text"` pairs, the label being the word right before the colon.
    private static func labelledStrings(_ arguments: Substring) -> [String: String] {
        var result: [String: String] = [:]
        var rest = arguments
        while let colon = rest.firstIndex(of: ":") {
            let label = rest[..<colon].reversed().drop { $0 == " " }.prefix { $0.isLetter }
            let afterColon = rest[rest.index(after: colon)...].drop { $0 == " " || $0 == "\n" || $0 == "\t" }
            if afterColon.first == "\"", let close = afterColon.dropFirst().firstIndex(of: "\"") {
                let key = String(label.reversed())
                if result[key] == nil { result[key] = String(afterColon[afterColon.index(after: afterColon.startIndex)..<close]) }
                rest = afterColon[afterColon.index(after: close)...]
            } else {
                rest = rest[rest.index(after: colon)...]
            }
        }
        return result
    }

    /// The requirement as written (without quotes) and the version when it names exactly one.
    private static func requirement(_ arguments: Substring, _ strings: [String: String]) -> (String?, String?) {
        if arguments.contains(".upToNextMajor"), let from = strings["from"] { return ("upToNextMajor(from: \(from))", nil) }
        if arguments.contains(".upToNextMinor"), let from = strings["from"] { return ("upToNextMinor(from: \(from))", nil) }
        if let exact = strings["exact"] { return ("exact: \(exact)", exact) }
        if let from = strings["from"] { return ("from: \(from)", nil) }
        if let branch = strings["branch"] { return ("branch: \(branch)", nil) }
        if let revision = strings["revision"] { return ("revision: \(revision)", nil) }
        // `"1.0.0"..<"2.0.0"` or `"1.0.0"..."1.2.0"` after the url.
        for op in ["..<", "..."] {
            if let range = arguments.range(of: "\"\(op)\"") {
                let lower = arguments[..<range.lowerBound].split(separator: "\"").last.map(String.init) ?? ""
                let upper = arguments[range.upperBound...].prefix { $0 != "\"" }
                return ("\(lower)\(op)\(upper)", nil)
            }
        }
        if arguments.contains(".exact("), let version = unlabelledVersion(arguments) { return ("exact: \(version)", version) }
        return (nil, nil)
    }

    /// The last quoted string that looks like a version (`.exact("1.2.3")`).
    private static func unlabelledVersion(_ arguments: Substring) -> String? {
        arguments.split(separator: "\"").enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
            .last { $0.first?.isNumber == true }.map(String.init)
    }
}

/// `Package.resolved` v1 (`object.pins` with `repositoryURL`), v2 and v3 (`pins` with `identity`,
/// `kind`, `location`). A pin on a branch or revision has no version; its `declared` says which.
enum SwiftResolvedParser {
    static func parse(_ file: inout ParsedManifest, _ text: String) {
        let root: LocatedJSON
        do {
            root = try LocatedJSON.parse(text)
        } catch {
            file.problem("not valid JSON: \(error.message)", line: error.line)
            return
        }
        let version = root["version"]?.scalarText.flatMap { Int($0) } ?? 0
        let pins: [LocatedJSON]
        switch version {
        case 1: pins = root["object"]?["pins"]?.elements ?? []
        case 2, 3: pins = root["pins"]?.elements ?? []
        default:
            file.problem("Package.resolved version \(version) is not one this reader knows (1, 2, 3)", line: root["version"]?.line ?? 1)
            return
        }
        for pin in pins {
            let location = pin["location"]?.string ?? pin["repositoryURL"]?.string
            let name: String
            if pin["kind"]?.string == "registry", let identity = pin["identity"]?.string {
                name = identity.lowercased()
            } else if let location {
                name = SwiftIdentity.name(ofLocation: location)
            } else {
                file.problem("a pin without a location", line: pin.line)
                continue
            }
            let state = pin["state"]
            let pinned = state?["version"]?.string
            let declared = pinned == nil
                ? (state?["branch"]?.string.map { "branch: \($0)" } ?? state?["revision"]?.string.map { "revision: \($0)" })
                : nil
            file.dependency(.swift, name, declared: declared, version: pinned, direct: false, line: pin.line)
        }
    }
}

/// One name for a Swift package, whichever way its location is spelled.
enum SwiftIdentity {
    /// `https://github.com/Apple/swift-log.git` and `git@github.com:apple/swift-log` →
    /// `github.com/apple/swift-log`.
    static func name(ofLocation location: String) -> String {
        var text = Substring(location.trimmingCharacters(in: .whitespaces))
        if let scheme = text.range(of: "://") { text = text[scheme.upperBound...] }
        if let at = text.firstIndex(of: "@"), text[..<at].allSatisfy({ $0 != "/" }) { text = text[text.index(after: at)...] }
        var name = String(text)
        if let colon = name.firstIndex(of: ":"), name[..<colon].contains("."), !name[name.index(after: colon)...].hasPrefix("/"),
           name[name.index(after: colon)...].first?.isNumber != true {
            name.replaceSubrange(colon...colon, with: "/")  // scp-like git@host:path
        }
        while name.hasSuffix("/") { name.removeLast() }
        if name.hasSuffix(".git") { name.removeLast(4) }
        return name.lowercased()
    }
}
