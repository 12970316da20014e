extension CatalogMigrations {
    /// The change feed (what each refresh changed, with its time and commit), the handovers
    /// already announced (so each is posted once, across restarts), and each source's last refresh.
    static let changeFeedV3 = SchemaMigration("catalog v3: change feed and source status", sql: """
        CREATE TABLE catalogChange (
            id INTEGER PRIMARY KEY,
            recordedAt DOUBLE NOT NULL,     -- when the refresh that saw it ran
            source TEXT NOT NULL,           -- the catalog source, as configured
            commitID TEXT,                  -- the source's commit, for git sources
            kind TEXT NOT NULL,             -- added, removed, owner-changed, renamed, moved, lifecycle-changed
            entityRef TEXT NOT NULL,        -- the entity (after a rename, its new ref)
            entityKind TEXT NOT NULL,
            previousRef TEXT,               -- before a rename
            ownerBefore TEXT,
            ownerAfter TEXT,
            valueBefore TEXT,               -- lifecycle, or the file before a move
            valueAfter TEXT
        );
        CREATE INDEX catalogChange_recordedAt ON catalogChange(recordedAt);
        CREATE INDEX catalogChange_ownerBefore ON catalogChange(ownerBefore, recordedAt);
        CREATE INDEX catalogChange_ownerAfter ON catalogChange(ownerAfter, recordedAt);

        CREATE TABLE catalogChangeAnnouncement (
            changeID INTEGER NOT NULL REFERENCES catalogChange(id) ON DELETE CASCADE,
            team TEXT NOT NULL,             -- the team told
            channel TEXT NOT NULL,          -- where it was posted
            postedAt DOUBLE NOT NULL,
            PRIMARY KEY (changeID, team)
        ) WITHOUT ROWID;

        CREATE TABLE catalogSourceStatus (
            source TEXT PRIMARY KEY,        -- the catalog source, as configured
            lastAttemptAt DOUBLE NOT NULL,
            lastSuccessAt DOUBLE,
            commitID TEXT,                  -- the commit last read, for git sources
            durationSeconds DOUBLE NOT NULL,
            entityCount INTEGER NOT NULL,
            problems TEXT NOT NULL,         -- JSON list of the last refresh's errors (at most 20)
            problemCount INTEGER NOT NULL,
            failure TEXT                    -- why the last refresh failed; NULL when it succeeded
        ) WITHOUT ROWID;
        """)
}
