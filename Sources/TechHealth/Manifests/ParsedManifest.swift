import Foundation

/// What one file says on its own: the unit the incremental harvester caches by content hash.
///
/// `harvest` holds the facts the file gives without looking at any other file. The few formats
/// whose facts depend on other files (a `pom.xml` and its parents, a requirements file and the files
/// it includes) also keep what the merge step needs to finish the job; those extra fields are
/// internal, but they are encoded with the rest, so a cached value merges like a fresh one.
public struct ParsedManifest: Sendable, Hashable, Codable {
    /// The file, relative to the component folder.
    public var path: String
    /// What kind of file it is.
    public var kind: ManifestKind
    /// The facts read from this file alone.
    public var harvest: ManifestHarvest
    /// A `pom.xml`'s model before inheritance and interpolation.
    var pom: PomModel?
    /// Files this one includes (`-r other.txt`), relative to the component folder.
    var includes: [String]

    /// Creates a parsed file.
    public init(path: String, kind: ManifestKind, harvest: ManifestHarvest = ManifestHarvest()) {
        self.path = path
        self.kind = kind
        self.harvest = harvest
        self.pom = nil
        self.includes = []
    }

    /// The folder the file sits in, relative to the component folder (`""` for the top).
    var directory: String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// A location in this file.
    func at(_ line: Int?) -> ManifestLocation { ManifestLocation(file: path, line: line) }

    /// Records a problem in this file.
    mutating func problem(_ message: String, line: Int? = nil) {
        harvest.problems.append(ManifestProblem(location: at(line), message: message))
    }

    /// Parses this file's text as TOML; a file that does not parse is recorded as a problem on it
    /// (with the parser's line) and yields nil.
    mutating func toml(_ text: String) -> TOMLDocument? {
        do {
            return try TOMLDocument.parse(text)
        } catch {
            problem(error.message, line: error.line)
            return nil
        }
    }

    /// Records a dependency declared in this file.
    mutating func dependency(
        _ ecosystem: Ecosystem, _ name: String, declared: String? = nil, version: String? = nil, direct: Bool,
        line: Int?, scope: String? = nil
    ) {
        harvest.dependencies.append(HarvestedDependency(
            ecosystem: ecosystem, name: name, declared: declared, version: version, direct: direct,
            location: at(line), scope: scope))
    }

    /// Records a runtime pinned in this file.
    mutating func runtime(_ runtime: String, _ version: String, line: Int?) {
        let trimmed = version.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return }
        harvest.runtimes.append(RuntimePin(runtime: runtime, version: trimmed, location: at(line)))
    }
}
