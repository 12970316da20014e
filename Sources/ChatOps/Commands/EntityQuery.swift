import Catalog

/// The entity a command argument names: a bare name (`playlist-api`, any kind, case-insensitive),
/// `namespace/name`, or a full ref `kind:[namespace/]name`.
struct EntityQuery: Sendable, Hashable {
    let text: String
    private let kind: String?
    private let namespace: String?
    let name: String

    init(_ text: String, usage: String) throws {
        self.text = text
        guard !text.isEmpty, !text.contains(where: \.isWhitespace) else {
            throw UsageError(text.isEmpty ? "Which entity? Give a name." : "Give one entity name, not \"\(text)\".", usage: usage)
        }
        let colon = text.firstIndex(of: ":")
        let slash = text.firstIndex(of: "/")
        do {
            if colon != nil, slash.map({ colon! < $0 }) ?? true {
                let ref = try EntityRef(parsing: text)
                (kind, namespace, name) = (ref.kind, ref.namespace, ref.name)
            } else if slash != nil {
                let ref = try EntityRef(parsing: text, defaultKind: "any")
                (kind, namespace, name) = (nil, ref.namespace, ref.name)
            } else {
                (kind, namespace, name) = (nil, nil, text.lowercased())
            }
        } catch let error as EntityRefError {
            throw UsageError(error.reason, usage: usage)
        }
    }

    /// The matching entities, sorted by ref.
    func matches(in catalog: CatalogStore) async throws -> [StoredEntity] {
        if let kind, let namespace {
            return try await catalog.entity(EntityRef(kind: kind, namespace: namespace, name: name)).map { [$0] } ?? []
        }
        let named = try await catalog.entities(named: name)
        guard let namespace else { return named }
        return named.filter { $0.ref.namespace == namespace }
    }
}
