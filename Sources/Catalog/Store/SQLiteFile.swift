import Foundation
import GRDB

/// Opens the one SQLite database file a Backline deployment keeps everything in.
///
/// Each target owns its tables and runs its own named migrations on the shared writer; migration
/// names are prefixed by the target (`catalog v1: …`, `server v1: …`) so they never collide.
public enum SQLiteFile {
    /// A WAL-mode pool on `path`, creating the file and its directory when missing.
    public static func open(path: String) throws -> DatabasePool {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            // Ingest writes in large transactions; readers never wait for them in WAL mode, and
            // NORMAL keeps durability across process crashes (only an OS crash can lose the last commit).
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        // Concurrent writers (an ingest and the chat service) wait for each other instead of failing.
        configuration.busyMode = .timeout(10)
        return try DatabasePool(path: path, configuration: configuration)
    }
}
