import Catalog
import ChatOps
import Foundation
import Logging

/// Answers invocations from any transport: identifies the caller, gives the invocation a logger
/// with its own id, and routes it.
public struct ChatAnswerer: Sendable {
    let router: CommandRouter
    let catalog: CatalogStore
    let identity: IdentityResolver
    let logger: Logger

    /// Creates an answerer.
    public init(router: CommandRouter, catalog: CatalogStore, identity: IdentityResolver, logger: Logger) {
        self.router = router
        self.catalog = catalog
        self.identity = identity
        self.logger = logger
    }

    /// The reply to one invocation; never throws (failures are replies).
    public func answer(_ invocation: Invocation) async -> Reply {
        var invocation = invocation
        if invocation.caller.catalogUser == nil, let userID = invocation.caller.userID, invocation.source != .cli {
            invocation.caller.catalogUser = await identity.catalogUser(forChatUser: userID)
        }
        var logger = logger
        logger[metadataKey: "invocation_id"] = "\(UUID().uuidString.prefix(8).lowercased())"
        return await router.handle(invocation, context: CommandContext(catalog: catalog, logger: logger))
    }
}
