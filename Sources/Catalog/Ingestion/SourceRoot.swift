import Foundation

/// One source being ingested: where its files are on disk and how they are identified.
struct SourceRoot: Sendable {
    /// The identity stored with every file from this source.
    let identity: String
    /// The directory on disk the source's files are under (for git, the clone).
    let directory: String
    /// A single file given as the source, instead of a directory.
    let singleFile: String?
    /// The clone to delete afterwards, for git sources.
    let checkout: GitCheckout?
    private let isGit: Bool

    init(_ source: CatalogSource) throws {
        identity = source.rootIdentity
        switch source {
        case .path(let path):
            let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
            isGit = false
            checkout = nil
            if FileSystem.isDirectory(absolute) {
                directory = absolute
                singleFile = nil
            } else if FileSystem.stamp(absolute) != nil {
                directory = URL(fileURLWithPath: absolute).deletingLastPathComponent().path
                singleFile = absolute
            } else {
                throw IngestError.sourceNotFound(path)
            }
        case .git(let repository, let reference):
            let checkout = try GitCheckout.clone(repository, reference: reference)
            self.checkout = checkout
            directory = checkout.directory.path
            singleFile = nil
            isGit = true
        }
    }

    /// The files read first: the single file, or every `catalog-info.yaml`/`.yml` in the tree.
    func initialFiles() -> [String] {
        if let singleFile { return [singleFile] }
        return FileSystem.files(under: directory) { $0 == "catalog-info.yaml" || $0 == "catalog-info.yml" }
    }

    /// The stored identity of a file on disk. Directory files keep their absolute path; files of a
    /// git clone are named by repository and path, so the identity survives the next clone.
    func identity(of file: String) -> String {
        guard isGit else { return file }
        return "\(identity)/\(relative(file))"
    }

    /// `file` relative to the source directory (may start with `../` for Location targets outside it).
    func relative(_ file: String) -> String {
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        if file.hasPrefix(base) { return String(file.dropFirst(base.count)) }
        return file
    }

    /// Files a root-relative Location target names: itself, or what a glob matches.
    func expand(_ target: String) -> [String] {
        let absolute = target.hasPrefix("/") ? target : URL(fileURLWithPath: directory).appendingPathComponent(target).standardizedFileURL.path
        guard Glob.isPattern(absolute) else { return FileSystem.stamp(absolute) != nil ? [absolute] : [] }
        let segments = absolute.split(separator: "/", omittingEmptySubsequences: true)
        let fixed = segments.prefix { !Glob.isPattern(String($0)) }
        let base = "/" + fixed.joined(separator: "/")
        let glob = Glob(segments.dropFirst(fixed.count).joined(separator: "/"))
        let prefixLength = base == "/" ? 1 : base.count + 1
        return FileSystem.files(under: base) { _ in true }.filter { glob.matches(String($0.dropFirst(prefixLength))) }
    }
}

/// The files Location entities in a parsed file point at.
enum LocationTargets {
    static func of(_ parsed: ParsedFile, in directory: String, root: SourceRoot, display: String) -> ([String], [CatalogProblem]) {
        var targets: [String] = []
        var problems: [CatalogProblem] = []
        for parsed in parsed.entities where parsed.entity.knownKind == .location {
            let spec = parsed.entity.spec
            let type = spec["type"]?.stringValue
            let optional = spec["presence"]?.stringValue == "optional"
            let named = [spec["target"]?.stringValue].compactMap { $0 } + (spec["targets"]?.arrayValue?.compactMap(\.stringValue) ?? [])
            for target in named {
                if type == "url" || target.contains("://") {
                    problems.append(CatalogProblem(
                        severity: .warning, file: display, document: parsed.document, line: parsed.line, field: "spec.targets",
                        rule: "remote-location", message: "Location target \(target) is a URL; Backline reads files and git repositories, so it was not followed"))
                    continue
                }
                let path = target.hasPrefix("/") ? target : URL(fileURLWithPath: directory).appendingPathComponent(target).standardizedFileURL.path
                if !optional, !Glob.isPattern(path), FileSystem.stamp(path) == nil {
                    problems.append(CatalogProblem(
                        file: display, document: parsed.document, line: parsed.line, field: "spec.targets",
                        rule: "location-target", message: "Location target \(target) does not exist"))
                    continue
                }
                targets.append(root.relative(path))
            }
        }
        return (targets, problems)
    }
}
