import Foundation

/// The dependency inventory of one component: find its manifest files, parse each one on its own,
/// then merge the per-file results (lock files' versions win over manifests' ranges, `pom.xml`
/// parents and properties are applied, `Package.resolved` pins meet `Package.swift`).
///
/// Every entry point is total: a file that cannot be read or parsed becomes a `ManifestProblem` in
/// the result, never a thrown error, so one bad file never hides the rest of a component.
public enum ManifestInventory {
    /// Harvests the component whose sources are in `folder` (an absolute file URL): discovers the
    /// manifest files under it, parses each, follows `-r` includes that stay inside the folder, and
    /// merges. Locations in the result are relative to `folder`.
    public static func harvest(folder: URL, limits: ManifestLimits = .standard) -> ManifestHarvest {
        let root = folder.standardizedFileURL.path
        let discovery = discover(folder: folder, limits: limits)
        var parsed: [ParsedManifest] = []
        var seen = Set(discovery.files)
        var queue = discovery.files
        var extraProblems = discovery.problems
        var included = Set<String>()
        while !queue.isEmpty {
            let path = queue.removeFirst()
            // An included file is a requirements file whatever its name says.
            let kind = included.contains(path) ? .requirements : ManifestKind.detect(path) ?? .requirements
            switch ManifestFileReader.load(root: root, relativePath: path, limits: limits) {
            case .text(let text):
                let file = parse(kind, path: path, contents: text)
                for include in file.includes where !seen.contains(include) && seen.count < limits.maximumFiles {
                    seen.insert(include)
                    included.insert(include)
                    queue.append(include)
                }
                parsed.append(file)
            case .refused(let problem):
                extraProblems.append(problem)
            }
        }
        var result = merge(parsed)
        result.problems = (extraProblems + result.problems).sorted { $0.location < $1.location }
        return result
    }

    /// The manifest files under `folder`, relative to it and sorted, with the problems the walk met
    /// (limits reached). Symbolic links are never followed; dependency, build and VCS folders are
    /// skipped.
    public static func discover(folder: URL, limits: ManifestLimits = .standard) -> ManifestDiscovery {
        ManifestWalk.discover(root: folder.standardizedFileURL.path, limits: limits)
    }

    /// Reads one file under `folder` within the size limit, refusing links and special files.
    public static func read(
        folder: URL, path: String, limits: ManifestLimits = .standard
    ) -> ManifestRead {
        ManifestFileReader.load(root: folder.standardizedFileURL.path, relativePath: path, limits: limits)
    }

    /// Parses one file's text on its own. `path` is the file relative to the component folder; it
    /// is used for locations and, for `-r` includes and `pom.xml` parents, to resolve relative paths.
    /// The result depends only on `kind`, `path` and `contents`, so it can be cached by content hash.
    public static func parse(_ kind: ManifestKind, path: String, contents: String) -> ParsedManifest {
        var file = ParsedManifest(path: path, kind: kind)
        // Editors on Windows often save JSON and XML with a byte-order mark that JSON forbids.
        let text = contents.hasPrefix("\u{FEFF}") ? String(contents.dropFirst()) : contents
        switch kind {
        case .packageJSON: PackageJSONParser.parse(&file, text)
        case .packageLock: PackageLockParser.parse(&file, text)
        case .yarnLock: YarnLockParser.parse(&file, text)
        case .pnpmLock: PnpmLockParser.parse(&file, text)
        case .goMod: GoModParser.parse(&file, text)
        case .pom: PomParser.parse(&file, text)
        case .gradleVersionCatalog: GradleCatalogParser.parse(&file, text)
        case .gradleBuildScript: GradleScriptParser.parse(&file, text)
        case .requirements: RequirementsParser.parse(&file, text)
        case .pyproject: PyprojectParser.parse(&file, text)
        case .poetryLock: PoetryLockParser.parse(&file, text)
        case .uvLock: UvLockParser.parse(&file, text)
        case .cargoManifest: CargoManifestParser.parse(&file, text)
        case .cargoLock: CargoLockParser.parse(&file, text)
        case .gemfileLock: GemfileLockParser.parse(&file, text)
        case .swiftManifest: SwiftManifestParser.parse(&file, text)
        case .swiftResolved: SwiftResolvedParser.parse(&file, text)
        case .dockerfile: DockerfileParser.parse(&file, text)
        case .runtimePinFile, .toolVersions, .rustToolchainTOML: RuntimePinFileParser.parse(&file, text)
        }
        return file
    }

    /// Merges per-file results into the component's inventory: one dependency per package for the
    /// direct ones (declared range from the manifest, version from the lock file beside it or in a
    /// folder above), the lock files' other packages as transitive, `pom.xml` inheritance and
    /// interpolation applied, and every runtime pin and problem kept.
    public static func merge(_ files: [ParsedManifest]) -> ManifestHarvest {
        ManifestMerge.merge(files)
    }
}

/// The manifest files found under a component folder.
public struct ManifestDiscovery: Sendable, Hashable {
    /// Paths relative to the folder, sorted.
    public var files: [String]
    /// Limits reached and entries refused during the walk.
    public var problems: [ManifestProblem]

    /// Creates a discovery result.
    public init(files: [String] = [], problems: [ManifestProblem] = []) {
        self.files = files
        self.problems = problems
    }
}

/// Bounds on what one harvest reads, because a component folder is untrusted input.
public struct ManifestLimits: Sendable, Hashable {
    /// Folders deeper than this below the component folder are not walked.
    public var maximumDepth: Int
    /// At most this many manifest files are read.
    public var maximumFiles: Int
    /// At most this many directory entries are looked at in the walk.
    public var maximumEntries: Int
    /// A file larger than this is a problem and is not read.
    public var maximumFileBytes: Int

    /// Creates limits.
    public init(maximumDepth: Int, maximumFiles: Int, maximumEntries: Int, maximumFileBytes: Int) {
        self.maximumDepth = maximumDepth
        self.maximumFiles = maximumFiles
        self.maximumEntries = maximumEntries
        self.maximumFileBytes = maximumFileBytes
    }

    /// 8 levels, 1,000 manifest files, 100,000 entries, 8 MiB per file.
    public static let standard = ManifestLimits(
        maximumDepth: 8, maximumFiles: 1_000, maximumEntries: 100_000, maximumFileBytes: 8 * 1024 * 1024)
}
