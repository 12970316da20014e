import Catalog
import Foundation
import GRDB

/// Template runs in SQLite: each run's parameters (secrets masked), status and output, and each
/// step's status, input, log and output, so `/template runs` can say what happened and a failed
/// run says which step failed and what it had done.
public struct ScaffolderStore: Sendable {
    private let writer: any DatabaseWriter

    /// Migrates `writer` and wraps it.
    public init(writer: any DatabaseWriter) throws {
        self.writer = writer
        try SchemaMigration.migrator(Self.migrations).migrate(writer)
    }

    /// The scaffolder's migrations, in order: literal SQL, frozen once shipped.
    public static let migrations = [
        SchemaMigration("scaffolder v1: runs and steps", sql: """
            CREATE TABLE scaffolderRun (
                id TEXT PRIMARY KEY,
                template TEXT NOT NULL,
                user TEXT,
                status TEXT NOT NULL,
                message TEXT,
                parameters TEXT NOT NULL,
                output TEXT NOT NULL,
                startedAt DOUBLE NOT NULL,
                finishedAt DOUBLE NOT NULL
            ) WITHOUT ROWID;
            CREATE INDEX scaffolderRun_template ON scaffolderRun(template, startedAt);
            CREATE INDEX scaffolderRun_startedAt ON scaffolderRun(startedAt);
            CREATE TABLE scaffolderRunStep (
                runID TEXT NOT NULL REFERENCES scaffolderRun(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                stepID TEXT NOT NULL,
                name TEXT,
                action TEXT NOT NULL,
                status TEXT NOT NULL,
                input TEXT,
                log TEXT NOT NULL,
                output TEXT NOT NULL,
                error TEXT,
                PRIMARY KEY (runID, position)
            ) WITHOUT ROWID;
            """),
    ]

    /// A kept run, as `/template runs` lists it.
    public struct RunRecord: Sendable, Hashable {
        /// The run's id.
        public var id: String
        /// The template's name.
        public var template: String
        /// Who ran it.
        public var user: String?
        /// `ok`, `invalid` or `failed`.
        public var status: String
        /// Why it failed.
        public var message: String?
        /// The parameters, secrets masked.
        public var parameters: JSONValue
        /// The rendered output.
        public var output: JSONValue
        /// When it started.
        public var startedAt: Date
        /// When it ended.
        public var finishedAt: Date
        /// Its steps.
        public var steps: [StepRecord]
    }

    /// A kept step.
    public struct StepRecord: Sendable, Hashable {
        /// The template's step id.
        public var id: String
        /// The action.
        public var action: String
        /// How it ended.
        public var status: String
        /// Its log.
        public var log: [String]
        /// Its output.
        public var output: JSONValue
        /// Why it failed.
        public var error: String?
    }

    /// Keeps `run` (its values were masked by the runner).
    public func record(_ run: RunResult) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO scaffolderRun (id, template, user, status, message, parameters, output, startedAt, finishedAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    run.id, run.template, run.user, run.status.rawValue, run.message, TemplateValues.json(run.parameters),
                    TemplateValues.json(run.output), run.startedAt.timeIntervalSince1970, run.finishedAt.timeIntervalSince1970,
                ])
            for (position, step) in run.steps.enumerated() {
                try db.execute(
                    sql: """
                        INSERT OR REPLACE INTO scaffolderRunStep (runID, position, stepID, name, action, status, input, log, output, error)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        run.id, position, step.id, step.name, step.action, step.status.rawValue, step.input.map { TemplateValues.json($0) },
                        TemplateValues.json(.array(step.log.map(JSONValue.string))), TemplateValues.json(step.output), step.error,
                    ])
            }
        }
    }

    /// The latest runs, newest first, of one template or of all.
    public func runs(template: String? = nil, limit: Int = 20) async throws -> [RunRecord] {
        try await writer.read { db in
            let rows: [Row]
            if let template {
                rows = try Row.fetchAll(
                    db, sql: "SELECT * FROM scaffolderRun WHERE template = ? ORDER BY startedAt DESC LIMIT ?", arguments: [template, limit])
            } else {
                rows = try Row.fetchAll(db, sql: "SELECT * FROM scaffolderRun ORDER BY startedAt DESC LIMIT ?", arguments: [limit])
            }
            return try rows.map { row in
                let id: String = row["id"]
                let steps = try Row.fetchAll(db, sql: "SELECT * FROM scaffolderRunStep WHERE runID = ? ORDER BY position", arguments: [id]).map { step in
                    StepRecord(
                        id: step["stepID"], action: step["action"], status: step["status"],
                        log: ((try? JSONValue(parsingJSON: step["log"]))?.arrayValue ?? []).compactMap(\.stringValue),
                        output: (try? JSONValue(parsingJSON: step["output"])) ?? .object([:]), error: step["error"])
                }
                return RunRecord(
                    id: id, template: row["template"], user: row["user"], status: row["status"], message: row["message"],
                    parameters: (try? JSONValue(parsingJSON: row["parameters"])) ?? .object([:]),
                    output: (try? JSONValue(parsingJSON: row["output"])) ?? .object([:]),
                    startedAt: Date(timeIntervalSince1970: row["startedAt"]), finishedAt: Date(timeIntervalSince1970: row["finishedAt"]), steps: steps)
            }
        }
    }
}
