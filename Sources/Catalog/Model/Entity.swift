/// A catalog entity as Backstage defines it: `apiVersion`, `kind`, `metadata` and a free-form `spec`.
///
/// Values of this type have passed ``EntityValidator``: every field has the shape and format the
/// rules require. Case is preserved as written; ``ref`` is the canonical, lower-cased identity.
public struct Entity: Sendable, Hashable, Codable {
    /// `backstage.io/v1alpha1`, `scaffolder.backstage.io/v1beta3`, ...
    public var apiVersion: String
    /// `Component`, `API`, `Group`, ... or an organisation's own kind.
    public var kind: String
    /// Name, namespace, title, description, labels, annotations, tags and links.
    public var metadata: EntityMetadata
    /// The kind-specific fields, kept whole so unknown fields survive.
    public var spec: JSONValue

    /// Creates an entity.
    public init(apiVersion: String, kind: String, metadata: EntityMetadata, spec: JSONValue = .object([:])) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
    }

    /// The canonical reference, `kind:namespace/name`, lower-cased.
    public var ref: EntityRef { EntityRef(kind: kind, namespace: metadata.namespace, name: metadata.name) }

    /// The kind as one of the kinds Backstage defines, or nil for an organisation's own kind.
    public var knownKind: EntityKind? { EntityKind(rawValue: kind.lowercased()) }

    /// A string field of `spec` (`type`, `lifecycle`, ...).
    public func specString(_ key: String) -> String? { spec[key]?.stringValue }

    /// The title when set, else the name: what people should read.
    public var displayName: String { metadata.title ?? metadata.name }
}

/// The `metadata` block of an entity.
public struct EntityMetadata: Sendable, Hashable, Codable {
    /// The name, unique per kind and namespace (case-insensitively).
    public var name: String
    /// The namespace; `default` when the file names none.
    public var namespace: String
    /// A display title.
    public var title: String?
    /// A human description.
    public var description: String?
    /// Labels: short, queryable key/value pairs.
    public var labels: [String: String]
    /// Annotations: arbitrary key/value pairs that plugins (and Backline) read.
    public var annotations: [String: String]
    /// Lower-case tags.
    public var tags: [String]
    /// Links to dashboards, runbooks and the like.
    public var links: [EntityLink]

    /// Creates metadata.
    public init(
        name: String, namespace: String = EntityRef.defaultNamespace, title: String? = nil, description: String? = nil,
        labels: [String: String] = [:], annotations: [String: String] = [:], tags: [String] = [], links: [EntityLink] = []
    ) {
        self.name = name
        self.namespace = namespace
        self.title = title
        self.description = description
        self.labels = labels
        self.annotations = annotations
        self.tags = tags
        self.links = links
    }
}

/// One entry of `metadata.links`.
public struct EntityLink: Sendable, Hashable, Codable {
    /// The target; any URL scheme.
    public var url: String
    /// The text to show.
    public var title: String?
    /// An icon name, e.g. `dashboard`.
    public var icon: String?
    /// What the link is: `runbook`, `documentation`, `logs`, `dashboard`...
    public var type: String?

    /// Creates a link.
    public init(url: String, title: String? = nil, icon: String? = nil, type: String? = nil) {
        self.url = url
        self.title = title
        self.icon = icon
        self.type = type
    }
}
