/// The checks of what the docs say: relative links that point at nothing, and repository paths
/// mentioned in backticks that do not exist.
struct DocsContentCheck {
    var brokenLinks: [DocsBrokenLink] = []
    var missingPaths: [DocsMissingPath] = []
    var problems: [DocsProblem] = []

    /// Reads the Markdown of `layout`'s docs folder within `limits`.
    static func run(_ layout: DocsLayout, limits: DocsScanLimits) -> DocsContentCheck {
        var check = DocsContentCheck()
        let listing = DocsTree.markdownFiles(under: layout.docsFolder, realRoot: layout.realRoot, limits: limits)
        if listing.truncated {
            check.problems.append(DocsProblem(file: layout.componentRelative(layout.docsFolder),
                                              message: "more than \(limits.maxMarkdownFiles) Markdown files or \(limits.maxFolders) folders; only the first were checked"))
        }
        var bytesLeft = limits.maxTotalBytes
        var findingsCut = false
        for file in listing.files {
            let display = layout.componentRelative(file)
            // A listed link to a file was checked to lead inside the tree; read what it points at.
            let readable = DocsFileAccess.kind(file) == .symbolicLink ? DocsFileAccess.realPath(file) ?? file : file
            if case .file(let size) = DocsFileAccess.kind(readable), size > limits.maxFileBytes {
                check.problems.append(DocsProblem(file: display, message: "larger than \(DocsScanLimits.describe(bytes: limits.maxFileBytes)); not checked"))
                continue
            }
            guard bytesLeft > 0 else {
                check.problems.append(DocsProblem(file: display, message: "not checked: the docs passed \(DocsScanLimits.describe(bytes: limits.maxTotalBytes)) in all"))
                break
            }
            guard let bytes = DocsFileAccess.readPrefix(of: readable, count: min(limits.maxFileBytes, bytesLeft) + 1) else {
                check.problems.append(DocsProblem(file: display, message: "cannot be read"))
                continue
            }
            guard bytes.count <= limits.maxFileBytes, bytes.count <= bytesLeft else {
                check.problems.append(DocsProblem(file: display, message: "grew past the size limit while read; not checked"))
                continue
            }
            bytesLeft -= bytes.count
            let references = MarkdownReferences.scan(String(decoding: bytes, as: UTF8.self))
            let folder = DocsFileAccess.normalized(file + "/..")
            for link in references.links {
                guard let path = DocsLinkTarget.relativePath(link.text), !resolves(path, from: [folder], in: layout, outsideResolves: false) else { continue }
                guard check.brokenLinks.count < limits.maxFindings else {
                    findingsCut = true
                    break
                }
                check.brokenLinks.append(DocsBrokenLink(file: display, line: link.line, target: link.text))
            }
            for span in references.codeSpans {
                guard let path = CodePathMention.path(span.text),
                      !resolves(path, from: [layout.realComponent, layout.realRoot, folder], in: layout, outsideResolves: true) else { continue }
                guard check.missingPaths.count < limits.maxFindings else {
                    findingsCut = true
                    break
                }
                check.missingPaths.append(DocsMissingPath(file: display, line: span.line, path: span.text))
            }
        }
        if findingsCut {
            check.problems.append(DocsProblem(file: layout.componentRelative(layout.docsFolder), message: "more than \(limits.maxFindings) broken links or missing paths; only the first are listed"))
        }
        return check
    }

    /// Whether `path`, read from any of `bases`, names something inside the work tree.
    ///
    /// Nothing outside the work tree root is ever looked at: a candidate that climbs out of it is
    /// decided by its name alone, as `outsideResolves` says: a link that leaves the repository is
    /// broken (false); a mentioned path that would is no evidence either way (true, not reported).
    private static func resolves(_ path: String, from bases: [String], in layout: DocsLayout, outsideResolves: Bool) -> Bool {
        var anyInside = false
        for base in bases {
            let candidate = DocsFileAccess.normalized(base + "/" + path)
            guard DocsFileAccess.isInside(candidate, layout.realRoot) else { continue }
            anyInside = true
            if DocsFileAccess.existsInside(candidate, realRoot: layout.realRoot) { return true }
        }
        return anyInside ? false : outsideResolves
    }
}
