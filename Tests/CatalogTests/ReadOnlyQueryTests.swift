import Catalog
import Testing

@Suite("Read-only queries over the catalog views", .timeLimit(.minutes(3)))
struct ReadOnlyQueryTests {
    @Test("The documented views exist on a fresh database and answer queries")
    func viewsExist() async throws {
        let store = try CatalogStore.inMemory()
        for view in CatalogViews.names {
            let rows = try await store.readOnlyQuery("SELECT count(*) AS n FROM \(view)", parameters: [:], rowLimit: 1, timeLimit: .seconds(5))
            #expect(rows.rows == [["n": .number(0)]])
        }
    }

    @Test("Named parameters are bound; parameters the SQL lacks are ignored, missing ones are NULL")
    func parameters() async throws {
        let store = try CatalogStore.inMemory()
        let rows = try await store.readOnlyQuery(
            "SELECT :name AS name, :depth + 1 AS next, :absent IS NULL AS absent, ':notaparam' AS literal",
            parameters: ["name": "playlist-api", "depth": .number(2), "unused": "x"], rowLimit: 10, timeLimit: .seconds(5))
        #expect(rows.columns == ["name", "next", "absent", "literal"])
        #expect(rows.rows == [["name": "playlist-api", "next": .number(3), "absent": .number(1), "literal": ":notaparam"]])
    }

    @Test("Statements that write are refused", arguments: [
        "DELETE FROM entity",
        "WITH x AS (SELECT 1) INSERT INTO catalogState (id, generation) SELECT 2, 0",
        "SELECT 1; DELETE FROM entity",
        "PRAGMA query_only = 0",
    ])
    func refusesWrites(_ sql: String) async throws {
        let store = try CatalogStore.inMemory()
        await #expect(throws: QueryError.self) {
            try await store.readOnlyQuery(sql, parameters: [:], rowLimit: 10, timeLimit: .seconds(5))
        }
        #expect(try await store.generation() == 0)
    }

    @Test("A query past its time limit is interrupted")
    func timeLimit() async throws {
        let store = try CatalogStore.inMemory()
        let endless = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
        await #expect(throws: QueryError.timedOut(.milliseconds(50))) {
            try await store.readOnlyQuery(endless, parameters: [:], rowLimit: 10, timeLimit: .milliseconds(50))
        }
    }

    @Test("Rows past the limit are counted, not returned")
    func rowLimit() async throws {
        let store = try CatalogStore.inMemory()
        let rows = try await store.readOnlyQuery(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 25) SELECT i FROM n",
            parameters: [:], rowLimit: 10, timeLimit: .seconds(5))
        #expect(rows.rows.count == 10)
        #expect(rows.more == 15)
    }
}

/// A clock whose every sleep has already ended: the time limit passes before the query can start.
struct ExpiredClock: Clock {
    var now: ContinuousClock.Instant { ContinuousClock.now }
    var minimumResolution: Duration { .zero }
    func sleep(until deadline: ContinuousClock.Instant, tolerance: Duration?) async throws {}
}

extension ReadOnlyQueryTests {
    @Test("A limit that passes before the query's first step still stops it, and the connection stays usable")
    func limitBeforeFirstStep() async throws {
        let store = try CatalogStore.inMemory()
        let endless = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
        // Many times over, so the expiry lands at every point of the query's start-up.
        for _ in 0..<200 {
            await #expect(throws: QueryError.timedOut(.milliseconds(1))) {
                try await store.readOnlyQuery(endless, parameters: [:], rowLimit: 10, timeLimit: .milliseconds(1), clock: ExpiredClock())
            }
        }
        let rows = try await store.readOnlyQuery("SELECT 1 AS one", parameters: [:], rowLimit: 1, timeLimit: .seconds(5))
        #expect(rows.rows == [["one": .number(1)]])
    }
}
