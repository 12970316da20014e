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
        let refs = Dictionary(entities.map { ($0.description, $0) }, uniquingKeysWith: { first, _ in first })
        // The refs travel as one JSON array, so each query's text is the same whatever the count:
        // it is prepared once per connection and kept, instead of once per call with a new list
        // of placeholders (a digest run makes these reads for every team).
        let keys = String(decoding: try JSONEncoder().encode(refs.keys.sorted()), as: UTF8.self)
        return try await writer.read { db in
            var byKey: [String: MeasurableHarvest] = [:]
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .secondsSince1970
            let components = try Row.fetchCursor(db.cachedStatement(sql: """
                SELECT entityRef, docs FROM healthComponent WHERE entityRef IN (SELECT value FROM json_each(?))
                """), arguments: [keys])
            while let row = try components.next() {
                let key: String = row[0]
                guard let entity = refs[key] else { continue }
                let docs: String? = row[1]
                byKey[key] = MeasurableHarvest(
                    entity: entity, harvest: ManifestHarvest(),
                    docs: docs.flatMap { try? decoder.decode(DocsFreshness.self, from: Data($0.utf8)) })
            }
            // Row order within a component is insertion order: the harvest's own order.
            let dependencies = try Row.fetchCursor(db.cachedStatement(sql: """
                SELECT entityRef, ecosystem, name, declared, version, direct, file, line, scope FROM healthDependency
                WHERE entityRef IN (SELECT value FROM json_each(?)) ORDER BY entityRef, rowid
                """), arguments: [keys])
            while let row = try dependencies.next() {
                let key: String = row[0]
                guard byKey[key] != nil, let ecosystem = Ecosystem(rawValue: row[1]) else { continue }
                byKey[key]?.harvest.dependencies.append(HarvestedDependency(
                    ecosystem: ecosystem, name: row[2], declared: row[3], version: row[4], direct: row[5],
                    location: ManifestLocation(file: row[6], line: row[7]), scope: row[8]))
            }
            let runtimes = try Row.fetchCursor(db.cachedStatement(sql: """
                SELECT entityRef, runtime, version, file, line FROM healthRuntime
                WHERE entityRef IN (SELECT value FROM json_each(?)) ORDER BY entityRef, rowid
                """), arguments: [keys])
            while let row = try runtimes.next() {
                let key: String = row[0]
                guard byKey[key] != nil else { continue }
                byKey[key]?.harvest.runtimes.append(RuntimePin(runtime: row[1], version: row[2], location: ManifestLocation(file: row[3], line: row[4])))
            }
            return byKey.keys.sorted().compactMap { byKey[$0] }
        }
    }
}
