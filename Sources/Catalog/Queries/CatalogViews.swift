/// The documented, stable views that declarative query commands read (`docs/commands.md`).
///
/// Commands written by platform teams depend on these names and columns, not on the tables
/// behind them, so the tables can change without breaking anyone's command. A column is only
/// ever added here, in a new migration; none is renamed or removed.
public enum CatalogViews {
    /// The view names, for documentation and checks.
    public static let names = ["catalog_entities", "catalog_relations", "catalog_groups", "catalog_memberships", "catalog_findings"]

    static let schema = """
        -- One row per entity. Refs are canonical and lower-case: kind:namespace/name.
        CREATE VIEW catalog_entities AS
        SELECT
            ref,
            kind,                                                   -- lower-case: component, api, group, user, ...
            namespace,
            json_extract(body, '$.metadata.name') AS name,          -- as written
            title,
            description,
            coalesce(title, json_extract(body, '$.spec.profile.displayName'), json_extract(body, '$.metadata.name')) AS display_name,
            tags,                                                   -- space-separated
            specType AS type,
            lifecycle,
            ownerRef AS owner_ref,
            json_extract(body, '$.spec.system') AS system,
            json_extract(body, '$.metadata.annotations."backline.io/tier"') AS tier,
            json_extract(body, '$.metadata.annotations."slack.com/bot-notify"') AS channel,
            json_extract(body, '$.metadata.annotations."slack.com/user_id"') AS chat_user_id,
            json_extract(body, '$.spec.profile.email') AS email,
            sourcePath AS source_path,
            line
        FROM entity;

        -- Every relation once, read from its source: (component:default/a, dependsOn, resource:default/db).
        -- Both directions are present (ownedBy and ownerOf, dependsOn and dependencyOf, ...).
        -- The target may not exist in the catalog.
        CREATE VIEW catalog_relations AS
        SELECT DISTINCT sourceRef AS source_ref, type, targetRef AS target_ref FROM relation;

        -- Groups (teams, tribes, departments) with their parent and chat channel.
        CREATE VIEW catalog_groups AS
        SELECT
            e.ref,
            json_extract(e.body, '$.metadata.name') AS name,
            coalesce(e.title, json_extract(e.body, '$.spec.profile.displayName'), json_extract(e.body, '$.metadata.name')) AS display_name,
            e.specType AS type,
            (SELECT r.targetRef FROM relation r WHERE r.sourceRef = e.ref AND r.type = 'childOf' LIMIT 1) AS parent_ref,
            json_extract(e.body, '$.metadata.annotations."slack.com/bot-notify"') AS channel,
            json_extract(e.body, '$.spec.profile.email') AS email,
            (SELECT count(DISTINCT r.targetRef) FROM relation r WHERE r.sourceRef = e.ref AND r.type = 'hasMember') AS member_count
        FROM entity e
        WHERE e.kind = 'group';

        -- Who is a direct member of which group. The user or group may be missing from the catalog.
        CREATE VIEW catalog_memberships AS
        SELECT DISTINCT sourceRef AS user_ref, targetRef AS group_ref FROM relation WHERE type = 'memberOf';
        """
}
