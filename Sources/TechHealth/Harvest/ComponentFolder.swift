import Catalog
import Foundation

/// Where one component's sources are on disk, or why they cannot be read.
enum ComponentFolder: Sendable, Hashable {
    /// The component's folder and the root of the source it belongs to (a directory source, a
    /// kept clone, or a source-location clone): nothing outside `sourceRoot` is read.
    case folder(URL, sourceRoot: URL)
    /// Why its sources cannot be read.
    case unreadable(String)
    /// Its git source's clone is not on this harvest's disk (a command-line harvest of a database
    /// `serve` keeps): a harvest made where the clone was stays; without one, this is the problem.
    case cloneNotHere(String)

    /// The folder's path, when the sources can be read.
    var path: String? {
        guard case .folder(let url, _) = self else { return nil }
        return url.path
    }

    /// The folder its descriptor was found in. A directory source's files are named by absolute
    /// path; a git source's by `git:<repository>#<ref>/<path>`, whose clone is in `clones`.
    static func descriptorFolder(of component: ComponentSource, clones: [String: URL]) -> ComponentFolder {
        guard let root = component.root else {
            return .unreadable("the catalog has no record of the file \(component.file) was read from")
        }
        if root.hasPrefix("git:") {
            guard let clone = clones[root] else {
                return .cloneNotHere("the clone of \(root.dropFirst(4)) is not available to this harvest (ingest the source in the same run)")
            }
            guard let relative = component.relativeFile else {
                return .unreadable("\(component.file) is not under its source \(root)")
            }
            let folder = (relative as NSString).deletingLastPathComponent
            return confined(folder.isEmpty ? clone : clone.appendingPathComponent(folder), in: clone)
        }
        // A directory source is a folder, or a single descriptor file given as the source.
        let rootPath = DocsFileAccess.normalized(root)
        let sourceRoot = DocsFileAccess.kind(rootPath) == .directory ? rootPath : (rootPath as NSString).deletingLastPathComponent
        let folder = (DocsFileAccess.normalized(component.file) as NSString).deletingLastPathComponent
        return confined(URL(fileURLWithPath: folder), in: URL(fileURLWithPath: sourceRoot))
    }

    /// A folder inside a source-location clone.
    static func inClone(_ clone: URL, path: String) -> ComponentFolder {
        let folder = path.isEmpty ? clone : clone.appendingPathComponent(path)
        return confined(folder, in: clone)
    }

    /// `folder`, when it is a real folder whose real location is inside `root`'s: a symbolic link
    /// in the repository must not lead the harvest to any other folder of the disk.
    private static func confined(_ folder: URL, in root: URL) -> ComponentFolder {
        let path = DocsFileAccess.normalized(folder.path)
        guard let realRoot = DocsFileAccess.realPath(DocsFileAccess.normalized(root.path)) else {
            return .unreadable("the source folder \(root.path) does not exist")
        }
        guard let real = DocsFileAccess.realPath(path), DocsFileAccess.kind(real) == .directory else {
            return .unreadable("the folder \(path) does not exist")
        }
        guard DocsFileAccess.isInside(real, realRoot) else {
            return .unreadable("the folder \(path) leads outside its source through a symbolic link; not read")
        }
        return .folder(URL(fileURLWithPath: path), sourceRoot: URL(fileURLWithPath: DocsFileAccess.normalized(root.path)))
    }
}
