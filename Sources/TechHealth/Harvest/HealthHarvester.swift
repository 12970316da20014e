import Catalog
import Foundation

/// Harvests every Component of the catalog: its manifests' dependencies and runtimes, and its docs'
/// freshness, into the ``TechHealthStore``.
///
/// Incremental at three levels: a component whose manifest files all kept their size and time (and
/// whose repository is at the same commit) is not read or written at all; a file whose bytes hash
/// the same as last time reuses its cached parse; docs are checked again only when the work tree's
/// commit moved. Nothing a component holds can fail the harvest: a file that does not parse is a
/// problem on its component, sources that cannot be read are its ``ComponentHarvest/sourceProblem``.
///
/// ```swift
/// let harvester = HealthHarvester(catalog: database.catalog, store: database.health)
/// let report = try await harvester.harvest(sourceDirectories: clones, now: Date())
/// ```
public struct HealthHarvester: Sendable {
    /// The catalog whose Components are harvested.
    public let catalog: CatalogStore
    /// Where harvests are kept.
    public let store: TechHealthStore
    /// How sources are read.
    public var settings: HarvestSettings

    /// Creates a harvester.
    public init(catalog: CatalogStore, store: TechHealthStore, settings: HarvestSettings = HarvestSettings()) {
        self.catalog = catalog
        self.store = store
        self.settings = settings
    }

    /// Harvests every Component and forgets those that left the catalog.
    /// - Parameters:
    ///   - sourceDirectories: where git sources' files are on disk, by root identity
    ///     (``CatalogSource/rootIdentity``): their kept clones. Directory sources need no entry.
    ///   - now: when the harvest counts as made (stamped on harvests and docs checks).
    ///   - progress: told after each component.
    /// - Throws: only when the database cannot be read or written.
    public func harvest(
        sourceDirectories: [String: URL] = [:], now: Date, progress: @Sendable (HarvestProgress) -> Void = { _ in }
    ) async throws -> HarvestReport {
        // The monotonic clock only times the run for the report; nothing stored or decided reads it.
        let started = ContinuousClock.now
        let components = try await catalog.componentSources()
        let states = try await store.harvestStates()
        let folders = await resolveFolders(components, sourceDirectories: sourceDirectories)
        let nested = NestedFolders(folders.compactMap(\.path))

        var report = HarvestReport()
        progress(HarvestProgress(done: 0, total: components.count))
        try await withThrowingTaskGroup(of: ComponentOutcome.self) { group in
            var next = 0
            func addNext() {
                guard next < components.count else { return }
                let index = next
                next += 1
                let component = components[index]
                let state = states[component.ref.description]
                let folder = folders[index]
                group.addTask {
                    try await harvest(component, folder: folder, state: state, nested: nested, now: now)
                }
            }
            for _ in 0..<settings.concurrency { addNext() }
            var done = 0
            while let outcome = try await group.next() {
                done += 1
                report.add(outcome)
                progress(HarvestProgress(done: done, total: components.count))
                addNext()
            }
        }
        let kept = Set(components.map(\.ref))
        report.componentsForgotten = states.keys.filter { key in (try? EntityRef(parsing: key)).map { !kept.contains($0) } ?? true }.count
        if report.componentsForgotten > 0 { try await store.removeHarvests(except: kept) }
        report.duration = ContinuousClock.now - started
        return report
    }

    // MARK: - Where each component's sources are

    /// Each component's folder, in the order of `components`; source-location repositories are
    /// cloned (or fetched) once each, a few at a time.
    private func resolveFolders(_ components: [ComponentSource], sourceDirectories: [String: URL]) async -> [ComponentFolder] {
        var locations: [GitSourceLocation?] = components.map { _ in nil }
        var clones: [String: Result<URL, SourceProblem>] = [:]
        if settings.cloneSourceLocations, let cache = settings.cloneCache {
            for (index, component) in components.enumerated() {
                locations[index] = component.annotations[GitSourceLocation.annotation].flatMap(GitSourceLocation.init(annotation:))
            }
            let wanted = Set(locations.compactMap { $0.map { GitSourceLocation(repository: $0.repository, branch: $0.branch, path: "") } })
            let cloner = SourceLocationClones(cache: cache, timeout: settings.gitTimeout, command: settings.gitCommand)
            await withTaskGroup(of: (String, Result<URL, SourceProblem>).self) { group in
                var pending = Array(wanted)
                func addNext() {
                    guard let location = pending.popLast() else { return }
                    group.addTask { (Self.cloneKey(location), await cloner.update(location)) }
                }
                // Clones wait on the network, not the CPU: a few more than the cores.
                for _ in 0..<max(4, settings.concurrency) { addNext() }
                while let (key, result) = await group.next() {
                    clones[key] = result
                    addNext()
                }
            }
        }
        return components.indices.map { index in
            if let location = locations[index], let clone = clones[Self.cloneKey(location)] {
                switch clone {
                case .success(let directory): return ComponentFolder.inClone(directory, path: location.path)
                case .failure(let problem): return .unreadable("\(GitSourceLocation.annotation) \(location.repository): \(problem.message)")
                }
            }
            return ComponentFolder.descriptorFolder(of: components[index], clones: sourceDirectories)
        }
    }

    private static func cloneKey(_ location: GitSourceLocation) -> String { location.repository + "#" + (location.branch ?? "") }

    // MARK: - One component

    private func harvest(
        _ component: ComponentSource, folder: ComponentFolder, state: StoredHarvestState?, nested: NestedFolders, now: Date
    ) async throws -> ComponentOutcome {
        var outcome = ComponentOutcome(ref: component.ref)
        let folderURL: URL, sourceRoot: URL
        switch folder {
        case .folder(let url, let root):
            (folderURL, sourceRoot) = (url, root)
        case .cloneNotHere(let message):
            if let state, state.sourceProblem == nil {
                outcome.unchanged = true
                outcome.problems = state.problemCount
                return outcome
            }
            return try await saveUnreadable(component, message: message, state: state, now: now)
        case .unreadable(let message):
            return try await saveUnreadable(component, message: message, state: state, now: now)
        }
        let folderPath = folderURL.path
        let discovery = ManifestInventory.discover(folder: folderURL, limits: settings.limits)

        // Docs first: whether they can be skipped decides whether the whole component can be.
        let docsPlan = DocsPlan(component: component, folder: folderURL, sourceRoot: sourceRoot, state: state)
        let manifestsUnchanged = state.map { Self.unchanged(discovery, folder: folderPath, state: $0) } ?? false
        if manifestsUnchanged, docsPlan.canReuse {
            outcome.unchanged = true
            outcome.filesReused = state?.fingerprints.count ?? 0
            outcome.problems = state?.problemCount ?? 0
            return outcome
        }

        let cached: [String: CachedManifest] = try await (state?.fingerprints.isEmpty ?? true) ? [:] : store.cachedManifests(of: component.ref)
        var files: [ParsedManifest] = []
        var saved: [String: CachedManifest] = [:]
        var extraProblems = discovery.problems
        var seen = Set(discovery.files)
        var queue = discovery.files[...]
        var included = Set<String>()
        while let path = queue.popFirst() {
            // An included file is a requirements file whatever its name says.
            let kind = included.contains(path) ? .requirements : ManifestKind.detect(path) ?? .requirements
            let stamp = FileStamp.of(folderPath + "/" + path)
            let previous = cached[path].flatMap { $0.parsed.kind == kind ? $0 : nil }
            let parsed: ParsedManifest
            if let previous, let stamp, ManifestFingerprint(stored: previous.contentHash).stamp == stamp {
                parsed = previous.parsed
                saved[path] = previous
                outcome.filesReused += 1
            } else {
                switch ManifestInventory.read(folder: folderURL, path: path, limits: settings.limits) {
                case .refused(let problem):
                    extraProblems.append(problem)
                    continue
                case .text(let text):
                    let fingerprint = ManifestFingerprint(contentHash: ManifestFingerprint.hash(text), stamp: stamp, now: now)
                    if let previous, ManifestFingerprint(stored: previous.contentHash).contentHash == fingerprint.contentHash {
                        parsed = previous.parsed
                        outcome.filesReused += 1
                    } else {
                        parsed = ManifestInventory.parse(kind, path: path, contents: text)
                        outcome.filesParsed += 1
                    }
                    saved[path] = CachedManifest(contentHash: fingerprint.stored, parsed: parsed)
                }
            }
            for include in parsed.includes where !seen.contains(include) && seen.count < settings.limits.maximumFiles {
                seen.insert(include)
                included.insert(include)
                queue.append(include)
            }
            files.append(parsed)
        }
        var merged = ManifestInventory.merge(files)
        merged.problems = (extraProblems + merged.problems).sorted { $0.location < $1.location }
        outcome.problems = merged.problems.count

        var docs: DocsFreshness?
        if docsPlan.wanted {
            if docsPlan.canReuse {
                docs = state?.docs
            } else {
                let request = DocsFreshnessRequest(
                    workTreeRoot: docsPlan.workTreeRoot, componentFolder: folderURL, annotations: component.annotations,
                    excludedCodeFolders: nested.inside(folderPath, relativeTo: docsPlan.workTreeRoot.path))
                docs = await settings.docs.check(request, now: now)
                outcome.docsChecked = true
            }
        }
        try await store.save(
            ComponentHarvest(
                entity: component.ref, folder: folderPath, harvestedAt: now, harvest: merged, docs: docs, workTreeHead: docsPlan.head),
            manifests: saved)
        return outcome
    }

    /// Records that a component's sources cannot be read (unless that is already what is stored).
    private func saveUnreadable(_ component: ComponentSource, message: String, state: StoredHarvestState?, now: Date) async throws -> ComponentOutcome {
        var outcome = ComponentOutcome(ref: component.ref)
        outcome.sourceProblem = message
        if let state, state.sourceProblem == message, state.folder == nil, state.fingerprints.isEmpty {
            outcome.unchanged = true
            return outcome
        }
        try await store.save(
            ComponentHarvest(entity: component.ref, folder: nil, harvestedAt: now, harvest: ManifestHarvest(), sourceProblem: message),
            manifests: [:])
        return outcome
    }

    /// Whether every manifest file the walk found, and every file cached last time, still has the
    /// size and time recorded then, in the same folder.
    private static func unchanged(_ discovery: ManifestDiscovery, folder: String, state: StoredHarvestState) -> Bool {
        guard state.folder == folder, state.sourceProblem == nil, discovery.problems.isEmpty else { return false }
        guard discovery.files.allSatisfy({ state.fingerprints[$0] != nil }) else { return false }
        for (path, stored) in state.fingerprints {
            guard let recorded = ManifestFingerprint(stored: stored).stamp, FileStamp.of(folder + "/" + path) == recorded else { return false }
        }
        return true
    }
}

/// Whether a component's docs are measured, and whether last time's measure still holds.
private struct DocsPlan {
    /// The component has `backstage.io/techdocs-ref`.
    var wanted: Bool
    /// Its work tree root (the source's root when it is not in git).
    var workTreeRoot: URL
    /// The commit the work tree is at, when it is in git.
    var head: String?
    /// The stored result is for the same commit, folder, reference and evergreen choice.
    var canReuse: Bool

    init(component: ComponentSource, folder: URL, sourceRoot: URL, state: StoredHarvestState?) {
        let reference = component.annotations[DocsFreshness.techDocsRefAnnotation]
        wanted = reference != nil
        // A work tree above the source (a directory source inside the operator's repository) is
        // fine; without any, the source's root bounds what the docs check may look at.
        workTreeRoot = wanted ? (GitHistory.workTreeRoot(containing: folder) ?? sourceRoot) : sourceRoot
        head = wanted ? WorkTreeHead.read(root: workTreeRoot) : nil
        guard wanted else {
            canReuse = state?.docs == nil
            return
        }
        let evergreen = component.annotations[DocsFreshness.evergreenAnnotation]?.trimmingCharacters(in: .whitespaces).lowercased() == "true"
        if let head, let state, let docs = state.docs, state.workTreeHead == head, state.folder == folder.path,
           docs.techDocsRef == reference, (docs.status == .evergreen) == evergreen {
            canReuse = true
        } else {
            canReuse = false
        }
    }
}

/// Every component folder, to find those nested in another (a monorepo's root component holds the
/// folders of its services, whose commits are theirs, not its).
struct NestedFolders: Sendable {
    private let sorted: [String]

    init(_ folders: [String]) { sorted = Array(Set(folders)).sorted() }

    /// The folders strictly inside `folder`, relative to `root`.
    func inside(_ folder: String, relativeTo root: String) -> [String] {
        let prefix = folder == "/" ? "/" : folder + "/"
        // Sorted paths put every folder below `folder` right after the ones that sort before prefix.
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < prefix { low = middle + 1 } else { high = middle }
        }
        var result: [String] = []
        let rootPrefix = root == "/" ? "/" : root + "/"
        for candidate in sorted[low...] {
            guard candidate.hasPrefix(prefix) else { break }
            guard candidate.hasPrefix(rootPrefix) else { continue }
            result.append(String(candidate.dropFirst(rootPrefix.count)))
        }
        return result
    }
}

/// What harvesting one component did, folded into the report.
struct ComponentOutcome: Sendable {
    var ref: EntityRef
    var unchanged = false
    var filesParsed = 0
    var filesReused = 0
    /// Manifest problems its harvest holds.
    var problems = 0
    var docsChecked = false
    var sourceProblem: String?
}

extension HarvestReport {
    mutating func add(_ outcome: ComponentOutcome) {
        componentsHarvested += 1
        if outcome.unchanged { componentsUnchanged += 1 }
        filesParsed += outcome.filesParsed
        filesReused += outcome.filesReused
        problems += outcome.problems
        if outcome.docsChecked { docsChecked += 1 }
        if let problem = outcome.sourceProblem { sourceProblems[outcome.ref] = problem }
    }
}
