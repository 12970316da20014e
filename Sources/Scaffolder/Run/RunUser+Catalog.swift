import Catalog

extension RunUser {
    /// The user named `name` (a catalog user name or ref) with their groups, from the catalog;
    /// a user the catalog does not know keeps the name as ref and has no groups.
    public static func resolve(_ name: String?, in store: CatalogStore) async -> RunUser {
        guard let name, !name.isEmpty else { return RunUser() }
        let ref = (try? EntityRef(parsing: name, defaultKind: "User")) ?? EntityRef(kind: "user", name: name)
        guard let stored = try? await store.entity(ref) else { return RunUser(ref: ref.description) }
        let groups = ((try? await store.relations(from: stored.ref, ofType: .memberOf)) ?? []).map(\.target.description)
        return RunUser(ref: stored.ref.description, entity: stored.entity, groups: groups)
    }
}
