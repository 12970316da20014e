/// The verdict on a component's docs.
public enum DocsFreshnessStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// The code has not moved on past the policy's limits since the docs last changed.
    case fresh
    /// The code moved on and the docs did not; ``DocsFreshness/reasons`` says by how much.
    case stale
    /// The owners opted out (`backline.io/docs-evergreen: "true"`): the docs describe something
    /// that does not follow the code (a design record, a glossary).
    case evergreen
    /// Freshness cannot be told; ``DocsFreshness/reasons`` says why (no git history, a shallow
    /// clone, docs elsewhere, a docs folder that leads out of the component, git failed).
    case unknown
    /// The component declares no TechDocs, or its declared docs folder holds nothing.
    case noDocs = "no-docs"
}
