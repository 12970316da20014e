import Foundation

/// Resolves `pom.xml` files against each other: in-repository parents (found through
/// `relativePath`, else by coordinates among the component's poms) give properties and
/// `dependencyManagement` versions; `${…}` is interpolated; BOM imports are recorded as
/// dependencies; the Java release becomes the `java` runtime pin.
///
/// A parent that is not in the component cannot be read, so its managed versions and properties
/// are unknown: the parent itself is recorded as a dependency and what it would have supplied is
/// reported as a problem, never guessed.
enum PomResolver {
    /// Longest parent chain followed; a cycle or an absurd chain stops here.
    static let maximumChain = 16
    /// Interpolated values longer than this are cut: `${a}` defined as `${b}${b}` and so on would
    /// otherwise grow exponentially.
    static let maximumValueLength = 4_096

    static func resolve(_ files: [ParsedManifest]) -> ManifestHarvest {
        let poms = files.filter { $0.pom != nil }
        var byPath: [String: ParsedManifest] = [:]
        var byKey: [String: ParsedManifest] = [:]
        for file in poms {
            byPath[file.path] = file
            if let key = file.pom?.key, byKey[key] == nil { byKey[key] = file }
        }
        var harvest = ManifestHarvest()
        for file in poms { resolveOne(file, byPath: byPath, byKey: byKey, into: &harvest) }
        var seenPins = Set<RuntimePin>()
        harvest.runtimes = harvest.runtimes.filter { seenPins.insert($0).inserted }
        return harvest
    }

    private static func resolveOne(
        _ file: ParsedManifest, byPath: [String: ParsedManifest], byKey: [String: ParsedManifest],
        into harvest: inout ManifestHarvest
    ) {
        guard let model = file.pom else { return }
        // The chain from this pom up to the top-most parent found in the component.
        var chain: [ParsedManifest] = [file]
        var external: PomModel.Parent?
        var visited: Set<String> = [file.path]
        while let parent = chain.last?.pom?.parent, chain.count < maximumChain {
            let key = "\(parent.groupId):\(parent.artifactId)"
            let candidate = parent.path.flatMap { byPath[$0] }.flatMap { $0.pom?.key == key ? $0 : nil } ?? byKey[key]
            guard let found = candidate, !visited.contains(found.path) else {
                if candidate == nil { external = parent }
                break
            }
            visited.insert(found.path)
            chain.append(found)
        }

        // Properties: parents first, each child overriding; then the built-in project.* values.
        var properties: [String: (value: String, file: ParsedManifest)] = [:]
        for member in chain.reversed() {
            for (name, value) in member.pom?.properties ?? [:] { properties[name] = (value, member) }
        }
        let version = model.version ?? model.parent?.version
        let group = model.groupId ?? model.parent?.groupId
        for (name, value) in [
            ("project.version", version), ("pom.version", version), ("version", version),
            ("project.groupId", group), ("pom.groupId", group), ("project.artifactId", model.artifactId),
            ("project.parent.version", model.parent?.version), ("project.parent.groupId", model.parent?.groupId),
        ] {
            if let value, properties[name] == nil || name.hasPrefix("project.") { properties[name] = (value, file) }
        }
        var unresolved = Set<String>()
        func interpolate(_ text: String) -> String {
            Interpolation.apply(text, maximumLength: maximumValueLength, unresolved: &unresolved) { properties[$0]?.value }
        }

        // Managed versions: the pom's own first, then each parent's (the nearest declaration wins).
        var managed: [String: String] = [:]
        for member in chain {
            for entry in member.pom?.managed ?? [] where entry.scope != "import" {
                let key = "\(entry.groupId):\(entry.artifactId)"
                if managed[key] == nil, let version = entry.version { managed[key] = version }
            }
        }

        func record(_ entry: PomModel.Dependency, versionText: String?, scope: String?) {
            let name = "\(interpolate(entry.groupId)):\(interpolate(entry.artifactId))"
            let declared = versionText.map(interpolate)
            harvest.dependencies.append(HarvestedDependency(
                ecosystem: .maven, name: name, declared: declared, version: declared.flatMap(MavenRequirement.exact),
                direct: true, location: file.at(entry.line), scope: scope))
        }

        for entry in model.managed where entry.scope == "import" && entry.type == "pom" {
            record(entry, versionText: entry.version, scope: "import")
        }
        for entry in model.dependencies {
            let key = "\(interpolate(entry.groupId)):\(interpolate(entry.artifactId))"
            let versionText = entry.version ?? managed[key]
            if versionText == nil {
                let message = external.map {
                    "the version of \(key) is managed outside the repository (parent \($0.groupId):\($0.artifactId)\($0.version.map { ":\($0)" } ?? "") or a BOM) and is not known"
                } ?? (model.managed.contains { $0.scope == "import" }
                    ? "the version of \(key) comes from an imported BOM and is not known"
                    : "\(key) has no version and none is managed")
                harvest.problems.append(ManifestProblem(location: file.at(entry.line), message: message))
            }
            record(entry, versionText: versionText, scope: entry.scope)
        }
        if let external {
            harvest.dependencies.append(HarvestedDependency(
                ecosystem: .maven, name: "\(external.groupId):\(external.artifactId)",
                declared: external.version.map(interpolate), version: external.version.map(interpolate).flatMap(MavenRequirement.exact),
                direct: true, location: file.at(external.line), scope: "parent"))
        }
        for name in unresolved.sorted() {
            let message = external != nil
                ? "property ${\(name)} is not defined here; it may come from the parent outside the repository"
                : "property ${\(name)} is not defined"
            harvest.problems.append(ManifestProblem(location: file.at(nil), message: message))
        }

        // The Java release: the compiler plugin's configuration, else the usual properties.
        if let release = model.compilerRelease {
            var ignored = Set<String>()
            let text = Interpolation.apply(release, maximumLength: maximumValueLength, unresolved: &ignored) { properties[$0]?.value }
            if !text.contains("${") { harvest.runtimes.append(RuntimePin(runtime: "java", version: text, location: file.at(model.compilerReleaseLine))) }
        } else {
            for key in ["maven.compiler.release", "maven.compiler.source", "java.version"] {
                guard let property = properties[key] else { continue }
                var ignored = Set<String>()
                let text = Interpolation.apply(property.value, maximumLength: maximumValueLength, unresolved: &ignored) { properties[$0]?.value }
                guard !text.contains("${"), !text.isEmpty else { continue }
                harvest.runtimes.append(RuntimePin(
                    runtime: "java", version: text, location: property.file.at(property.file.pom?.propertyLines[key])))
                break
            }
        }
    }
}

/// `${name}` substitution with a bounded number of rounds and a bounded result length.
enum Interpolation {
    static func apply(
        _ text: String, maximumLength: Int, unresolved: inout Set<String>, lookup: (String) -> String?
    ) -> String {
        var current = text
        for _ in 0..<10 {
            guard current.contains("${") else { return current }
            var output = ""
            var rest = Substring(current)
            var changed = false
            while let open = rest.range(of: "${") {
                output += rest[..<open.lowerBound]
                let afterOpen = rest[open.upperBound...]
                guard let close = afterOpen.firstIndex(of: "}") else {
                    output += rest[open.lowerBound...]
                    rest = ""
                    break
                }
                let name = String(afterOpen[..<close])
                if let value = lookup(name) {
                    output += value
                    changed = true
                } else {
                    unresolved.insert(name)
                    output += "${\(name)}"
                }
                rest = afterOpen[afterOpen.index(after: close)...]
                if output.utf8.count > maximumLength { break }
            }
            output += rest
            if output.utf8.count > maximumLength { return String(output.prefix(maximumLength)) }
            current = output
            if !changed { return current }
        }
        return current
    }
}

/// Maven version requirements.
enum MavenRequirement {
    /// The version itself when the requirement is a plain ("soft") version, which is what Maven uses
    /// unless a conflict says otherwise; nil for ranges (`[1.0,2.0)`) and unresolved text.
    static func exact(_ requirement: String) -> String? {
        let text = requirement.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty, !text.contains("${"),
              !text.contains(where: { "[](),".contains($0) || $0 == " " }) else { return nil }
        return text
    }
}
