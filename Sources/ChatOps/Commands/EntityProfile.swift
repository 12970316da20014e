import Catalog
import Foundation
import OnCall

/// Everything people ask about one entity: who owns it, where it belongs, where its docs and code
/// are. Its JSON form is the stable `--format json` answer of `/owner` (documented in the README).
public struct EntityProfile: Sendable, Hashable, Codable {
    /// The entity itself.
    public var entity: EntitySummary
    /// The owner named by `spec.owner`, whether or not it exists.
    public var owner: OwnerSummary?
    /// The system it is part of.
    public var system: EntitySummary?
    /// The domain it (or its system) is part of.
    public var domain: EntitySummary?
    /// `spec.type`.
    public var type: String?
    /// `spec.lifecycle`.
    public var lifecycle: String?
    /// The `backline.io/tier` annotation.
    public var tier: String?
    /// `metadata.tags`.
    public var tags: [String]
    /// `metadata.links`.
    public var links: [EntityLink]
    /// Where its documentation lives.
    public var docs: DocsLocation?
    /// Where its code and its catalog file are.
    public var source: SourceLocation
    /// Broken catalog data met while answering (an owner that does not exist, ...).
    public var findings: [String]
    /// Who answers for it now: the owning team's goalie, when on-call is set up and the team has
    /// a rotation.
    public var goalie: GoalieStatus? = nil
}

/// An entity named by ref, with what people read.
public struct EntitySummary: Sendable, Hashable, Codable {
    /// Canonical ref, `component:default/playlist-api`.
    public var ref: String
    /// The kind as written (`Component`).
    public var kind: String
    /// The name as written.
    public var name: String
    /// `metadata.title`.
    public var title: String?
    /// `metadata.description`.
    public var description: String?

    init(_ entity: Entity) {
        ref = entity.ref.description
        kind = entity.kind
        name = entity.metadata.name
        title = entity.metadata.title
        description = entity.metadata.description
    }

    /// The title, else the name.
    public var displayName: String { title ?? name }
}

/// The owner of an entity and how to reach it.
public struct OwnerSummary: Sendable, Hashable, Codable {
    /// Canonical ref of the owner, `group:default/playlists`.
    public var ref: String
    /// Whether the catalog has the owner at all.
    public var exists: Bool
    /// Title (or profile display name), when the owner exists.
    public var title: String?
    /// The owner's chat channel (`slack.com/bot-notify`), for a group.
    public var channel: String?
    /// The owner's chat user id (`slack.com/user_id`), for a user.
    public var chatUserID: String?
    /// `spec.profile.email`.
    public var email: String?
    /// The owning group's parent group (its tribe, department, ...).
    public var parent: EntitySummary?
}

/// Where an entity's documentation lives.
public struct DocsLocation: Sendable, Hashable, Codable {
    /// The `backstage.io/techdocs-ref` annotation as written (`dir:.`).
    public var techdocsRef: String
    /// A browsable location, when one can be derived (repository URL or local folder).
    public var url: String?
}

/// Where an entity's code and descriptor are.
public struct SourceLocation: Sendable, Hashable, Codable {
    /// The repository or folder URL (`backstage.io/source-location`, else `github.com/project-slug`).
    public var url: String?
    /// The catalog file that defines the entity.
    public var catalogFile: String
    /// The line its document starts on.
    public var line: Int
}

/// The annotations Backline reads. Documented in the README.
public enum Annotation {
    /// A team's (or person's) chat channel: `#squad-playlists` or a channel id.
    public static let chatChannel = "slack.com/bot-notify"
    /// A user's Slack user id.
    public static let slackUserID = "slack.com/user_id"
    /// The service tier (`1` is most critical).
    public static let tier = "backline.io/tier"
    /// Where the docs are: `dir:<path>` next to the descriptor, or `url:<repository tree URL>`.
    public static let techdocsRef = "backstage.io/techdocs-ref"
    /// The source repository or folder, `url:https://...`.
    public static let sourceLocation = "backstage.io/source-location"
    /// `org/repo` on GitHub.
    public static let githubProjectSlug = "github.com/project-slug"
}
