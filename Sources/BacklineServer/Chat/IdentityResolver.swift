import Catalog
import Foundation
import Logging
import Slack
import Synchronization

/// Maps a chat user to the catalog User entity, so features can tell who is asking.
///
/// First the User whose `slack.com/user_id` annotation holds the chat user id; otherwise, when a
/// bot token allows it, the user's profile email from `users.info` matched against
/// `spec.profile.email`. Answers (including "nobody") are cached for ten minutes.
public final class IdentityResolver: Sendable {
    private let catalog: CatalogStore
    private let webAPI: SlackWebAPIClient?
    private let logger: Logger
    private let cache = Mutex<[String: (ref: EntityRef?, at: ContinuousClock.Instant)]>([:])
    static let timeToLive: Duration = .seconds(600)

    /// Creates a resolver; without a Web API client only the annotation is used.
    public init(catalog: CatalogStore, webAPI: SlackWebAPIClient?, logger: Logger) {
        self.catalog = catalog
        self.webAPI = webAPI
        self.logger = logger
    }

    /// The catalog User for a chat user id, or nil when nobody matches.
    public func catalogUser(forChatUser userID: String) async -> EntityRef? {
        let now = ContinuousClock.now
        if let cached = cache.withLock({ $0[userID] }), cached.at.duration(to: now) < Self.timeToLive { return cached.ref }
        let ref = await lookUp(userID)
        cache.withLock { $0[userID] = (ref, now) }
        return ref
    }

    private func lookUp(_ userID: String) async -> EntityRef? {
        do {
            if let user = try await catalog.user(chatUserID: userID) {
                return user.ref
            }
            guard let webAPI, let email = try await webAPI.userInfo(user: userID).email else { return nil }
            return try await catalog.users(withEmail: email).first?.ref
        } catch {
            logger.warning("could not resolve chat user to a catalog user", metadata: ["user": "\(userID)", "error": "\(error)"])
            return nil
        }
    }
}
