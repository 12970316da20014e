extension CatalogMigrations {
    /// `/whois @someone` and command permissions map a chat user id to a catalog User.
    static let chatUserLookupV1 = SchemaMigration("commands v1: chat user lookup", sql: """
        CREATE INDEX entity_slackUserID
        ON entity(json_extract(body, '$.metadata.annotations."slack.com/user_id"'))
        WHERE kind = 'user';
        """)

    /// Adds a fifth search column, `extra`, so people are found by display name and e-mail and
    /// services by repository slug, team slug and chat channel (``SearchExtraField`` as it was
    /// when this shipped).
    static let searchExtraV1 = SchemaMigration("commands v1: people and annotations in search", sql: """
        DROP TRIGGER entity_search_insert;
        DROP TRIGGER entity_search_delete;
        DROP TRIGGER entity_search_update;
        DROP TABLE entitySearch;
        CREATE VIRTUAL TABLE entitySearch USING fts5(
            name, title, description, tags, extra,
            tokenize = 'unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER entity_search_insert AFTER INSERT ON entity BEGIN
            INSERT INTO entitySearch(rowid, name, title, description, tags, extra)
            VALUES (new.id, new.name, new.title, new.description, new.tags, coalesce(json_extract(new.body, '$.spec.profile.displayName'), '') || ' ' || coalesce(json_extract(new.body, '$.spec.profile.email'), '') || ' ' || coalesce(json_extract(new.body, '$.metadata.annotations."github.com/project-slug"'), '') || ' ' || coalesce(json_extract(new.body, '$.metadata.annotations."github.com/team-slug"'), '') || ' ' || coalesce(json_extract(new.body, '$.metadata.annotations."slack.com/bot-notify"'), '') || ' ' || coalesce(json_extract(new.body, '$.metadata.annotations."backstage.io/kubernetes-id"'), ''));
        END;
        CREATE TRIGGER entity_search_delete AFTER DELETE ON entity BEGIN
            DELETE FROM entitySearch WHERE rowid = old.id;
        END;
        CREATE TRIGGER entity_search_update AFTER UPDATE ON entity BEGIN
            DELETE FROM entitySearch WHERE rowid = old.id;
            INSERT INTO entitySearch(rowid, name, title, description, tags, extra)
            VALUES (new.id, new.name, new.title, new.description, new.tags, coalesce(json_extract(new.body, '$.spec.profile.displayName'), '') || ' ' || coalesce(json_extract(new.body, '$.spec.profile.email'), '') || ' ' || coalesce(json_extract(new.body, '$.metadata.annotations."github.com/project-slug"'), '') || ' ' || coalesce(json_extract(new.body, '$.metadata.annotations."github.com/team-slug"'), '') || ' ' || coalesce(json_extract(new.body, '$.metadata.annotations."slack.com/bot-notify"'), '') || ' ' || coalesce(json_extract(new.body, '$.metadata.annotations."backstage.io/kubernetes-id"'), ''));
        END;
        INSERT INTO entitySearch(rowid, name, title, description, tags, extra)
        SELECT id, name, title, description, tags, coalesce(json_extract(entity.body, '$.spec.profile.displayName'), '') || ' ' || coalesce(json_extract(entity.body, '$.spec.profile.email'), '') || ' ' || coalesce(json_extract(entity.body, '$.metadata.annotations."github.com/project-slug"'), '') || ' ' || coalesce(json_extract(entity.body, '$.metadata.annotations."github.com/team-slug"'), '') || ' ' || coalesce(json_extract(entity.body, '$.metadata.annotations."slack.com/bot-notify"'), '') || ' ' || coalesce(json_extract(entity.body, '$.metadata.annotations."backstage.io/kubernetes-id"'), '') FROM entity;
        """)

    /// The documented views declarative query commands read (``CatalogViews``).
    static let queryViewsV1 = SchemaMigration("commands v1: catalog views for declarative queries", sql: """
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
        """)

    /// Broken catalog data met while answering commands, kept for the owners' digest.
    static let findingsV1 = SchemaMigration("commands v1: hygiene findings", sql: """
        -- Broken catalog data met while answering commands, kept for the owners' digest.
        CREATE TABLE catalogFinding (
            entityRef TEXT NOT NULL,        -- the entity whose data is broken
            kind TEXT NOT NULL,             -- missingOwner, teamWithoutMembers, ... (CatalogFinding.Kind)
            subjectRef TEXT NOT NULL,       -- what is missing or wrong ('' when nothing more specific)
            ownerRef TEXT,                  -- who should fix it, when known
            message TEXT NOT NULL,
            firstSeenAt DOUBLE NOT NULL,
            lastSeenAt DOUBLE NOT NULL,
            seenCount INTEGER NOT NULL,
            PRIMARY KEY (entityRef, kind, subjectRef)
        ) WITHOUT ROWID;
        CREATE INDEX catalogFinding_ownerRef ON catalogFinding(ownerRef);
        CREATE VIEW catalog_findings AS
        SELECT entityRef AS entity_ref, kind, subjectRef AS subject_ref, ownerRef AS owner_ref, message,
               datetime(firstSeenAt, 'unixepoch') AS first_seen, datetime(lastSeenAt, 'unixepoch') AS last_seen,
               seenCount AS seen_count
        FROM catalogFinding;
        """)
}
