#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads one manifest file, bounded.
///
/// The Catalog target's bounded reader is internal to it, so this is the same technique kept small:
/// `lstat` first (a FIFO is never opened, a link never followed), open with `O_NOFOLLOW` and
/// `O_NONBLOCK`, check the descriptor is the same regular file, and read at most the limit plus one
/// byte whatever the file claims its size is.
enum ManifestFileReader {
    static func load(root: String, relativePath: String, limits: ManifestLimits) -> ManifestRead {
        let location = ManifestLocation(file: relativePath)
        func refuse(_ message: String) -> ManifestRead {
            .refused(ManifestProblem(location: location, message: message))
        }
        // A relative path that climbs out of the folder is refused before touching the disk.
        let parts = relativePath.split(separator: "/")
        guard !relativePath.hasPrefix("/"), !parts.contains(".."), !parts.isEmpty else {
            return refuse("outside the component folder; not read")
        }
        // Every folder on the way must be a real folder, not a link to somewhere else.
        var path = root
        for part in parts.dropLast() {
            path += "/\(part)"
            var info = stat()
            guard lstat(path, &info) == 0 else { return refuse("file not found") }
            guard (info.st_mode & S_IFMT) == S_IFDIR else { return refuse("reached through a symbolic link or a file; not read") }
        }
        path += "/\(parts.last!)"
        var info = stat()
        guard lstat(path, &info) == 0 else { return refuse("file not found") }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return refuse("not a regular file (a link, folder or device); not read") }
        guard Int(info.st_size) <= limits.maximumFileBytes else {
            return refuse("larger than \(limits.maximumFileBytes / (1024 * 1024)) MiB; not read")
        }
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return refuse("could not be opened (errno \(errno))") }
        defer { close(descriptor) }
        var opened = stat()
        guard fstat(descriptor, &opened) == 0, (opened.st_mode & S_IFMT) == S_IFREG,
              opened.st_dev == info.st_dev, opened.st_ino == info.st_ino
        else { return refuse("changed while being read; not read") }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(Int(info.st_size), limits.maximumFileBytes) + 1)
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while bytes.count <= limits.maximumFileBytes {
            let wanted = min(buffer.count, limits.maximumFileBytes + 1 - bytes.count)
            let got = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, wanted) }
            if got < 0 {
                if errno == EINTR { continue }
                return refuse("could not be read (errno \(errno))")
            }
            if got == 0 { break }
            bytes.append(contentsOf: buffer[0..<got])
        }
        guard bytes.count <= limits.maximumFileBytes else {
            return refuse("larger than \(limits.maximumFileBytes / (1024 * 1024)) MiB; not read")
        }
        return .text(String(decoding: bytes, as: UTF8.self))
    }
}

/// The outcome of reading one manifest file.
public enum ManifestRead: Sendable, Hashable {
    /// The file's text (invalid UTF-8 replaced, so a parser reports it rather than the reader).
    case text(String)
    /// The file was not read: too large, a link, missing, unreadable.
    case refused(ManifestProblem)
}
