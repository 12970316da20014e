import Foundation

/// The commit a work tree has checked out, read from `.git` files without running git: the harvest
/// asks this for every component with docs on every run, so it must cost a few small reads.
///
/// Follows `.git` files (linked work trees, submodules) and `commondir`, a symbolic `HEAD` to its
/// loose ref or to `packed-refs`. Anything it does not understand is nil, which only means the
/// docs are checked again.
enum WorkTreeHead {
    /// The largest `packed-refs` read; a repository with more tags than this is checked every time.
    static let maxPackedRefsBytes = 32 * 1024 * 1024

    /// The commit id checked out in the work tree at `root`, or nil.
    static func read(root: URL) -> String? {
        let top = DocsFileAccess.normalized(root.path)
        guard let gitDirectory = gitDirectory(of: top) else { return nil }
        guard let head = firstLine(gitDirectory + "/HEAD") else { return nil }
        if isCommitID(head) { return head }
        guard head.hasPrefix("ref:") else { return nil }
        let name = head.dropFirst(4).trimmingCharacters(in: .whitespaces)
        // The ref names a file under the git folder: it must stay there.
        guard name.hasPrefix("refs/"), !name.split(separator: "/").contains(where: { $0 == ".." || $0 == "." }) else { return nil }
        var folders = [gitDirectory]
        if let common = firstLine(gitDirectory + "/commondir") {
            folders.append(common.hasPrefix("/") ? DocsFileAccess.normalized(common) : DocsFileAccess.normalized(gitDirectory + "/" + common))
        }
        for folder in folders {
            if let value = firstLine(folder + "/" + name), isCommitID(value) { return value }
        }
        for folder in folders {
            guard let bytes = DocsFileAccess.readPrefix(of: folder + "/packed-refs", count: maxPackedRefsBytes) else { continue }
            for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
                let fields = line.split(separator: " ", maxSplits: 1)
                if fields.count == 2, fields[1] == name, isCommitID(String(fields[0])) { return String(fields[0]) }
            }
        }
        return nil
    }

    /// `.git` itself, or the folder a `.git` file names.
    private static func gitDirectory(of root: String) -> String? {
        let dotGit = root + "/.git"
        switch DocsFileAccess.kind(dotGit) {
        case .directory:
            return dotGit
        case .file:
            guard let line = firstLine(dotGit), line.hasPrefix("gitdir:") else { return nil }
            let named = line.dropFirst("gitdir:".count).trimmingCharacters(in: .whitespaces)
            return named.hasPrefix("/") ? DocsFileAccess.normalized(named) : DocsFileAccess.normalized(root + "/" + named)
        default:
            return nil
        }
    }

    private static func firstLine(_ path: String) -> String? {
        guard let bytes = DocsFileAccess.readPrefix(of: path, count: 4096) else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        return text.split(separator: "\n", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    private static func isCommitID(_ text: String) -> Bool {
        (text.count == 40 || text.count == 64) && text.allSatisfy(\.isHexDigit)
    }
}
