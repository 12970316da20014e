import Catalog
import ChatOps
import Testing

@Suite("Declarative query commands: no Swift per command", .timeLimit(.minutes(3)))
struct DeclarativeCommandTests {
    @Test("/lifecycle deprecated lists deprecated components with their owners")
    func lifecycle() async throws {
        let store = try await DemoCatalog.store()
        let reply = try await DemoCatalog.ask("/lifecycle deprecated", store: store)
        let names = reply.data["rows"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
        #expect(names.contains("radio-station-service"))
        #expect(names.contains("legacy-invoice-job"))
        let radio = reply.data["rows"]?.arrayValue?.first { $0["name"] == "radio-station-service" }
        #expect(radio?["owner_missing"] == .number(1))
        guard case .header(let header)? = reply.blocks.first else { Issue.record("no header"); return }
        #expect(header == "\(names.count) deprecated components")
        #expect(PlainTextRenderer.render(reply).contains("owner group:default/team-legacy-radio (not in the catalog)"))
    }

    @Test("/lifecycle rejects a stage that is not in the spec's values")
    func lifecycleUsage() async throws {
        let store = try await DemoCatalog.store()
        let reply = try await DemoCatalog.ask("/lifecycle retired", store: store)
        #expect(reply.data["error"]?["kind"] == "usage")
        #expect(reply.summary.contains("Usage: /lifecycle STAGE"))
    }

    @Test("/orphans lists entities whose owner does not exist, optionally by kind")
    func orphans() async throws {
        let store = try await DemoCatalog.store()
        let reply = try await DemoCatalog.ask("/orphans", store: store)
        let rows = reply.data["rows"]?.arrayValue ?? []
        #expect(rows.contains { $0["name"] == "radio-station-service" && $0["owner_ref"] == "group:default/team-legacy-radio" })
        let apis = try await DemoCatalog.ask("/orphans api", store: store)
        #expect(apis.data["rows"]?.arrayValue?.contains { $0["name"] == "radio-station-service" } == false)
    }

    @Test("Rows beyond the row limit are counted as more")
    func rowLimit() async throws {
        let store = try await DemoCatalog.store()
        let spec = try CommandSpec.parse("""
            name: everything
            summary: every entity
            usage: /everything
            query:
              sql: SELECT ref FROM catalog_entities ORDER BY ref
              row_limit: 5
              template: |
                {{#rows}}
                - {{ref}}
                {{/rows}}
            """, file: "everything.yaml")
        let router = try CommandRouterBuilder().build(specs: [spec])
        let reply = await router.handle(Invocation(commandLine: "/everything"), context: DemoCatalog.context(store))
        let total = try await store.entityCount()
        #expect(reply.data["rows"]?.arrayValue?.count == 5)
        #expect(reply.data["more"] == .number(Double(total - 5)))
        guard case .list(_, let items, let more)? = reply.blocks.first else { Issue.record("no list"); return }
        #expect(items.count == 5)
        #expect(more == total - 5)
    }

    @Test("A query that writes is refused and the caller gets the generic apology")
    func writesAreRefused() async throws {
        let store = try await DemoCatalog.store()
        let spec = try CommandSpec.parse("""
            name: sneaky
            summary: tries to write
            usage: /sneaky
            query:
              sql: WITH x AS (SELECT 1) DELETE FROM entity
              template: done
            """, file: "sneaky.yaml")
        let router = try CommandRouterBuilder().build(specs: [spec])
        let reply = await router.handle(Invocation(commandLine: "/sneaky"), context: DemoCatalog.context(store))
        #expect(reply.data["error"]?["kind"] == "internal-error")
        #expect(try await store.entityCount() > 0)
    }
}
