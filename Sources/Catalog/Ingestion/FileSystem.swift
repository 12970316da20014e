import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few file-system questions ingestion asks, answered with `stat(2)` and a plain directory walk:
/// a re-ingest of a large catalog is mostly these calls, so they stay cheap.
enum FileSystem {
    struct Stamp: Equatable {
        let size: Int
        let modifiedAt: Double
    }

    /// Size and modification time, or nil when `path` is not a regular file.
    static func stamp(_ path: String) -> Stamp? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        #if canImport(Darwin)
        let time = info.st_mtimespec
        #else
        let time = info.st_mtim
        #endif
        return Stamp(size: Int(info.st_size), modifiedAt: Double(time.tv_sec) + Double(time.tv_nsec) / 1e9)
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Directories never worth walking: VCS metadata, dependency and build folders.
    private static let skippedDirectories: Set<String> = ["node_modules", ".git", ".build", ".svn", ".hg"]

    /// Every regular file under `directory` (recursively) whose name passes `include`, sorted.
    ///
    /// Catalog trees are untrusted, so the walk never descends through a symbolic link to a folder
    /// (it would lead out of the source, or back into it where the walk finds the files under their
    /// own names, or loop), and includes a link to a file only when its real path is inside
    /// `realRoot`.
    static func files(under directory: String, confinedTo realRoot: String?, where include: (String) -> Bool) -> [String] {
        var found: [String] = []
        var pending = [directory]
        while let current = pending.popLast() {
            guard let handle = opendir(current) else { continue }
            defer { closedir(handle) }
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { buffer in
                    String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self)
                }
                guard name != ".", name != "..", !name.hasPrefix("."), !skippedDirectories.contains(name) else { continue }
                let path = current == "/" ? "/\(name)" : "\(current)/\(name)"
                var type = Int32(entry.pointee.d_type)
                if type == Int32(DT_UNKNOWN) {
                    // Some file systems do not fill d_type; ask without following a link.
                    var info = stat()
                    guard lstat(path, &info) == 0 else { continue }
                    switch info.st_mode & S_IFMT {
                    case S_IFDIR: type = Int32(DT_DIR)
                    case S_IFREG: type = Int32(DT_REG)
                    case S_IFLNK: type = Int32(DT_LNK)
                    default: continue
                    }
                }
                switch type {
                case Int32(DT_DIR): pending.append(path)
                case Int32(DT_REG): if include(name) { found.append(path) }
                case Int32(DT_LNK):
                    guard include(name), let realRoot, let real = SourceConfinement.realPath(path),
                          SourceConfinement.isInside(real, realRoot), stamp(real) != nil else { continue }
                    found.append(path)
                default: break
                }
            }
        }
        return found.sorted()
    }
}
