import Foundation

/// Broken catalog data met while answering a question: recorded so the owners' digest can ask the
/// right team to fix it.
public struct CatalogFinding: Sendable, Hashable, Codable {
    /// What is wrong.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// `spec.owner` names an entity the catalog does not have.
        case missingOwner
        /// `spec.system` names a system the catalog does not have.
        case missingSystem
        /// A group has no members.
        case teamWithoutMembers
        /// A group has no chat channel annotation (`slack.com/bot-notify`).
        case teamWithoutChannel
        /// `dependsOn` names an entity the catalog does not have.
        case missingDependency
        /// `providesApis`/`consumesApis` names an API the catalog does not have.
        case missingAPI
    }

    /// The entity whose data is broken.
    public var entity: EntityRef
    /// What is wrong.
    public var kind: Kind
    /// What is missing or wrong (the missing owner, dependency, ...), when there is one.
    public var subject: EntityRef?
    /// Who should fix it: the entity's owner, or the team itself for team findings.
    public var owner: EntityRef?
    /// One line for people.
    public var message: String

    /// Creates a finding.
    public init(entity: EntityRef, kind: Kind, subject: EntityRef? = nil, owner: EntityRef? = nil, message: String) {
        self.entity = entity
        self.kind = kind
        self.subject = subject
        self.owner = owner
        self.message = message
    }
}

/// A finding as recorded, with when it was first and last met.
public struct RecordedFinding: Sendable, Hashable {
    /// The finding.
    public var finding: CatalogFinding
    /// When an answer first met it.
    public var firstSeen: Date
    /// When an answer last met it.
    public var lastSeen: Date
    /// How many answers met it.
    public var seenCount: Int
}
