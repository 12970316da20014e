#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension FileSystem {
    /// Why a file was not read.
    enum ReadRefusal: Error, Equatable {
        /// Nothing is there.
        case missing
        /// A FIFO, device, socket, directory or link: reading one could block or never end.
        case notRegularFile
        /// Opening or reading failed.
        case unreadable(errno: Int32)
    }

    /// At most `count` bytes from the start of the regular file at `path`.
    ///
    /// The type is checked with `lstat` before opening, so a FIFO is never opened (which could
    /// block waiting for a writer) and a device never read; the file is opened without following a
    /// link and without blocking, and checked again through the descriptor, so it cannot be swapped
    /// between the check and the read. Reading stops after `count` bytes whatever the file claims
    /// its size is (`/proc` files claim 0, `/dev/zero` never ends), so a caller that must refuse
    /// files over a limit asks for limit + 1 bytes.
    static func readPrefix(of path: String, count: Int) -> Result<[UInt8], ReadRefusal> {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .failure(errno == ENOENT || errno == ENOTDIR ? .missing : .unreadable(errno: errno)) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return .failure(.notRegularFile) }
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(errno == ELOOP ? .notRegularFile : .unreadable(errno: errno)) }
        defer { close(descriptor) }
        var opened = stat()
        guard fstat(descriptor, &opened) == 0 else { return .failure(.unreadable(errno: errno)) }
        guard (opened.st_mode & S_IFMT) == S_IFREG, opened.st_dev == info.st_dev, opened.st_ino == info.st_ino else {
            return .failure(.notRegularFile)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(max(0, min(Int(info.st_size), count)))
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while bytes.count < count {
            let wanted = min(buffer.count, count - bytes.count)
            let got = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, wanted) }
            if got < 0 {
                if errno == EINTR { continue }
                return .failure(.unreadable(errno: errno))
            }
            if got == 0 { break }
            bytes.append(contentsOf: buffer[0..<got])
        }
        return .success(bytes)
    }
}
