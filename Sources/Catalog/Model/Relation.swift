/// The relation types Backstage generates, in pairs: every relation is stored on both ends.
public enum RelationType: String, Sendable, Hashable, Codable, CaseIterable {
    case ownedBy, ownerOf
    case partOf, hasPart
    case dependsOn, dependencyOf
    case providesApi, apiProvidedBy
    case consumesApi, apiConsumedBy
    case memberOf, hasMember
    case childOf, parentOf

    /// The same relation read from the other end (`ownedBy` ↔ `ownerOf`).
    public var reverse: RelationType {
        switch self {
        case .ownedBy: .ownerOf
        case .ownerOf: .ownedBy
        case .partOf: .hasPart
        case .hasPart: .partOf
        case .dependsOn: .dependencyOf
        case .dependencyOf: .dependsOn
        case .providesApi: .apiProvidedBy
        case .apiProvidedBy: .providesApi
        case .consumesApi: .apiConsumedBy
        case .apiConsumedBy: .consumesApi
        case .memberOf: .hasMember
        case .hasMember: .memberOf
        case .childOf: .parentOf
        case .parentOf: .childOf
        }
    }
}

/// A directed relation between two entities. The target may not exist (a dangling relation is kept,
/// as in Backstage, so that broken references can be reported).
public struct Relation: Sendable, Hashable, Codable {
    /// The entity the relation starts from.
    public var source: EntityRef
    /// What the relation means, read from `source`.
    public var type: RelationType
    /// The entity the relation points at.
    public var target: EntityRef

    /// Creates a relation.
    public init(source: EntityRef, type: RelationType, target: EntityRef) {
        self.source = source
        self.type = type
        self.target = target
    }

    /// The same relation stored on the other end.
    public var reversed: Relation { Relation(source: target, type: type.reverse, target: source) }
}

/// How one spec field turns into relations: which relation it names and which kind a ref without
/// a kind defaults to (nil: the ref must name its kind, as `dependsOn` must).
struct RelationField: Sendable {
    let field: String
    let type: RelationType
    let defaultKind: String?
    let isList: Bool

    /// The fields Backstage's `BuiltinKindsEntityProcessor` reads, per kind.
    static func fields(for kind: EntityKind) -> [RelationField] {
        let owner = RelationField(field: "owner", type: .ownedBy, defaultKind: "group", isList: false)
        let system = RelationField(field: "system", type: .partOf, defaultKind: "system", isList: false)
        let dependsOn = RelationField(field: "dependsOn", type: .dependsOn, defaultKind: nil, isList: true)
        let dependencyOf = RelationField(field: "dependencyOf", type: .dependencyOf, defaultKind: nil, isList: true)
        switch kind {
        case .component:
            return [
                owner, system,
                RelationField(field: "subcomponentOf", type: .partOf, defaultKind: "component", isList: false),
                RelationField(field: "providesApis", type: .providesApi, defaultKind: "api", isList: true),
                RelationField(field: "consumesApis", type: .consumesApi, defaultKind: "api", isList: true),
                dependsOn, dependencyOf,
            ]
        case .api: return [owner, system]
        case .resource: return [owner, system, dependsOn, dependencyOf]
        case .system: return [owner, RelationField(field: "domain", type: .partOf, defaultKind: "domain", isList: false)]
        case .domain: return [owner, RelationField(field: "subdomainOf", type: .partOf, defaultKind: "domain", isList: false)]
        case .group:
            return [
                RelationField(field: "parent", type: .childOf, defaultKind: "group", isList: false),
                RelationField(field: "children", type: .parentOf, defaultKind: "group", isList: true),
                RelationField(field: "members", type: .hasMember, defaultKind: "user", isList: true),
            ]
        case .user: return [RelationField(field: "memberOf", type: .memberOf, defaultKind: "group", isList: true)]
        case .template: return [owner]
        case .location: return []
        }
    }
}
