import Crypto
import Foundation

/// Reads catalog sources into the store, incrementally.
///
/// A directory tree contributes every `catalog-info.yaml`/`.yml` in it (Backstage's discovery
/// convention) plus every file its Location entities point at, followed transitively. Files whose
/// size and time, or else content hash, did not change are skipped; entities whose file
/// disappeared are removed. One bad file never stops the rest: its problems are reported and the
/// entities it defined before are kept.
public struct CatalogIngester: Sendable {
    /// The catalog written to.
    public let store: CatalogStore
    /// Problems name files relative to this directory when they are inside it.
    public var displayBase: String
    /// How long cloning one git source may take before the clone is stopped and the ingest fails.
    public var gitTimeout: Duration
    /// Where git sources are kept between ingests and brought up to date with `git fetch`; nil
    /// clones each one afresh into a temporary folder (the one-off ingests of the command line).
    public var cloneCache: URL?

    /// How many files are parsed and applied per transaction: large enough to amortise commits,
    /// small enough to keep a 100,000-entity ingest's memory flat.
    static let batchSize = 1024

    /// Creates an ingester.
    /// - Parameters:
    ///   - store: the catalog written to.
    ///   - displayBase: problems name files relative to this directory when they are inside it.
    ///   - gitTimeout: how long cloning one git source may take (two minutes by default).
    ///   - cloneCache: where git sources are kept and fetched anew; nil clones each one afresh.
    public init(
        store: CatalogStore, displayBase: String = FileManager.default.currentDirectoryPath, gitTimeout: Duration = .seconds(120),
        cloneCache: URL? = nil
    ) {
        self.store = store
        self.displayBase = displayBase
        self.gitTimeout = gitTimeout
        self.cloneCache = cloneCache
    }

    /// Ingests every source and reports what changed.
    /// - Parameters:
    ///   - sources: directories, files and git repositories.
    ///   - progress: called after each batch of files, for long ingests.
    public func ingest(_ sources: [CatalogSource], progress: @Sendable (IngestProgress) -> Void = { _ in }) async throws -> IngestReport {
        var report = IngestReport()
        for source in sources {
            let root = try await SourceRoot(source, gitTimeout: gitTimeout, cloneCache: cloneCache)
            defer { root.checkout?.remove() }
            _ = try await ingest(root, description: source.description, into: &report, feed: nil, progress: progress)
        }
        try await addConflicts(to: &report)
        return report
    }

    /// Re-reads one source and applies everything it changed in a single write transaction, so a
    /// reader sees the catalog before the refresh or after it, never half of it. What changed for
    /// entities (added, removed, handed over, renamed, moved, lifecycle) goes to the change feed,
    /// stamped with `date` and the source's commit; the first ingest of a source records nothing
    /// there (every entity would be "added").
    ///
    /// A git source is fetched into its kept clone when ``cloneCache`` is set. When the source
    /// cannot be read at all (a failed fetch) this throws and the catalog keeps what it had.
    public func refresh(_ source: CatalogSource, at date: Date) async throws -> SourceRefresh {
        let started = ContinuousClock.now
        let root = try await SourceRoot(source, gitTimeout: gitTimeout, cloneCache: cloneCache)
        defer { root.checkout?.remove() }
        var report = IngestReport()
        let changes = try await ingest(
            root, description: source.description, into: &report, feed: ChangeFeedStamp(source: source.description, commit: root.commit, at: date),
            progress: { _ in })
        try await addConflicts(to: &report)
        return SourceRefresh(
            source: source, directory: URL(fileURLWithPath: root.directory), commit: root.commit, report: report, changes: changes,
            entityCount: try await store.entityCount(underRoot: root.identity), duration: ContinuousClock.now - started)
    }

    private func addConflicts(to report: inout IngestReport) async throws {
        report.conflicts = try await store.conflicts()
        for conflict in report.conflicts {
            report.problems.append(CatalogProblem(
                severity: .warning, file: display(conflict.ignored.joined(separator: ", ")), rule: "duplicate-entity",
                message: "\(conflict.ref) is also defined in \(display(conflict.winner)); using that definition (the file whose path sorts first wins)"))
        }
    }

    /// Reads one source. Without `feed`, batches are applied as they are read (a first ingest of
    /// 100,000 entities keeps its memory flat); with it, everything is applied at the end in one
    /// transaction and recorded in the change feed, unless the store knew nothing of the source.
    private func ingest(
        _ root: SourceRoot, description: String, into report: inout IngestReport, feed: ChangeFeedStamp?,
        progress: @Sendable (IngestProgress) -> Void
    ) async throws -> [CatalogChange] {
        let known = try await store.sourceFiles(under: root.identity)
        let atomic = feed != nil
        var accumulated = CatalogChanges()
        var queue = root.initialFiles()
        var visited = Set(queue)
        var processed = 0
        var pending: CatalogChanges?

        // Reading the next batch (parallel parsing) overlaps with writing the previous one.
        while !queue.isEmpty || pending != nil {
            let batch = Array(queue.prefix(Self.batchSize))
            queue.removeFirst(batch.count)
            async let reading = read(batch, root: root, known: known)
            let toWrite = pending
            async let writing = apply(toWrite)
            let (outcomes, applied) = try await (reading, writing)
            if let applied {
                report.added += applied.added
                report.updated += applied.updated
                report.removed += applied.removed
            }
            var changes = CatalogChanges()
            for outcome in outcomes {
                switch outcome.kind {
                case .unchanged: report.filesUnchanged += 1
                case .restamped(let state):
                    report.filesUnchanged += 1
                    changes.restamped.append(state)
                case .parsed(let update):
                    report.filesParsed += 1
                    report.problems += update.parsed.problems
                    changes.updates.append(update)
                }
                report.problems += outcome.locationProblems
                for target in outcome.locationTargets {
                    for file in root.expand(target) where visited.insert(file).inserted { queue.append(file) }
                }
            }
            if atomic {
                accumulated.append(changes)
            } else {
                pending = batch.isEmpty ? nil : changes
            }
            processed += batch.count
            if !batch.isEmpty {
                progress(IngestProgress(source: description, filesProcessed: processed, filesDiscovered: visited.count))
            }
        }

        var removal = atomic ? accumulated : CatalogChanges()
        let visitedIdentities = Set(visited.map { root.identity(of: $0) })
        removal.removedPaths = known.keys.filter { !visitedIdentities.contains($0) }.sorted()
        report.filesRemoved += removal.removedPaths.count
        guard atomic || !removal.removedPaths.isEmpty else { return [] }
        let applied = try await store.apply(removal, feed: known.isEmpty ? nil : feed)
        report.added += applied.added
        report.removed += applied.removed
        report.updated += applied.updated
        return applied.changes
    }

    private func apply(_ changes: CatalogChanges?) async throws -> AppliedChanges? {
        guard let changes else { return nil }
        return try await store.apply(changes)
    }

    /// Stats, reads, hashes and parses a batch of files on all cores.
    private func read(_ files: [String], root: SourceRoot, known: [String: SourceFileState]) async -> [FileOutcome] {
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        return await withTaskGroup(of: (Int, FileOutcome).self) { group in
            var outcomes = [FileOutcome?](repeating: nil, count: files.count)
            var next = 0
            func start(_ index: Int) {
                let file = files[index]
                let identity = root.identity(of: file)
                let state = known[identity]
                let display = display(identity)
                group.addTask { (index, FileReader.read(file, identity: identity, display: display, root: root, known: state)) }
            }
            while next < min(workers * 2, files.count) { start(next); next += 1 }
            for await (index, outcome) in group {
                outcomes[index] = outcome
                if next < files.count { start(next); next += 1 }
            }
            return outcomes.compactMap { $0 }
        }
    }

    /// A path as people should read it: relative to `displayBase` when inside it.
    func display(_ path: String) -> String {
        let base = displayBase.hasSuffix("/") ? displayBase : displayBase + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }
}

/// What reading one file produced.
struct FileOutcome: Sendable {
    enum Kind: Sendable {
        case unchanged
        case restamped(SourceFileState)
        case parsed(SourceFileUpdate)
    }

    var kind: Kind
    /// Root-relative files and globs its Location entities point at.
    var locationTargets: [String]
    var locationProblems: [CatalogProblem] = []
}

/// Reads one file, skipping the parse when nothing changed.
enum FileReader {
    /// The largest catalog file read (16 MiB, hundreds of times a large real one): catalog files are
    /// untrusted, and one must not exhaust the service's memory. Larger files are a problem.
    static let maxCatalogFileSize = 16 << 20

    static func read(_ file: String, identity: String, display: String, root: SourceRoot, known: SourceFileState?) -> FileOutcome {
        let stamp = FileSystem.stamp(file)
        if let known, let stamp, known.contentHash != nil, known.size == stamp.size, known.modifiedAt == stamp.modifiedAt {
            return FileOutcome(kind: .unchanged, locationTargets: known.locationTargets)
        }
        let read = stamp.map { _ in FileSystem.readPrefix(of: SourceConfinement.realPath(file) ?? file, count: maxCatalogFileSize + 1) }
        guard let stamp, case .success(let bytes) = read, bytes.count <= maxCatalogFileSize else {
            let problem = if case .success = read {
                CatalogProblem(file: display, rule: "file-too-large", message: "the file is larger than \(maxCatalogFileSize >> 20) MiB and was not read")
            } else {
                CatalogProblem(file: display, rule: "missing-file", message: "cannot read \(file)")
            }
            let parsed = ParsedFile(entities: [], problems: [problem], refsOfInvalidDocuments: [], isUnreadable: true)
            let state = SourceFileState(path: identity, size: 0, modifiedAt: 0, contentHash: nil, locationTargets: [])
            return FileOutcome(kind: .parsed(SourceFileUpdate(state: state, root: root.identity, parsed: parsed)), locationTargets: [])
        }
        let data = Data(bytes)
        let hash = hexadecimal(SHA256.hash(data: data))
        if let known, known.contentHash == hash {
            var state = known
            state.size = stamp.size
            state.modifiedAt = stamp.modifiedAt
            return FileOutcome(kind: .restamped(state), locationTargets: known.locationTargets)
        }
        let directory = URL(fileURLWithPath: file).deletingLastPathComponent()
        let parsed: ParsedFile
        if let text = String(data: data, encoding: .utf8) {
            parsed = CatalogFileParser.parse(text, displayName: display, directory: directory, root: URL(fileURLWithPath: root.directory), file: file)
        } else {
            parsed = ParsedFile(
                entities: [], problems: [CatalogProblem(file: display, rule: "encoding", message: "the file is not UTF-8 text")],
                refsOfInvalidDocuments: [], isUnreadable: true)
        }
        let (targets, problems) = LocationTargets.of(parsed, in: directory.path, root: root, display: display)
        let state = SourceFileState(path: identity, size: stamp.size, modifiedAt: stamp.modifiedAt, contentHash: hash, locationTargets: targets)
        return FileOutcome(kind: .parsed(SourceFileUpdate(state: state, root: root.identity, parsed: parsed)), locationTargets: targets, locationProblems: problems)
    }
}

extension CatalogIngester {
    /// Below this many files an ingest is quick enough that progress lines would be noise.
    public static let progressThreshold = batchSize
}

/// Lower-case hex of a digest (`String(format:)` per byte was measurable on large ingests).
func hexadecimal(_ bytes: some Sequence<UInt8>) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var output: [UInt8] = []
    output.reserveCapacity(64)
    for byte in bytes {
        output.append(digits[Int(byte >> 4)])
        output.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: output, as: UTF8.self)
}
