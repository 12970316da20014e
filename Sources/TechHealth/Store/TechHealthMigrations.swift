import Catalog

/// The tech-health tables, as named migrations whose SQL is frozen once shipped (a test holds each
/// one's hash). A change to the schema is a new migration appended to ``all``.
enum TechHealthMigrations {
    /// Every tech-health migration, in the order they run.
    static let all: [SchemaMigration] = [harvestV1, registryCacheV2, caseInsensitiveIndexesV3]

    /// What each component's harvest found, the parsed manifests cached by content hash (so an
    /// unchanged file is not parsed again), the dependencies and runtimes flattened for heat maps,
    /// and scorecard results kept per component per day for trends.
    static let harvestV1 = SchemaMigration("health v1: harvests, manifest cache, scorecard results", sql: """
        CREATE TABLE healthComponent (
            entityRef TEXT PRIMARY KEY,     -- the Component
            folder TEXT,                    -- where its sources were read; NULL when they could not be
            harvestedAt DOUBLE NOT NULL,
            harvest TEXT NOT NULL,          -- JSON ManifestHarvest, merged across its files
            docs TEXT,                      -- JSON DocsFreshness, when it has TechDocs
            sourceProblem TEXT,             -- why its sources could not be read
            workTreeHead TEXT               -- the git commit its folder was at, to skip unchanged docs checks
        ) WITHOUT ROWID;

        CREATE TABLE healthManifestFile (
            entityRef TEXT NOT NULL,
            path TEXT NOT NULL,             -- relative to the component folder
            contentHash TEXT NOT NULL,      -- SHA-256 of the bytes parsed
            parsed TEXT NOT NULL,           -- JSON ParsedManifest
            PRIMARY KEY (entityRef, path)
        ) WITHOUT ROWID;

        CREATE TABLE healthDependency (
            entityRef TEXT NOT NULL,
            ecosystem TEXT NOT NULL,
            name TEXT NOT NULL,
            declared TEXT,
            version TEXT,
            direct INTEGER NOT NULL,
            file TEXT NOT NULL,
            line INTEGER,
            scope TEXT
        );
        CREATE INDEX healthDependency_package ON healthDependency(ecosystem, name);
        CREATE INDEX healthDependency_entity ON healthDependency(entityRef);

        CREATE TABLE healthRuntime (
            entityRef TEXT NOT NULL,
            runtime TEXT NOT NULL,
            version TEXT NOT NULL,
            file TEXT NOT NULL,
            line INTEGER
        );
        CREATE INDEX healthRuntime_runtime ON healthRuntime(runtime);
        CREATE INDEX healthRuntime_entity ON healthRuntime(entityRef);

        CREATE TABLE healthScorecardResult (
            entityRef TEXT NOT NULL,
            day TEXT NOT NULL,              -- YYYY-MM-DD, UTC
            scorecard TEXT NOT NULL,        -- the scorecard's id
            level TEXT,                     -- the highest level reached; NULL for none
            passed INTEGER NOT NULL,
            failed INTEGER NOT NULL,
            checks TEXT NOT NULL,           -- JSON list of check results
            PRIMARY KEY (entityRef, scorecard, day)
        ) WITHOUT ROWID;
        CREATE INDEX healthScorecardResult_day ON healthScorecardResult(day);
        """)

    /// Release data fetched from registries, per (ecosystem, package, registry), with when it was
    /// fetched (for the TTL) and when it was last tried (so an outage is not retried on every
    /// lookup); the last good answer stays when a later attempt fails.
    static let registryCacheV2 = SchemaMigration("health v2: registry cache", sql: """
        CREATE TABLE healthRegistryCache (
            ecosystem TEXT NOT NULL,
            name TEXT NOT NULL,             -- the canonical package name
            baseURL TEXT NOT NULL,          -- the registry asked
            fetchedAt DOUBLE,               -- the last answer; NULL when none has come yet
            found INTEGER NOT NULL,         -- whether that answer knew the package
            releases TEXT,                  -- JSON list of releases of that answer
            checkedAt DOUBLE NOT NULL,      -- the last attempt, answered or not
            problem TEXT,                   -- why the last attempt failed; NULL when it was answered
            PRIMARY KEY (ecosystem, name, baseURL)
        ) WITHOUT ROWID;
        """)

    /// `/health heatmap NAME` looks packages and runtimes up without regard to case; the v1 indexes
    /// use binary collation (and lead with the ecosystem), so those lookups scanned every row.
    static let caseInsensitiveIndexesV3 = SchemaMigration("health v3: case-insensitive package and runtime indexes", sql: """
        CREATE INDEX healthDependency_name_nocase ON healthDependency(name COLLATE NOCASE);
        CREATE INDEX healthRuntime_runtime_nocase ON healthRuntime(runtime COLLATE NOCASE);
        """)
}
