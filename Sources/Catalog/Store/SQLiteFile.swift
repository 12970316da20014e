import Foundation
import GRDB

/// Opens the one SQLite database file a Backline deployment keeps everything in.
///
/// Each target owns its tables and runs its own named migrations on the shared writer; migration
/// names are prefixed by the target (`catalog v1: …`, `server v1: …`) so they never collide.
public enum SQLiteFile {
    /// How much of the file each reader maps: more than the largest database measured (870 MB
    /// at 100,000 entities with a harvest per component). SQLite caps it at its build's limit.
    static let mappedBytes = 1 << 31

    /// A WAL-mode pool on `path`, creating the file and its directory when missing.
    public static func open(path: String) throws -> DatabasePool {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            // Ingest writes in large transactions; readers never wait for them in WAL mode, and
            // NORMAL keeps durability across process crashes (only an OS crash can lose the last commit).
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Readers map the file instead of copying every page they touch through read(2)
            // into a private 2 MiB cache: digests and team answers over a large catalog read
            // hundreds of megabytes of rows, and all readers then share the OS page cache. The
            // writer keeps ordinary reads, so an ingest's memory stays its own working set.
            if db.configuration.readonly { try db.execute(sql: "PRAGMA mmap_size = \(mappedBytes)") }
        }
        // Concurrent writers (an ingest and the chat service) wait for each other instead of failing.
        configuration.busyMode = .timeout(10)
        return try DatabasePool(path: path, configuration: configuration)
    }
}
