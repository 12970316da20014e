import Foundation
import SWXMLHash

/// `pom.xml`, read with SWXMLHash (Foundation's `XMLParser`, libxml2 on Linux).
///
/// A POM never needs a DTD, and a DTD is where entity tricks live (a billion-laughs expansion, an
/// external entity that reads a local file or fetches a URL), so a file with `<!DOCTYPE` or
/// `<!ENTITY` is refused before any XML parser sees it. SWXMLHash does not report positions, so lines
/// are found by locating each element's text in the file.
enum PomParser {
    static func parse(_ file: inout ParsedManifest, _ text: String) {
        let upper = text.uppercased()
        if let range = upper.range(of: "<!DOCTYPE") ?? upper.range(of: "<!ENTITY") {
            let line = text[..<range.lowerBound].reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
            file.problem("a DOCTYPE or ENTITY declaration is not accepted in a pom.xml", line: line)
            return
        }
        // A deeply nested document crashes the XML stack (found by the hostile-input tests: 100,000
        // levels end in a stack overflow), and a real POM is about a dozen levels deep.
        if let line = XMLDepth.firstLineDeeper(than: XMLDepth.maximum, in: text) {
            file.problem("elements nested deeper than \(XMLDepth.maximum) levels", line: line)
            return
        }
        let document = XMLHash.config { $0.detectParsingErrors = true }.parse(text)
        if case .parsingError(let error) = document {
            file.problem("not valid XML (line \(error.line), column \(error.column))", line: error.line)
            return
        }
        let project = document["project"]
        guard project.element != nil else {
            file.problem("no <project> element", line: 1)
            return
        }
        let locator = PomLocator(text)
        var model = PomModel()
        model.groupId = value(project["groupId"])
        model.artifactId = value(project["artifactId"])
        model.version = value(project["version"])

        let parent = project["parent"]
        if parent.element != nil, let group = value(parent["groupId"]), let artifact = value(parent["artifactId"]) {
            let relative: String?
            if let element = parent["relativePath"].element {
                relative = element.text.trimmingCharacters(in: .whitespacesAndNewlines)
            } else {
                relative = "../pom.xml"  // Maven's default.
            }
            model.parent = PomModel.Parent(
                groupId: group, artifactId: artifact, version: value(parent["version"]),
                path: relative.flatMap { resolve($0, from: file.directory) },
                line: locator.line(ofElement: "parent"))
        }

        for child in project["properties"].children {
            guard let element = child.element else { continue }
            model.properties[element.name] = element.text.trimmingCharacters(in: .whitespacesAndNewlines)
            model.propertyLines[element.name] = locator.line(ofElement: element.name, inside: "properties")
        }

        model.managed = dependencies(project["dependencyManagement"]["dependencies"]["dependency"].all,
                                     locator: locator, managed: true)
        model.dependencies = dependencies(project["dependencies"]["dependency"].all, locator: locator, managed: false)

        for plugin in project["build"]["plugins"]["plugin"].all where value(plugin["artifactId"]) == "maven-compiler-plugin" {
            let configuration = plugin["configuration"]
            for key in ["release", "source"] {
                if let release = value(configuration[key]) {
                    model.compilerRelease = release
                    model.compilerReleaseLine = locator.line(ofElement: key, inside: "build")
                    break
                }
            }
        }
        file.pom = model
        file.harvest.append(PomResolver.resolve([file]))
    }

    private static func dependencies(_ elements: [XMLIndexer], locator: PomLocator, managed: Bool) -> [PomModel.Dependency] {
        var found: [PomModel.Dependency] = []
        var used = Set<Int>()
        for element in elements {
            guard let group = value(element["groupId"]), let artifact = value(element["artifactId"]) else { continue }
            let line = locator.artifactLine(artifact, managed: managed, excluding: used)
            if let line { used.insert(line) }
            found.append(PomModel.Dependency(
                groupId: group, artifactId: artifact, version: value(element["version"]), scope: value(element["scope"]),
                type: value(element["type"]), line: line))
        }
        return found
    }

    /// The trimmed text of an element, nil when absent or empty.
    private static func value(_ indexer: XMLIndexer) -> String? {
        guard let element = indexer.element else { return nil }
        let text = element.text.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    /// A parent's `relativePath` from the pom's folder, relative to the component folder; nil when
    /// empty (look in repositories only) or outside the folder.
    static func resolve(_ relativePath: String, from directory: String) -> String? {
        guard !relativePath.isEmpty, !relativePath.hasPrefix("/") else { return nil }
        var path = relativePath
        if !path.hasSuffix(".xml") { path += path.hasSuffix("/") ? "pom.xml" : "/pom.xml" }
        return RelativePath.join(directory, path)
    }
}

/// Finds the lines of POM elements in the text, since the XML reader keeps no positions.
struct PomLocator {
    let lines: [Substring]
    /// Line ranges of sections whose `<dependency>` elements are not the project's own.
    let managementRange: ClosedRange<Int>?
    let otherRanges: [ClosedRange<Int>]

    init(_ text: String) {
        let all = TextLines(text).lines
        lines = all
        managementRange = Self.range(of: "dependencyManagement", in: all)
        otherRanges = ["build", "profiles", "reporting"].compactMap { Self.range(of: $0, in: all) }
    }

    /// The first line with `<name>` (or `<name ...>`), optionally inside the first `<section>`.
    func line(ofElement name: String, inside section: String? = nil) -> Int? {
        let range = section.flatMap { Self.range(of: $0, in: lines) } ?? 1...max(1, lines.count)
        for number in range where number <= lines.count {
            let line = lines[number - 1]
            if line.contains("<\(name)>") || line.contains("<\(name) ") || line.contains("<\(name)/>") { return number }
        }
        return nil
    }

    /// The line of `<artifactId>artifact</artifactId>` in the right section, not already used.
    func artifactLine(_ artifact: String, managed: Bool, excluding used: Set<Int>) -> Int? {
        for (index, line) in lines.enumerated() where !used.contains(index + 1) {
            guard let open = line.range(of: "<artifactId>") else { continue }
            let rest = line[open.upperBound...]
            guard let close = rest.range(of: "</artifactId>"),
                  rest[..<close.lowerBound].trimmingCharacters(in: .whitespaces) == artifact else { continue }
            let number = index + 1
            let inManagement = managementRange?.contains(number) ?? false
            if managed != inManagement { continue }
            if !managed, otherRanges.contains(where: { $0.contains(number) }) { continue }
            return number
        }
        return nil
    }

    /// Lines from the first `<name>` to the first `</name>` after it.
    private static func range(of name: String, in lines: [Substring]) -> ClosedRange<Int>? {
        guard let start = lines.firstIndex(where: { $0.contains("<\(name)>") || $0.contains("<\(name) ") }) else { return nil }
        guard let end = lines[start...].firstIndex(where: { $0.contains("</\(name)>") }) else { return nil }
        return (start + 1)...(end + 1)
    }
}

/// The element depth of an XML text, in one linear pass without parsing it.
enum XMLDepth {
    /// No POM comes near this.
    static let maximum = 128

    /// The line where nesting first goes past `limit`, nil when it never does. Comments, CDATA,
    /// processing instructions and quoted attribute values are skipped, so a `<` inside them does
    /// not count; a self-closing `<a/>` does not nest.
    static func firstLineDeeper(than limit: Int, in text: String) -> Int? {
        let bytes = Array(text.utf8)
        var depth = 0
        var line = 1
        var index = 0
        func skip(past terminator: [UInt8]) {
            while index < bytes.count {
                if bytes[index] == 0x0A { line += 1 }
                if bytes[index] == terminator[0], index + terminator.count <= bytes.count,
                   Array(bytes[index..<index + terminator.count]) == terminator {
                    index += terminator.count
                    return
                }
                index += 1
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A { line += 1 }
            guard byte == UInt8(ascii: "<"), index + 1 < bytes.count else { index += 1; continue }
            let next = bytes[index + 1]
            if next == UInt8(ascii: "!") {
                if bytes[index...].starts(with: Array("<!--".utf8)) { index += 4; skip(past: Array("-->".utf8)) }
                else if bytes[index...].starts(with: Array("<![CDATA[".utf8)) { index += 9; skip(past: Array("]]>".utf8)) }
                else { index += 2; skip(past: [UInt8(ascii: ">")]) }
                continue
            }
            if next == UInt8(ascii: "?") { index += 2; skip(past: Array("?>".utf8)); continue }
            if next == UInt8(ascii: "/") { depth = max(0, depth - 1); index += 2; skip(past: [UInt8(ascii: ">")]); continue }
            // An opening tag: find its end outside quoted attribute values.
            index += 1
            var quote: UInt8? = nil
            var previous: UInt8 = 0
            while index < bytes.count {
                let current = bytes[index]
                if current == 0x0A { line += 1 }
                if let open = quote {
                    if current == open { quote = nil }
                } else if current == UInt8(ascii: "\"") || current == UInt8(ascii: "'") {
                    quote = current
                } else if current == UInt8(ascii: ">") {
                    break
                }
                previous = current
                index += 1
            }
            index += 1
            if previous != UInt8(ascii: "/") {
                depth += 1
                if depth > limit { return line }
            }
        }
        return nil
    }
}
