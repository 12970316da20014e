import Catalog
import Foundation
import GRDB

/// The tech-health tables in the deployment's database: harvests, the manifest cache, the
/// flattened dependencies and runtimes that heat maps read, and scorecard results per day.
///
/// Shares the one writer with the catalog and registers its own named migrations.
public struct TechHealthStore: Sendable {
    let writer: any DatabaseWriter

    /// Wraps the deployment's writer and migrates the tech-health tables.
    public init(writer: any DatabaseWriter) throws {
        self.writer = writer
        try SchemaMigration.migrator(Self.migrations).migrate(writer)
    }

    /// A fresh, empty, in-memory store.
    public static func inMemory() throws -> TechHealthStore {
        try TechHealthStore(writer: DatabaseQueue())
    }

    /// The tech-health migrations, in the order they run (frozen once shipped).
    public static var migrations: [SchemaMigration] { TechHealthMigrations.all }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .secondsSince1970
        return encoder
    }()

    private static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }

    /// The manifests cached for a component, by path relative to its folder.
    public func cachedManifests(of entity: EntityRef) async throws -> [String: CachedManifest] {
        try await writer.read { db in
            var cached: [String: CachedManifest] = [:]
            let decoder = Self.decoder()
            for row in try Row.fetchAll(db, sql: "SELECT path, contentHash, parsed FROM healthManifestFile WHERE entityRef = ?", arguments: [entity.description]) {
                let text: String = row["parsed"]
                guard let parsed = try? decoder.decode(ParsedManifest.self, from: Data(text.utf8)) else { continue }
                cached[row["path"]] = CachedManifest(contentHash: row["contentHash"], parsed: parsed)
            }
            return cached
        }
    }

    /// Stores one component's harvest and its manifest cache, replacing what was there, in one
    /// transaction (a reader sees the old harvest or the new one).
    public func save(_ harvest: ComponentHarvest, manifests: [String: CachedManifest]) async throws {
        let body = String(decoding: try Self.encoder.encode(harvest.harvest), as: UTF8.self)
        let docs = try harvest.docs.map { String(decoding: try Self.encoder.encode($0), as: UTF8.self) }
        let files = try manifests.map { path, cached in (path, cached.contentHash, String(decoding: try Self.encoder.encode(cached.parsed), as: UTF8.self)) }
        let key = harvest.entity.description
        try await writer.write { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO healthComponent (entityRef, folder, harvestedAt, harvest, docs, sourceProblem, workTreeHead)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [key, harvest.folder, harvest.harvestedAt.timeIntervalSince1970, body, docs, harvest.sourceProblem, harvest.workTreeHead])
            try db.execute(sql: "DELETE FROM healthManifestFile WHERE entityRef = ?", arguments: [key])
            let insertFile = try db.cachedStatement(sql: "INSERT INTO healthManifestFile (entityRef, path, contentHash, parsed) VALUES (?, ?, ?, ?)")
            for (path, hash, parsed) in files { try insertFile.execute(arguments: [key, path, hash, parsed]) }
            try db.execute(sql: "DELETE FROM healthDependency WHERE entityRef = ?", arguments: [key])
            let insertDependency = try db.cachedStatement(sql: """
                INSERT INTO healthDependency (entityRef, ecosystem, name, declared, version, direct, file, line, scope) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for dependency in harvest.harvest.dependencies {
                try insertDependency.execute(arguments: [
                    key, dependency.ecosystem.rawValue, dependency.name, dependency.declared, dependency.version, dependency.direct,
                    dependency.location.file, dependency.location.line, dependency.scope,
                ])
            }
            try db.execute(sql: "DELETE FROM healthRuntime WHERE entityRef = ?", arguments: [key])
            let insertRuntime = try db.cachedStatement(sql: "INSERT INTO healthRuntime (entityRef, runtime, version, file, line) VALUES (?, ?, ?, ?, ?)")
            for pin in harvest.harvest.runtimes {
                try insertRuntime.execute(arguments: [key, pin.runtime, pin.version, pin.location.file, pin.location.line])
            }
        }
    }

    /// Forgets components that are no longer in the catalog.
    public func removeHarvests(except kept: Set<EntityRef>) async throws {
        try await writer.write { db in
            let stored = try String.fetchAll(db, sql: "SELECT entityRef FROM healthComponent")
            let keptKeys = Set(kept.map(\.description))
            for key in stored where !keptKeys.contains(key) {
                for table in ["healthComponent", "healthManifestFile", "healthDependency", "healthRuntime"] {
                    try db.execute(sql: "DELETE FROM \(table) WHERE entityRef = ?", arguments: [key])
                }
            }
        }
    }

    /// One component's last harvest.
    public func harvest(of entity: EntityRef) async throws -> ComponentHarvest? {
        try await harvests(of: [entity]).first
    }

    /// The last harvests of these components (every harvested component when nil), by ref.
    public func harvests(of entities: [EntityRef]? = nil) async throws -> [ComponentHarvest] {
        try await writer.read { db in
            let decoder = Self.decoder()
            var sql = "SELECT * FROM healthComponent"
            var arguments = StatementArguments()
            if let entities {
                guard !entities.isEmpty else { return [] }
                sql += " WHERE entityRef IN (\(entities.map { _ in "?" }.joined(separator: ", ")))"
                arguments = StatementArguments(entities.map(\.description))
            }
            sql += " ORDER BY entityRef"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).compactMap { row -> ComponentHarvest? in
                guard let entity = try? EntityRef(parsing: row["entityRef"]) else { return nil }
                let body: String = row["harvest"]
                let docs: String? = row["docs"]
                return ComponentHarvest(
                    entity: entity, folder: row["folder"], harvestedAt: Date(timeIntervalSince1970: row["harvestedAt"]),
                    harvest: (try? decoder.decode(ManifestHarvest.self, from: Data(body.utf8))) ?? ManifestHarvest(),
                    docs: docs.flatMap { try? decoder.decode(DocsFreshness.self, from: Data($0.utf8)) }, sourceProblem: row["sourceProblem"],
                    workTreeHead: row["workTreeHead"])
            }
        }
    }

    /// Every component's use of a package, read from the flattened table (the heat map's query).
    /// - Parameters:
    ///   - name: the package as its ecosystem writes it (compared case-insensitively).
    ///   - ecosystem: one ecosystem, or every ecosystem that has a package of that name.
    public func uses(ofPackage name: String, in ecosystem: Ecosystem? = nil) async throws -> [PackageUse] {
        try await writer.read { db in
            var sql = "SELECT * FROM healthDependency WHERE name = ? COLLATE NOCASE"
            var arguments: StatementArguments = [name]
            if let ecosystem {
                sql += " AND ecosystem = ?"
                arguments += [ecosystem.rawValue]
            }
            return try Row.fetchAll(db, sql: sql + " ORDER BY entityRef", arguments: arguments).compactMap { row -> PackageUse? in
                guard let entity = try? EntityRef(parsing: row["entityRef"]), let ecosystem = Ecosystem(rawValue: row["ecosystem"]) else { return nil }
                let dependency = HarvestedDependency(
                    ecosystem: ecosystem, name: row["name"], declared: row["declared"], version: row["version"], direct: row["direct"],
                    location: ManifestLocation(file: row["file"], line: row["line"]), scope: row["scope"])
                return PackageUse(entity: entity, dependency: dependency, runtime: nil)
            }
        }
    }

    /// Every component's pin of a runtime (endoflife.date's product name, e.g. `nodejs`).
    public func uses(ofRuntime runtime: String) async throws -> [PackageUse] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM healthRuntime WHERE runtime = ? COLLATE NOCASE ORDER BY entityRef", arguments: [runtime]).compactMap { row -> PackageUse? in
                guard let entity = try? EntityRef(parsing: row["entityRef"]) else { return nil }
                let pin = RuntimePin(runtime: row["runtime"], version: row["version"], location: ManifestLocation(file: row["file"], line: row["line"]))
                return PackageUse(entity: entity, dependency: nil, runtime: pin)
            }
        }
    }

    /// The runtimes pinned anywhere, for "did you mean" and `/health eol`.
    public func runtimeNames() async throws -> [String] {
        try await writer.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT runtime FROM healthRuntime ORDER BY runtime") }
    }
}
