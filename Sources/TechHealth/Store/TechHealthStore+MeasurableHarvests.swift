import Catalog
import Foundation
import GRDB

/// What measuring a component needs from its last harvest: its dependencies and runtime pins in
/// harvest order, and its docs' freshness. No manifest problems, folder or times.
public struct MeasurableHarvest: Sendable, Hashable {
    /// The Component.
    public var entity: EntityRef
    /// Its dependencies and runtimes (``ManifestHarvest/problems`` is left empty).
    public var harvest: ManifestHarvest
    /// Its docs' freshness, when it has TechDocs.
    public var docs: DocsFreshness?
}

extension TechHealthStore {
    /// The measurable part of these components' last harvests, ordered by ref: the same
    /// dependencies and runtimes ``harvests(of:)`` decodes from each harvest's JSON, read instead
    /// from the flattened tables `save` writes in the same transaction.
    ///
    /// Digests and team answers read a hundred harvests or more at a time; decoding each
    /// harvest's JSON was most of their cost, where these columns cost next to nothing.
    public func measurableHarvests(of entities: [EntityRef]) async throws -> [MeasurableHarvest] {
        guard !entities.isEmpty else { return [] }
        let keys = Array(Set(entities.map(\.description))).sorted()
        return try await writer.read { db in
            var byKey: [String: MeasurableHarvest] = [:]
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .secondsSince1970
            // Bounded batches keep each statement well under SQLite's limit on bound parameters.
            for start in stride(from: 0, to: keys.count, by: 500) {
                let batch = Array(keys[start..<min(start + 500, keys.count)])
                let marks = databaseQuestionMarks(count: batch.count)
                let arguments = StatementArguments(batch)
                let components = try Row.fetchCursor(db, sql: "SELECT entityRef, docs FROM healthComponent WHERE entityRef IN (\(marks))", arguments: arguments)
                while let row = try components.next() {
                    let key: String = row[0]
                    guard let entity = try? EntityRef(parsing: key) else { continue }
                    let docs: String? = row[1]
                    byKey[key] = MeasurableHarvest(
                        entity: entity, harvest: ManifestHarvest(),
                        docs: docs.flatMap { try? decoder.decode(DocsFreshness.self, from: Data($0.utf8)) })
                }
                // Row order within a component is insertion order: the harvest's own order.
                let dependencies = try Row.fetchCursor(db, sql: """
                    SELECT entityRef, ecosystem, name, declared, version, direct, file, line, scope FROM healthDependency
                    WHERE entityRef IN (\(marks)) ORDER BY entityRef, rowid
                    """, arguments: arguments)
                while let row = try dependencies.next() {
                    let key: String = row[0]
                    guard byKey[key] != nil, let ecosystem = Ecosystem(rawValue: row[1]) else { continue }
                    byKey[key]?.harvest.dependencies.append(HarvestedDependency(
                        ecosystem: ecosystem, name: row[2], declared: row[3], version: row[4], direct: row[5],
                        location: ManifestLocation(file: row[6], line: row[7]), scope: row[8]))
                }
                let runtimes = try Row.fetchCursor(db, sql: """
                    SELECT entityRef, runtime, version, file, line FROM healthRuntime WHERE entityRef IN (\(marks)) ORDER BY entityRef, rowid
                    """, arguments: arguments)
                while let row = try runtimes.next() {
                    let key: String = row[0]
                    guard byKey[key] != nil else { continue }
                    byKey[key]?.harvest.runtimes.append(RuntimePin(runtime: row[1], version: row[2], location: ManifestLocation(file: row[3], line: row[4])))
                }
            }
            return byKey.keys.sorted().compactMap { byKey[$0] }
        }
    }
}
