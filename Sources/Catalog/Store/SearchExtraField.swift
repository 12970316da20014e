/// The fields, besides names, titles, descriptions and tags, that search finds entities by: people
/// by display name and e-mail, services by repository and team slug, chat channel and Kubernetes
/// id. Ingest writes them into the `searchExtra` column; a migration that back-fills that column
/// spells out ``sqlExpression(row:)`` as a literal (a test checks the newest one agrees).
enum SearchExtraField: CaseIterable {
    case displayName, email, projectSlug, teamSlug, chatChannel, kubernetesID

    /// Where the field is in a stored entity body, as an SQLite JSON path.
    var jsonPath: String {
        switch self {
        case .displayName: "$.spec.profile.displayName"
        case .email: "$.spec.profile.email"
        case .projectSlug: #"$.metadata.annotations."github.com/project-slug""#
        case .teamSlug: #"$.metadata.annotations."github.com/team-slug""#
        case .chatChannel: #"$.metadata.annotations."slack.com/bot-notify""#
        case .kubernetesID: #"$.metadata.annotations."backstage.io/kubernetes-id""#
        }
    }

    /// The field's value in `entity`, if it has one.
    func value(in entity: Entity) -> String? {
        switch self {
        case .displayName: entity.spec["profile"]?["displayName"]?.stringValue
        case .email: entity.spec["profile"]?["email"]?.stringValue
        case .projectSlug: entity.metadata.annotations["github.com/project-slug"]
        case .teamSlug: entity.metadata.annotations["github.com/team-slug"]
        case .chatChannel: entity.metadata.annotations["slack.com/bot-notify"]
        case .kubernetesID: entity.metadata.annotations["backstage.io/kubernetes-id"]
        }
    }

    /// The text ingest stores in `searchExtra`: every field's value, space-separated.
    static func searchText(of entity: Entity) -> String {
        allCases.map { $0.value(in: entity) ?? "" }.joined(separator: " ")
    }

    /// The same text computed in SQL from the body of the entity row named `row`, for back-fills.
    /// `||` and coalesce rather than concat_ws, which older system SQLite libraries lack.
    static func sqlExpression(row: String) -> String {
        allCases.map { "coalesce(json_extract(\(row).body, '\($0.jsonPath)'), '')" }.joined(separator: " || ' ' || ")
    }
}
