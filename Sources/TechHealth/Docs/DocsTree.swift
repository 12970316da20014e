#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Markdown files of a docs folder, as mkdocs builds them: every file with a Markdown
/// extension at any depth, whatever `nav` lists, dot-files and dot-folders left out.
///
/// The walk never descends through a symbolic link to a folder, and takes a link to a file only
/// when its real path is inside the tree's real root.
enum DocsTree {
    /// mkdocs' Markdown extensions.
    static let markdownExtensions: Set<String> = ["md", "markdown", "mdown", "mkdn", "mkd"]

    /// What a walk found.
    struct Listing {
        /// Real paths of the Markdown files, sorted.
        var files: [String] = []
        /// Whether a limit cut the walk short.
        var truncated = false
    }

    /// The Markdown files under `folder` (a real path inside `realRoot`).
    static func markdownFiles(under folder: String, realRoot: String, limits: DocsScanLimits) -> Listing {
        var listing = Listing()
        var pending = [folder]
        var foldersSeen = 0
        while let current = pending.popLast() {
            foldersSeen += 1
            guard foldersSeen <= limits.maxFolders else {
                listing.truncated = true
                break
            }
            guard let handle = opendir(current) else { continue }
            defer { closedir(handle) }
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { buffer in
                    String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self)
                }
                guard !name.hasPrefix(".") else { continue }
                let path = current == "/" ? "/\(name)" : "\(current)/\(name)"
                switch DocsFileAccess.kind(path) {
                case .directory:
                    pending.append(path)
                case .file:
                    if isMarkdown(name) { listing.files.append(path) }
                case .symbolicLink:
                    guard isMarkdown(name), let real = DocsFileAccess.realPath(path), DocsFileAccess.isInside(real, realRoot),
                          case .file = DocsFileAccess.kind(real) else { continue }
                    listing.files.append(path)
                default:
                    continue
                }
            }
        }
        listing.files.sort()
        if listing.files.count > limits.maxMarkdownFiles {
            listing.files = Array(listing.files.prefix(limits.maxMarkdownFiles))
            listing.truncated = true
        }
        return listing
    }

    /// Whether a file name has one of mkdocs' Markdown extensions.
    static func isMarkdown(_ name: String) -> Bool {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return false }
        return markdownExtensions.contains(name[name.index(after: dot)...].lowercased())
    }
}
