import GRDB

extension CatalogMigrations {
    /// The migrations the chat commands need, appended after the catalog's own. Never edit one
    /// once shipped; add another.
    static func registerCommandMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("commands v1: chat user lookup") { db in
            // `/whois @someone` and command permissions map a chat user id to a catalog User.
            try db.execute(sql: """
                CREATE INDEX entity_slackUserID
                ON entity(json_extract(body, '$.metadata.annotations."slack.com/user_id"'))
                WHERE kind = 'user';
                """)
        }

        migrator.registerMigration("commands v1: people and annotations in search") { db in
            // Adds a fifth column, `extra`, so people are found by display name and e-mail and
            // services by repository slug, team slug and chat channel.
            try db.execute(sql: """
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
                    VALUES (new.id, new.name, new.title, new.description, new.tags, \(searchExtra("new")));
                END;
                CREATE TRIGGER entity_search_delete AFTER DELETE ON entity BEGIN
                    DELETE FROM entitySearch WHERE rowid = old.id;
                END;
                CREATE TRIGGER entity_search_update AFTER UPDATE ON entity BEGIN
                    DELETE FROM entitySearch WHERE rowid = old.id;
                    INSERT INTO entitySearch(rowid, name, title, description, tags, extra)
                    VALUES (new.id, new.name, new.title, new.description, new.tags, \(searchExtra("new")));
                END;
                INSERT INTO entitySearch(rowid, name, title, description, tags, extra)
                SELECT id, name, title, description, tags, \(searchExtra("entity")) FROM entity;
                """)
        }

        migrator.registerMigration("commands v1: catalog views for declarative queries") { db in
            try db.execute(sql: CatalogViews.schema)
        }

        migrator.registerMigration("commands v1: hygiene findings") { db in
            try db.execute(sql: """
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
    }

    /// The `extra` search text computed from a stored body, for back-filling rows.
    static var searchExtraFromBody: String {
        searchExtra("entity")
    }

    /// The fields besides names, titles, descriptions and tags that search finds entities by.
    static let searchExtraPaths = [
        "$.spec.profile.displayName", "$.spec.profile.email",
        "$.metadata.annotations.\"github.com/project-slug\"", "$.metadata.annotations.\"github.com/team-slug\"",
        "$.metadata.annotations.\"slack.com/bot-notify\"", "$.metadata.annotations.\"backstage.io/kubernetes-id\"",
    ]

    /// The searchable annotation and profile values of an entity row named `row`, as SQL.
    private static func searchExtra(_ row: String) -> String {
        // `||` and coalesce rather than concat_ws, which older system SQLite libraries lack.
        searchExtraPaths.map { "coalesce(json_extract(\(row).body, '\($0)'), '')" }.joined(separator: " || ' ' || ")
    }
}
