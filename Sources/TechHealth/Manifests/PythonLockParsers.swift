/// `poetry.lock`: `[[package]]` entries (`name`, `version`); lock-version 1.x and 2.x. The lock does
/// not say which packages the project asked for, so every entry is transitive until the merge pairs
/// it with `pyproject.toml`.
enum PoetryLockParser {
    static func parse(_ file: inout ParsedManifest, _ text: String) {
        guard let document = file.toml(text) else { return }
        let lines = TextLines(text)
        if let lockVersion = document[path: "metadata", "lock-version"]?.string,
           let major = lockVersion.split(separator: ".").first.flatMap({ Int($0) }), !(1...2).contains(major) {
            file.problem("poetry.lock lock-version \(lockVersion) is not one this reader knows (1.x, 2.x)",
                         line: lines.keyLine("lock-version", inTableAt: lines.tableHeader("metadata")))
            return
        }
        let headers = lines.arrayHeaders("package")
        for (index, entry) in (document["package"]?.array ?? []).enumerated() {
            guard let name = entry["name"]?.string, let version = entry["version"]?.scalarText else { continue }
            let scope = entry["category"]?.string.map { $0 == "main" ? "runtime" : $0 }
            file.dependency(.pypi, PythonRequirement.normalise(name), version: version, direct: false,
                            line: index < headers.count ? headers[index] : nil, scope: scope)
        }
    }
}

/// `uv.lock`: `[[package]]` entries; the project itself (`source = { virtual | editable = "." }`)
/// lists the direct dependencies, so those are marked direct.
enum UvLockParser {
    static func parse(_ file: inout ParsedManifest, _ text: String) {
        guard let document = file.toml(text) else { return }
        let lines = TextLines(text)
        if let version = document["version"]?.scalarText.flatMap({ Int($0) }), version != 1 {
            file.problem("uv.lock version \(version) is not one this reader knows (1)", line: lines.keyLine("version", inTableAt: nil))
            return
        }
        if let requires = document["requires-python"]?.string {
            file.runtime("python", requires, line: lines.keyLine("requires-python", inTableAt: nil))
        }
        let packages = document["package"]?.array ?? []
        let headers = lines.arrayHeaders("package")
        var direct = Set<String>()
        var projects = Set<String>()
        for entry in packages {
            let source = entry["source"]
            guard source?["virtual"] != nil || source?["editable"] != nil, let name = entry["name"]?.string else { continue }
            projects.insert(PythonRequirement.normalise(name))
            for dependency in entry["dependencies"]?.array ?? [] {
                if let name = dependency["name"]?.string { direct.insert(PythonRequirement.normalise(name)) }
            }
            for (_, group) in entry["dev-dependencies"]?.table ?? [:] {
                for dependency in group.array { if let name = dependency["name"]?.string { direct.insert(PythonRequirement.normalise(name)) } }
            }
        }
        for (index, entry) in packages.enumerated() {
            guard let rawName = entry["name"]?.string, let version = entry["version"]?.scalarText else { continue }
            let name = PythonRequirement.normalise(rawName)
            guard !projects.contains(name) else { continue }
            file.dependency(.pypi, name, version: version, direct: direct.contains(name),
                            line: index < headers.count ? headers[index] : nil)
        }
    }
}
