import GRDB

/// The catalog's schema, as named migrations whose SQL is frozen once shipped: every statement is
/// a literal here, never computed from code that could change later, and a test holds each one's
/// hash. A change to the schema is a new migration appended to ``all``.
enum CatalogMigrations {
    /// Every catalog migration, in the order they run.
    static let all: [SchemaMigration] = [
        entitiesV1, chatUserLookupV1, searchExtraV1, queryViewsV1, findingsV1, headlineColumnsV2, changeFeedV3,
    ]

    static var migrator: DatabaseMigrator { SchemaMigration.migrator(all) }

    /// Entities, relations, source files, the shadowed definitions and full-text search.
    static let entitiesV1 = SchemaMigration("catalog v1: entities, relations, sources, search", sql: """
        CREATE TABLE catalogSourceFile (
            path TEXT PRIMARY KEY,          -- where the file was read from (absolute path, or git URL + path)
            root TEXT NOT NULL,             -- the ingest root it was found under
            size INTEGER NOT NULL,
            modifiedAt DOUBLE NOT NULL,
            contentHash TEXT,               -- NULL while the file has errors, so it is read again
            locationTargets TEXT NOT NULL,  -- JSON list of files and globs its Location entities name
            ingestedAt DOUBLE NOT NULL
        );
        CREATE INDEX catalogSourceFile_root ON catalogSourceFile(root);

        CREATE TABLE entity (
            id INTEGER PRIMARY KEY,
            ref TEXT NOT NULL UNIQUE,       -- canonical kind:namespace/name, lower-case
            kind TEXT NOT NULL,             -- lower-case
            namespace TEXT NOT NULL,
            name TEXT NOT NULL,             -- lower-case, for case-insensitive lookups
            title TEXT,
            description TEXT,
            tags TEXT NOT NULL,             -- space-separated, for search
            specType TEXT,
            lifecycle TEXT,
            ownerRef TEXT,
            body TEXT NOT NULL,             -- the entity as JSON
            sourcePath TEXT NOT NULL,
            document INTEGER NOT NULL,
            line INTEGER NOT NULL
        );
        CREATE INDEX entity_name ON entity(name);
        CREATE INDEX entity_sourcePath ON entity(sourcePath);
        CREATE INDEX entity_ownerRef ON entity(ownerRef);
        CREATE INDEX entity_kind ON entity(kind);

        -- Other definitions of an entity that a file sorting earlier already defines: kept
        -- so the next one takes over, without re-reading files, when the winner goes away.
        CREATE TABLE shadowedEntity (
            ref TEXT NOT NULL,
            sourcePath TEXT NOT NULL,
            body TEXT NOT NULL,
            relations TEXT NOT NULL,
            document INTEGER NOT NULL,
            line INTEGER NOT NULL,
            PRIMARY KEY (ref, sourcePath)
        ) WITHOUT ROWID;
        CREATE INDEX shadowedEntity_sourcePath ON shadowedEntity(sourcePath);

        -- Both directions of every relation, tagged with the entity whose spec declared it.
        CREATE TABLE relation (
            sourceRef TEXT NOT NULL,
            type TEXT NOT NULL,
            targetRef TEXT NOT NULL,
            originRef TEXT NOT NULL,
            PRIMARY KEY (sourceRef, type, targetRef, originRef)
        ) WITHOUT ROWID;
        CREATE INDEX relation_originRef ON relation(originRef);
        CREATE INDEX relation_targetRef ON relation(targetRef, type);

        CREATE VIRTUAL TABLE entitySearch USING fts5(
            name, title, description, tags,
            tokenize = 'unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER entity_search_insert AFTER INSERT ON entity BEGIN
            INSERT INTO entitySearch(rowid, name, title, description, tags)
            VALUES (new.id, new.name, new.title, new.description, new.tags);
        END;
        CREATE TRIGGER entity_search_delete AFTER DELETE ON entity BEGIN
            DELETE FROM entitySearch WHERE rowid = old.id;
        END;
        CREATE TRIGGER entity_search_update AFTER UPDATE ON entity BEGIN
            DELETE FROM entitySearch WHERE rowid = old.id;
            INSERT INTO entitySearch(rowid, name, title, description, tags)
            VALUES (new.id, new.name, new.title, new.description, new.tags);
        END;

        CREATE TABLE catalogState (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            generation INTEGER NOT NULL
        );
        INSERT INTO catalogState (id, generation) VALUES (1, 0);
        """)

    /// Lists (a team's hundreds of services, search results) and the search index read these fields
    /// for every row; as columns written at ingest they cost nothing to read, where json_extract
    /// parsed the whole body each time. Search ranks by FTS5's own configured rank. The back-fill
    /// of `searchExtra` spells out ``SearchExtraField`` as it was when this shipped.
    static let headlineColumnsV2 = SchemaMigration("catalog v2: headline columns", sql: """
        ALTER TABLE entity ADD COLUMN writtenName TEXT;
        ALTER TABLE entity ADD COLUMN profileName TEXT;
        ALTER TABLE entity ADD COLUMN chatUserID TEXT;
        ALTER TABLE entity ADD COLUMN chatChannel TEXT;
        ALTER TABLE entity ADD COLUMN searchExtra TEXT NOT NULL DEFAULT '';
        UPDATE entity SET
            writtenName = json_extract(body, '$.metadata.name'),
            profileName = json_extract(body, '$.spec.profile.displayName'),
            chatUserID = json_extract(body, '$.metadata.annotations."slack.com/user_id"'),
            chatChannel = json_extract(body, '$.metadata.annotations."slack.com/bot-notify"'),
            searchExtra = coalesce(json_extract(entity.body, '$.spec.profile.displayName'), '') || ' ' || coalesce(json_extract(entity.body, '$.spec.profile.email'), '') || ' ' || coalesce(json_extract(entity.body, '$.metadata.annotations."github.com/project-slug"'), '') || ' ' || coalesce(json_extract(entity.body, '$.metadata.annotations."github.com/team-slug"'), '') || ' ' || coalesce(json_extract(entity.body, '$.metadata.annotations."slack.com/bot-notify"'), '') || ' ' || coalesce(json_extract(entity.body, '$.metadata.annotations."backstage.io/kubernetes-id"'), '');
        CREATE INDEX entity_chatUserID ON entity(chatUserID) WHERE chatUserID IS NOT NULL;
        DROP TRIGGER entity_search_insert;
        DROP TRIGGER entity_search_update;
        CREATE TRIGGER entity_search_insert AFTER INSERT ON entity BEGIN
            INSERT INTO entitySearch(rowid, name, title, description, tags, extra)
            VALUES (new.id, new.name, new.title, new.description, new.tags, new.searchExtra);
        END;
        CREATE TRIGGER entity_search_update AFTER UPDATE ON entity BEGIN
            DELETE FROM entitySearch WHERE rowid = old.id;
            INSERT INTO entitySearch(rowid, name, title, description, tags, extra)
            VALUES (new.id, new.name, new.title, new.description, new.tags, new.searchExtra);
        END;
        -- Search ranks by FTS5's own rank (names weigh most, then titles, tags, the
        -- rest), which FTS5 sorts internally instead of ranking every row in SQL.
        INSERT INTO entitySearch(entitySearch, rank) VALUES ('rank', 'bm25(10.0, 5.0, 1.0, 3.0, 1.0)');
        """)

    static func generation(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT generation FROM catalogState WHERE id = 1") ?? 0
    }

    static func bumpGeneration(_ db: Database) throws {
        try db.execute(sql: "UPDATE catalogState SET generation = generation + 1 WHERE id = 1")
    }
}
