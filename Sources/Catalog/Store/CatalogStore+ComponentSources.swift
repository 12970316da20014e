import Foundation
import GRDB

/// Where one Component of the catalog was read from: what the tech-health harvest needs to find
/// its sources on disk.
public struct ComponentSource: Sendable, Hashable {
    /// The Component.
    public var ref: EntityRef
    /// The identity of the descriptor file it was read from: an absolute path for directory
    /// sources, `git:<repository>#<ref>/<relative path>` for git sources.
    public var file: String
    /// The identity of the ingest root the file was found under (``CatalogSource/rootIdentity``);
    /// nil when the store has no record of the file (an entity written by hand in a test).
    public var root: String?
    /// The entity's annotations (`backstage.io/source-location`, `backstage.io/techdocs-ref`, …).
    public var annotations: [String: String]

    /// Creates a record.
    public init(ref: EntityRef, file: String, root: String?, annotations: [String: String]) {
        self.ref = ref
        self.file = file
        self.root = root
        self.annotations = annotations
    }

    /// The descriptor's path relative to its ingest root, when the file identity starts with the
    /// root identity (always, for files the ingester stored); nil otherwise.
    public var relativeFile: String? {
        guard let root else { return nil }
        if file == root { return "" }
        let prefix = root.hasSuffix("/") ? root : root + "/"
        guard file.hasPrefix(prefix) else { return nil }
        return String(file.dropFirst(prefix.count))
    }
}

extension CatalogStore {
    /// Every Component with its descriptor file, ingest root and annotations, sorted by ref.
    ///
    /// One query with the annotations read by SQLite from the body, so listing thousands of
    /// components does not decode thousands of entity bodies.
    public func componentSources() async throws -> [ComponentSource] {
        try await writer.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT entity.ref, entity.sourcePath, catalogSourceFile.root,
                       json_extract(entity.body, '$.metadata.annotations') AS annotations
                FROM entity LEFT JOIN catalogSourceFile ON catalogSourceFile.path = entity.sourcePath
                WHERE entity.kind = 'component'
                ORDER BY entity.ref
                """)
            return rows.compactMap { row -> ComponentSource? in
                guard let ref = try? EntityRef(parsing: row["ref"]) else { return nil }
                let text: String? = row["annotations"]
                var annotations: [String: String] = [:]
                if let text, let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] {
                    for (key, value) in object {
                        if let string = value as? String { annotations[key] = string }
                    }
                }
                return ComponentSource(ref: ref, file: row["sourcePath"], root: row["root"], annotations: annotations)
            }
        }
    }
}
