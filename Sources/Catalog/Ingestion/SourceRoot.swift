import Foundation

/// One source being ingested: where its files are on disk and how they are identified.
struct SourceRoot: Sendable {
    /// The identity stored with every file from this source.
    let identity: String
    /// The directory on disk the source's files are under (for git, the clone). Nothing outside it
    /// is read: not by placeholders, Location targets or the directory walk.
    let directory: String
    /// A single file given as the source, instead of a directory.
    let singleFile: String?
    /// The clone to delete afterwards, for git sources cloned for one ingest.
    let checkout: GitCheckout?
    /// The commit read, for git sources kept in a clone cache.
    let commit: String?
    /// Keeps paths named by catalog files inside `directory`.
    let confinement: SourceConfinement
    private let isGit: Bool

    /// Locates a source on disk, cloning it first when it is a git repository.
    /// - Parameters:
    ///   - gitTimeout: how long a clone (or fetch) may take before it is stopped.
    ///   - cloneCache: where git sources are kept between ingests and fetched anew; nil clones each
    ///     one into a temporary folder removed after the ingest.
    init(_ source: CatalogSource, gitTimeout: Duration, cloneCache: URL? = nil) async throws {
        identity = source.rootIdentity
        switch source {
        case .path(let path):
            let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
            isGit = false
            checkout = nil
            commit = nil
            // Normalised the way confinement checks are, so a path it returns starts with `directory`.
            if FileSystem.isDirectory(absolute) {
                directory = SourceConfinement.normalized(absolute)
                singleFile = nil
            } else if FileSystem.stamp(absolute) != nil {
                directory = SourceConfinement.normalized(URL(fileURLWithPath: absolute).deletingLastPathComponent().path)
                singleFile = absolute
            } else {
                throw IngestError.sourceNotFound(path)
            }
        case .git(let repository, let reference):
            if let cloneCache {
                let kept = try await KeptClone.update(repository, reference: reference, identity: identity, cache: cloneCache, timeout: gitTimeout)
                checkout = nil
                commit = kept.commit
                directory = SourceConfinement.normalized(kept.directory.path)
            } else {
                let checkout = try await GitCheckout.clone(repository, reference: reference, timeout: gitTimeout)
                self.checkout = checkout
                commit = nil
                directory = SourceConfinement.normalized(checkout.directory.path)
            }
            singleFile = nil
            isGit = true
        }
        confinement = SourceConfinement(root: directory)
    }

    /// The files read first: the single file, or every `catalog-info.yaml`/`.yml` in the tree.
    func initialFiles() -> [String] {
        if let singleFile { return [singleFile] }
        return FileSystem.files(under: directory, confinedTo: confinement.realRoot) { $0 == "catalog-info.yaml" || $0 == "catalog-info.yml" }
    }

    /// The stored identity of a file on disk. Directory files keep their absolute path; files of a
    /// git clone are named by repository and path, so the identity survives the next clone.
    func identity(of file: String) -> String {
        guard isGit else { return file }
        return "\(identity)/\(relative(file))"
    }

    /// `file` (a path inside the source directory) relative to it.
    func relative(_ file: String) -> String {
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        if file.hasPrefix(base) { return String(file.dropFirst(base.count)) }
        return file
    }

    /// Files a root-relative Location target names: itself, or what a glob matches.
    ///
    /// A target that leads outside the source yields nothing. ``LocationTargets`` refuses those with
    /// a problem when it reads them; this check also covers targets stored by an earlier version.
    func expand(_ target: String) -> [String] {
        guard case .success(let absolute) = confinement.lexicalPath(of: target, from: directory) else { return [] }
        let inside = relative(absolute)
        guard Glob.isPattern(inside) else {
            guard case .success(let real?) = confinement.realPath(of: absolute), FileSystem.stamp(real) != nil else { return [] }
            return [absolute]
        }
        // Split the glob below the root, so that glob characters in the root's own name are literal.
        let segments = inside.split(separator: "/", omittingEmptySubsequences: true)
        let fixed = segments.prefix { !Glob.isPattern(String($0)) }
        let base = ([confinement.root] + fixed.map(String.init)).joined(separator: "/")
        guard case .success(_?) = confinement.realPath(of: base) else { return [] }
        let glob = Glob(segments.dropFirst(fixed.count).joined(separator: "/"))
        let prefixLength = base == "/" ? 1 : base.count + 1
        return FileSystem.files(under: base, confinedTo: confinement.realRoot) { _ in true }
            .filter { glob.matches(String($0.dropFirst(prefixLength))) }
    }
}

/// The files Location entities in a parsed file point at.
enum LocationTargets {
    /// The root-relative targets of every Location in `parsed`, and the problems with them.
    ///
    /// Targets resolve against the Location's own directory, as Backstage resolves file targets,
    /// and must stay inside the source: an absolute target, one that climbs out with `..` or one
    /// that leads out through a symbolic link is an error, so a catalog file cannot make ingest read
    /// any file on disk.
    static func of(_ parsed: ParsedFile, in directory: String, root: SourceRoot, display: String) -> ([String], [CatalogProblem]) {
        var targets: [String] = []
        var problems: [CatalogProblem] = []
        for parsed in parsed.entities where parsed.entity.knownKind == .location {
            let spec = parsed.entity.spec
            let type = spec["type"]?.stringValue
            let optional = spec["presence"]?.stringValue == "optional"
            let named = [spec["target"]?.stringValue].compactMap { $0 } + (spec["targets"]?.arrayValue?.compactMap(\.stringValue) ?? [])
            func problem(_ message: String) {
                problems.append(CatalogProblem(
                    file: display, document: parsed.document, line: parsed.line, field: "spec.targets", rule: "location-target", message: message))
            }
            for target in named {
                if type == "url" || target.contains("://") {
                    problems.append(CatalogProblem(
                        severity: .warning, file: display, document: parsed.document, line: parsed.line, field: "spec.targets",
                        rule: "remote-location", message: "Location target \(target) is a URL; Backline reads files and git repositories, so it was not followed"))
                    continue
                }
                let path: String
                switch root.confinement.lexicalPath(of: target, from: directory) {
                case .failure(let refusal):
                    problem("Location target \(target) is outside the catalog source (\(refusal.reason))")
                    continue
                case .success(let lexical):
                    path = lexical
                }
                // A glob is checked up to its first pattern segment: the walk below stays inside.
                let inside = root.relative(path).split(separator: "/", omittingEmptySubsequences: true)
                let fixed = inside.prefix { !Glob.isPattern(String($0)) }
                let checked = ([root.confinement.root] + fixed.map(String.init)).joined(separator: "/")
                if case .failure(let refusal) = root.confinement.realPath(of: checked) {
                    problem("Location target \(target) is outside the catalog source (\(refusal.reason))")
                    continue
                }
                if !optional, fixed.count == inside.count, FileSystem.stamp(path) == nil {
                    problem("Location target \(target) does not exist")
                    continue
                }
                targets.append(root.relative(path))
            }
        }
        return (targets, problems)
    }
}
