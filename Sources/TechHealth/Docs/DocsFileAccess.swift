import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The file-system questions the docs check asks about an untrusted tree, answered without ever
/// reading a FIFO or a device, without reading more than asked, and with paths compared by their
/// real (link-resolved) form so that no symbolic link leads a read out of the tree.
enum DocsFileAccess {
    /// What is at a path, without following a final symbolic link.
    enum Kind: Equatable {
        case missing
        case file(size: Int)
        case directory
        case symbolicLink
        case other
    }

    /// The kind of `path`, by `lstat`.
    static func kind(_ path: String) -> Kind {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file(size: Int(info.st_size))
        case S_IFDIR: return .directory
        case S_IFLNK: return .symbolicLink
        default: return .other
        }
    }

    /// At most `count` bytes from the start of the regular file at `path`; nil when it is missing,
    /// not a regular file (a link, FIFO or device is never opened), or unreadable.
    static func readPrefix(of path: String, count: Int) -> [UInt8]? {
        guard case .file = kind(path) else { return nil }
        // O_NOFOLLOW: the path was checked not to be a link, and must not become one before the
        // open; O_NONBLOCK: a FIFO swapped in after the check must not block the open.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var opened = stat()
        guard fstat(descriptor, &opened) == 0, (opened.st_mode & S_IFMT) == S_IFREG else { return nil }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while bytes.count < count {
            let wanted = min(buffer.count, count - bytes.count)
            let got = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, wanted) }
            if got < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if got == 0 { break }
            bytes.append(contentsOf: buffer[0..<got])
        }
        return bytes
    }

    /// `path` with every symbolic link, `.` and `..` resolved; nil when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Whether `path` is `root` or below it (both absolute and normalised).
    static func isInside(_ path: String, _ root: String) -> Bool {
        root == "/" || path == root || path.hasPrefix(root + "/")
    }

    /// An absolute path with `.`, `..` and repeated `/` removed by name alone, without touching
    /// the disk: whether a link climbs out of the tree must be decided before anything is looked at.
    static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// `path` relative to `root` (both normalised, `path` inside `root`); empty for the root itself.
    static func relative(_ path: String, to root: String) -> String {
        guard path != root else { return "" }
        return String(path.dropFirst(root == "/" ? 1 : root.count + 1))
    }

    /// Whether something exists at `path` whose real location is inside `realRoot`: a link that
    /// leads out of the tree counts as nothing, since what it points at is not the repository's.
    static func existsInside(_ path: String, realRoot: String) -> Bool {
        guard let real = realPath(path) else { return false }
        return isInside(real, realRoot)
    }
}
