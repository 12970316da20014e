import Catalog

/// The caller may not run a command restricted to some groups.
public struct NotAllowedError: UserFacingError, Hashable {
    /// The command.
    public var command: String
    /// The groups whose members may run it.
    public var groups: [EntityRef]

    public var userMessage: String {
        "Only members of \(groups.map(\.shortDescription).joined(separator: ", ")) may run /\(command)."
    }
    public var problemKind: String { Reply.Outcome.notAllowed.rawValue }
}

extension CommandAccess {
    /// Whether `caller` may run a command with this access rule. A caller is a member of a group
    /// when their catalog User belongs to it or to one of its descendants.
    /// - Parameters:
    ///   - caller: who asked; their chat user id (or, from the CLI, a catalog user name).
    ///   - catalog: the catalog that knows people and teams.
    public func permits(_ caller: Caller, catalog: CatalogStore) async throws -> Bool {
        guard case .members(let groups) = self else { return true }
        guard let user = try await CallerIdentity.user(for: caller, in: catalog) else { return false }
        let memberships = try await catalog.groupsIncludingAncestors(of: user.ref)
        return groups.contains { memberships.contains($0) }
    }
}

/// Maps whoever asked to their catalog User.
enum CallerIdentity {
    /// The User whose `slack.com/user_id` is the caller's id; for the CLI's `--as NAME`, the User
    /// of that name or ref.
    static func user(for caller: Caller, in catalog: CatalogStore) async throws -> StoredEntity? {
        guard let id = caller.userID, !id.isEmpty else { return nil }
        if let user = try await catalog.user(chatUserID: id) { return user }
        guard let ref = try? EntityRef(parsing: id, defaultKind: "user"), ref.kind == "user" else { return nil }
        return try await catalog.entity(ref)
    }
}

extension CommandAccess {
    /// The groups whose members may run the command; empty when anyone may.
    public var groups: [EntityRef] {
        if case .members(let groups) = self { return groups }
        return []
    }
}
