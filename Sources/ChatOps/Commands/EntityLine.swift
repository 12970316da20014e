import Catalog

/// One entity in a list answer: the stable JSON shape shared by `/whois`, `/deps`, `/apis` and
/// `/search` (`ref`, `kind`, `name`, `displayName`, `owner`, ...).
public struct EntityLine: Sendable, Hashable, Codable {
    /// Canonical ref.
    public var ref: String
    /// Lower-case kind.
    public var kind: String
    /// The name as written.
    public var name: String
    /// Title, profile name or name.
    public var displayName: String
    /// `metadata.description` (a person's role).
    public var description: String?
    /// `spec.type`.
    public var type: String?
    /// `spec.lifecycle`.
    public var lifecycle: String?
    /// The owner's ref.
    public var owner: String?
    /// A person's chat user id.
    public var chatUserID: String?
    /// A team's chat channel.
    public var channel: String?
    /// False when the catalog does not have the entity (a dangling reference).
    public var exists: Bool

    init(_ headline: EntityHeadline) {
        ref = headline.ref.description
        kind = headline.ref.kind
        name = headline.name
        displayName = headline.displayName
        description = headline.description
        type = headline.type
        lifecycle = headline.lifecycle
        owner = headline.ownerRef?.description
        chatUserID = headline.chatUserID
        channel = headline.channel
        exists = true
    }

    init(missing ref: EntityRef) {
        self.ref = ref.description
        kind = ref.kind
        name = ref.name
        displayName = ref.name
        exists = false
    }
}
