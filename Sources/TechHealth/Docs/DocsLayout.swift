/// Where a component's docs are on disk: the folder of `mkdocs.yml` named by `techdocs-ref`, the
/// file itself and its `docs_dir`, all checked to stay inside the component folder.
///
/// Every path here is real (links resolved) and absolute; "relative" ones are relative to the
/// real work tree root, as git's pathspecs want them.
struct DocsLayout {
    /// The work tree root.
    var realRoot: String
    /// The component folder.
    var realComponent: String
    /// The component folder relative to the root (empty when it is the root).
    var componentRelative: String
    /// The folder holding `mkdocs.yml` (whether or not the file is there).
    var mkdocsFolder: String
    /// `mkdocs.yml` (or `mkdocs.yaml`), when present.
    var mkdocsFile: String?
    /// The docs folder, real: where its files are read.
    var docsFolder: String
    /// The docs folder by name (a link not resolved): what git tracks.
    var docsPath: String
    /// Problems found on the way that did not stop the check (an unreadable `mkdocs.yml`).
    var problems: [DocsProblem]

    /// Why no layout could be settled on: the verdict, its reason, and a problem to show the owner.
    struct Refusal: Error {
        var status: DocsFreshnessStatus
        var reason: String
        var problem: DocsProblem?
        /// The docs folder relative to the component folder, when it got that far.
        var docsDir: String?
    }

    /// The descriptor names; the annotation's problems are reported against the first.
    static let descriptorNames = ["catalog-info.yaml", "catalog-info.yml"]

    /// `path` relative to the root.
    func rootRelative(_ path: String) -> String { DocsFileAccess.relative(path, to: realRoot) }
    /// `path` relative to the component folder.
    func componentRelative(_ path: String) -> String { DocsFileAccess.relative(path, to: realComponent) }

    /// Settles where the docs of the component in `componentFolder` are, for `dir:` value `directory`.
    static func resolve(workTreeRoot: String, componentFolder: String, directory: String) -> Result<DocsLayout, Refusal> {
        guard let realRoot = DocsFileAccess.realPath(workTreeRoot), case .directory = DocsFileAccess.kind(realRoot) else {
            return .failure(Refusal(status: .unknown, reason: "the work tree \(workTreeRoot) does not exist"))
        }
        guard let realComponent = DocsFileAccess.realPath(componentFolder), case .directory = DocsFileAccess.kind(realComponent) else {
            return .failure(Refusal(status: .unknown, reason: "the component folder \(componentFolder) does not exist"))
        }
        guard DocsFileAccess.isInside(realComponent, realRoot) else {
            return .failure(Refusal(status: .unknown, reason: "the component folder is not inside the work tree"))
        }
        let descriptor = descriptorNames.first { DocsFileAccess.kind(realComponent + "/" + $0) != .missing } ?? descriptorNames[0]

        // `dir:` is relative to the catalog file, and must stay in the component's own folder:
        // docs kept elsewhere are not this component's to measure.
        guard !directory.hasPrefix("/") else {
            return .failure(Refusal(status: .unknown, reason: "techdocs-ref `dir:\(directory)` is an absolute path; it is not followed",
                                    problem: DocsProblem(file: descriptor, message: "backstage.io/techdocs-ref `dir:\(directory)` is absolute; name the folder relative to the catalog file")))
        }
        let mkdocsLexical = DocsFileAccess.normalized(realComponent + "/" + directory)
        guard DocsFileAccess.isInside(mkdocsLexical, realComponent) else {
            return .failure(Refusal(status: .unknown, reason: "techdocs-ref `dir:\(directory)` leads out of the component folder; it is not followed",
                                    problem: DocsProblem(file: descriptor, message: "backstage.io/techdocs-ref `dir:\(directory)` leads out of the component folder")))
        }
        guard let mkdocsFolder = DocsFileAccess.realPath(mkdocsLexical), case .directory = DocsFileAccess.kind(mkdocsFolder) else {
            return .failure(Refusal(status: .noDocs, reason: "techdocs-ref names `\(directory)`, which is not a folder"))
        }
        guard DocsFileAccess.isInside(mkdocsFolder, realComponent) else {
            return .failure(Refusal(status: .unknown, reason: "techdocs-ref `dir:\(directory)` is a link out of the component folder; it is not followed",
                                    problem: DocsProblem(file: descriptor, message: "backstage.io/techdocs-ref `dir:\(directory)` is a symbolic link out of the component folder")))
        }

        var problems: [DocsProblem] = []
        let mkdocsFile = ["mkdocs.yml", "mkdocs.yaml"].map { mkdocsFolder + "/" + $0 }.first {
            if case .file = DocsFileAccess.kind($0) { return true }
            return false
        }
        var config = MkDocsConfig()
        if let mkdocsFile {
            let display = DocsFileAccess.relative(mkdocsFile, to: realComponent)
            if let bytes = DocsFileAccess.readPrefix(of: mkdocsFile, count: MkDocsConfig.maxSize + 1) {
                if bytes.count > MkDocsConfig.maxSize {
                    problems.append(DocsProblem(file: display, message: "larger than \(MkDocsConfig.maxSize / 1024) KiB; not read, the default `docs` was checked"))
                } else {
                    config = MkDocsConfig.parse(String(decoding: bytes, as: UTF8.self))
                    if let problem = config.problem { problems.append(DocsProblem(file: display, line: config.docsDirLine, message: problem)) }
                }
            } else {
                problems.append(DocsProblem(file: display, message: "cannot be read; the default `docs` was checked"))
            }
        }

        let docsDir = config.docsDir ?? MkDocsConfig.defaultDocsDir
        let mkdocsDisplay = mkdocsFile.map { DocsFileAccess.relative($0, to: realComponent) } ?? "mkdocs.yml"
        // mkdocs.yml is untrusted: a docs_dir that is absolute or climbs out of the component is
        // reported, never read.
        guard !docsDir.hasPrefix("/") else {
            return .failure(Refusal(status: .unknown, reason: "mkdocs.yml's docs_dir `\(docsDir)` is an absolute path; it is not followed",
                                    problem: DocsProblem(file: mkdocsDisplay, line: config.docsDirLine, message: "docs_dir `\(docsDir)` is absolute; it must be a folder inside the component")))
        }
        let docsLexical = DocsFileAccess.normalized(mkdocsFolder + "/" + docsDir)
        guard DocsFileAccess.isInside(docsLexical, realComponent) else {
            return .failure(Refusal(status: .unknown, reason: "mkdocs.yml's docs_dir `\(docsDir)` leads out of the component folder; it is not followed",
                                    problem: DocsProblem(file: mkdocsDisplay, line: config.docsDirLine, message: "docs_dir `\(docsDir)` leads out of the component folder")))
        }
        guard docsLexical != realComponent else {
            // Then every file of the component would be docs and none code; mkdocs refuses it too.
            return .failure(Refusal(status: .unknown, reason: "mkdocs.yml's docs_dir is the whole component folder",
                                    problem: DocsProblem(file: mkdocsDisplay, line: config.docsDirLine, message: "docs_dir `\(docsDir)` is the component folder itself; mkdocs needs a sub-folder")))
        }
        let docsDisplay = DocsFileAccess.relative(docsLexical, to: realComponent)
        guard let docsFolder = DocsFileAccess.realPath(docsLexical) else {
            let reason = mkdocsFile == nil ? "no mkdocs.yml and no `\(docsDisplay)` folder in `\(directory)`" : "the docs folder `\(docsDisplay)` does not exist"
            return .failure(Refusal(status: .noDocs, reason: reason, docsDir: docsDisplay))
        }
        guard DocsFileAccess.isInside(docsFolder, realComponent), docsFolder != realComponent else {
            return .failure(Refusal(status: .unknown, reason: "the docs folder `\(docsDisplay)` is a link out of the component folder; it is not followed",
                                    problem: DocsProblem(file: docsDisplay, message: "a symbolic link out of the component folder"), docsDir: docsDisplay))
        }
        guard case .directory = DocsFileAccess.kind(docsFolder) else {
            return .failure(Refusal(status: .noDocs, reason: "`\(docsDisplay)` is not a folder", docsDir: docsDisplay))
        }
        return .success(DocsLayout(
            realRoot: realRoot, realComponent: realComponent, componentRelative: DocsFileAccess.relative(realComponent, to: realRoot),
            mkdocsFolder: mkdocsFolder, mkdocsFile: mkdocsFile, docsFolder: docsFolder, docsPath: docsLexical, problems: problems
        ))
    }
}
