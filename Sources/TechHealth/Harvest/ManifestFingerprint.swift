import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the harvest remembers of a manifest file to know it did not change: the SHA-256 of its
/// bytes, and its size and modification time when those can be trusted.
///
/// It is stored in the manifest cache's `contentHash` column as `<sha256>` or
/// `<sha256>@<size>@<mtime in ns>`, so a no-change harvest compares `lstat` results and reads
/// nothing, without a schema change. A file changed in the same clock tick as it was
/// fingerprinted could keep its size and time ("racily clean", as git calls it), so a file
/// modified within ``racyWindow`` of the harvest keeps its hash only and is read again next time.
struct ManifestFingerprint: Sendable, Hashable {
    /// SHA-256 of the file's text, lower-case hex.
    var contentHash: String
    /// The file's size and modification time, when recorded.
    var stamp: FileStamp?

    /// Seconds before the harvest within which a modification time is not trusted.
    static let racyWindow: TimeInterval = 2

    /// Reads a stored value; anything unexpected is a bare hash (never matched by stamp).
    init(stored: String) {
        let parts = stored.split(separator: "@", omittingEmptySubsequences: false)
        contentHash = String(parts[0])
        if parts.count == 3, let size = Int64(parts[1]), let modified = Int64(parts[2]) {
            stamp = FileStamp(size: size, modifiedNanoseconds: modified)
        }
    }

    /// A fingerprint of text read now, with the stamp taken before reading.
    init(contentHash: String, stamp: FileStamp?, now: Date) {
        self.contentHash = contentHash
        // A stamp close to (or after) now may be racy; leave it out so the file is hashed again.
        if let stamp, Double(stamp.modifiedNanoseconds) / 1e9 < now.timeIntervalSince1970 - Self.racyWindow {
            self.stamp = stamp
        } else {
            self.stamp = nil
        }
    }

    /// The value stored in the cache.
    var stored: String {
        guard let stamp else { return contentHash }
        return "\(contentHash)@\(stamp.size)@\(stamp.modifiedNanoseconds)"
    }

    /// SHA-256 of `text`'s UTF-8 bytes, in lower-case hex.
    static func hash(_ text: String) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in SHA256.hash(data: Array(text.utf8)) {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// A regular file's size and modification time, from `lstat`.
struct FileStamp: Sendable, Hashable {
    /// Bytes.
    var size: Int64
    /// Modification time since 1970, in nanoseconds.
    var modifiedNanoseconds: Int64

    /// The stamp of the regular file at `path`; nil for anything else (links are not followed).
    static func of(_ path: String) -> FileStamp? {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        #if canImport(Darwin)
        let time = info.st_mtimespec
        #else
        let time = info.st_mtim
        #endif
        return FileStamp(size: Int64(info.st_size), modifiedNanoseconds: Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec))
    }
}
