/// Which components a scorecard applies to (`appliesTo:` in the file). Each list is "any of";
/// an empty list does not filter. All given lists must match.
public struct ScorecardFilter: Sendable, Hashable {
    /// Entity kinds, lower-cased (`component`).
    public var kinds: [String]
    /// `spec.type` values (`service`, `website`).
    public var types: [String]
    /// `spec.lifecycle` values (`production`).
    public var lifecycles: [String]
    /// Tags; a component with any of them matches.
    public var tags: [String]

    /// Creates a filter; values compare case-insensitively.
    public init(kinds: [String] = [], types: [String] = [], lifecycles: [String] = [], tags: [String] = []) {
        self.kinds = kinds.map { $0.lowercased() }
        self.types = types.map { $0.lowercased() }
        self.lifecycles = lifecycles.map { $0.lowercased() }
        self.tags = tags.map { $0.lowercased() }
    }

    /// Applies to everything.
    public static let any = ScorecardFilter()

    /// Whether a component with these facts is in scope.
    public func matches(_ facts: ComponentFacts) -> Bool {
        func text(_ name: String) -> String? {
            if case .string(let value) = facts[name] { return value.lowercased() }
            return nil
        }
        if !kinds.isEmpty, !kinds.contains(text("kind") ?? "") { return false }
        if !types.isEmpty, !types.contains(text("type") ?? "") { return false }
        if !lifecycles.isEmpty, !lifecycles.contains(text("lifecycle") ?? "") { return false }
        if !tags.isEmpty {
            guard case .strings(let present) = facts["tags"], present.contains(where: { tags.contains($0.lowercased()) }) else { return false }
        }
        return true
    }
}
