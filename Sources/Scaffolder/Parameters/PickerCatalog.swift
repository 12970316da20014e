import Catalog
import Foundation

/// The catalog as the form's pickers see it: entities of some kinds.
public struct PickerCatalog: Sendable {
    private let load: @Sendable ([String]) async throws -> [Entity]

    /// Pickers backed by the catalog store.
    public init(store: CatalogStore) {
        load = { kinds in try await store.entities(ofKinds: kinds).map(\.entity) }
    }

    /// Pickers over a fixed list (tests, dry runs of fixtures).
    public init(entities: [Entity]) {
        load = { kinds in
            let wanted = Set(kinds.map { $0.lowercased() })
            return entities.filter { wanted.contains($0.kind.lowercased()) }
        }
    }

    /// The entities of `kinds`.
    func entities(ofKinds kinds: [String]) async throws -> [Entity] { try await load(kinds) }
}

extension Entity {
    /// The entity as the JSON document `catalogFilter` paths (`spec.type`, `metadata.tags`) read.
    var document: JSONValue {
        var metadataMembers: [String: JSONValue] = [
            "name": .string(metadata.name), "namespace": .string(metadata.namespace),
            "tags": .array(metadata.tags.map(JSONValue.string)),
            "labels": .object(metadata.labels.mapValues(JSONValue.string)),
            "annotations": .object(metadata.annotations.mapValues(JSONValue.string)),
        ]
        if let title = metadata.title { metadataMembers["title"] = .string(title) }
        if let description = metadata.description { metadataMembers["description"] = .string(description) }
        return .object([
            "apiVersion": .string(apiVersion), "kind": .string(kind), "metadata": .object(metadataMembers), "spec": spec,
        ])
    }
}
