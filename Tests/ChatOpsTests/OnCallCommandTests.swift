import Catalog
import ChatOps
import Foundation
import Logging
import OnCall
import Testing

/// A pager that is down, for the last-known path.
struct DownPager: PagerClient {
    func handles(_ target: PagerTarget) -> Bool { true }
    func onCall(_ target: PagerTarget) async throws -> PagerOnCall? { throw PagerError(pager: "PagerDuty", reason: "unreachable") }
}

enum OnCallFixtures {
    /// Wednesday 25 March 2026, 12:00 UTC: shift 11 of a rotation anchored on Monday 5 January.
    static let now = ISO8601DateFormatter().date(from: "2026-03-25T12:00:00Z")!

    static let playlists = Rotation(
        team: "playlists", members: ["priya.raman", "sofia.lindqvist", "liam.oconnor"], handoff: Handoff(weekday: 2, hour: 9, minute: 0),
        timeZone: TimeZone(identifier: "Europe/Stockholm")!, anchor: DateComponents(year: 2026, month: 1, day: 5))
    static let playback = Rotation(
        team: "playback", members: ["kenji.watanabe", "amara.okafor", "maria.gonzalez"], handoff: Handoff(weekday: 2, hour: 9, minute: 0),
        timeZone: TimeZone(identifier: "Europe/Stockholm")!, anchor: DateComponents(year: 2026, month: 1, day: 5))
    static let searchDiscovery = Rotation(
        team: "search-discovery", members: ["aisha.rahman", "diego.fernandez", "hana.kim"], handoff: Handoff(weekday: 3, hour: 10, minute: 0),
        timeZone: TimeZone(identifier: "America/New_York")!, anchor: DateComponents(year: 2026, month: 1, day: 6))

    static func directory(_ catalog: CatalogStore, store: OnCallStore? = nil, pagers: [any PagerClient] = [], rotations: [Rotation]? = nil) throws -> GoalieDirectory {
        GoalieDirectory(rotations: rotations ?? [playlists, playback, searchDiscovery], catalog: catalog, store: try store ?? .inMemory(), pagers: pagers)
    }

    static func router(_ goalies: GoalieDirectory, desk: IncidentDesk? = nil) throws -> CommandRouter {
        let specs = try DemoCatalog.specs()
        var builder = CommandRouterBuilder()
        builder.register("owner", OwnerCommand(goalies: goalies))
        builder.register("help", HelpCommand(specs: { specs }))
        for (id, handler) in [("whois", WhoisCommand()), ("search", SearchCommand()), ("deps", DepsCommand()), ("apis", ApisCommand()), ("docs", DocsCommand()), ("catalog", CatalogCommand()), ("health", HealthCommand(store: nil, measurer: nil)), ("template", TemplateCommand(desk: nil))] as [(String, any CommandHandler)] {
            builder.register(id, handler)
        }
        builder.register("oncall", OnCallCommand(goalies: goalies))
        builder.register("incident", IncidentCommand(desk: desk))
        builder.register("alerts", NoAlerts())
        return try builder.build(specs: specs)
    }

    /// `/alerts` is the server's (its store is); these tests never run it.
    struct NoAlerts: CommandHandler {
        func run(_ invocation: Invocation, spec: CommandSpec, context: CommandContext) async throws -> Reply {
            Reply(summary: "no alerts here", blocks: [], data: .null)
        }
    }

    static func ask(_ line: String, _ router: CommandRouter, catalog: CatalogStore, caller: Caller = .anonymous, channel: String? = nil, at date: Date = now) async -> Reply {
        var invocation = Invocation(commandLine: line, caller: caller, source: .cli)
        invocation.channelID = channel
        return await router.handle(invocation, context: CommandContext(catalog: catalog, logger: Logger(label: "test"), now: { date }))
    }
}

@Suite("/oncall and the goalie in /owner", .timeLimit(.minutes(3)))
struct OnCallCommandTests {
    @Test("/oncall TEAM names the goalie, the next hand-off in the team's zone, and the team channel first")
    func team() async throws {
        let catalog = try await DemoCatalog.store()
        let router = try OnCallFixtures.router(try OnCallFixtures.directory(catalog))
        let reply = await OnCallFixtures.ask("/oncall playlists", router, catalog: catalog)
        #expect(reply.summary == "Liam O'Connor is goalie for Playlists; team channel #squad-playlists")
        let text = PlainTextRenderer.render(reply)
        #expect(text.contains("Mon 30 Mar 09:00"))
        #expect(text.contains("Priya Raman"))
        #expect(text.contains("@playlists-goalie"))
        #expect(reply.data["goalie"]?["goalie"]?["chatUserID"]?.stringValue == "U01H82W8LB")
        #expect(reply.data["channel"]?.stringValue == "#squad-playlists")
    }

    @Test("/oncall SERVICE answers with the owning team's goalie; a team without rotation points to its channel")
    func service() async throws {
        let catalog = try await DemoCatalog.store()
        let router = try OnCallFixtures.router(try OnCallFixtures.directory(catalog))
        let reply = await OnCallFixtures.ask("/oncall playlist-api", router, catalog: catalog)
        #expect(reply.summary.hasPrefix("Liam O'Connor is goalie for Playlists"))
        #expect(reply.data["service"]?.stringValue == "component:default/playlist-api")
        let none = await OnCallFixtures.ask("/oncall data-platform", router, catalog: catalog)
        #expect(none.summary == "Data Platform has no goalie rotation; reach the team in #squad-data-platform")
    }

    @Test("/oncall override sets a stand-in until a time in the team's zone; clear ends it")
    func override() async throws {
        let catalog = try await DemoCatalog.store()
        let router = try OnCallFixtures.router(try OnCallFixtures.directory(catalog))
        let set = await OnCallFixtures.ask("/oncall override <@U010J46LS1M|sofia> --until 2026-03-27T18:00", router, catalog: catalog)
        #expect(set.summary.hasPrefix("Sofia Lindqvist is goalie for playlists until Fri 27 Mar 18:00"))
        #expect(set.data["until"]?.stringValue == "2026-03-27T17:00:00Z")
        let now = await OnCallFixtures.ask("/oncall playlists", router, catalog: catalog, at: OnCallFixtures.now.addingTimeInterval(60))
        #expect(now.summary.hasPrefix("Sofia Lindqvist is goalie"))
        let clear = await OnCallFixtures.ask("/oncall override clear --team playlists", router, catalog: catalog, at: OnCallFixtures.now.addingTimeInterval(120))
        #expect(clear.summary.hasPrefix("Cleared 1 override(s) for playlists"))
        let past = await OnCallFixtures.ask("/oncall override @sofia.lindqvist --until 2026-01-01T09:00", router, catalog: catalog)
        #expect(past.data["error"]?["kind"]?.stringValue == "usage")
    }

    @Test("/owner's answer includes the goalie, in the JSON and the layout")
    func ownerShowsGoalie() async throws {
        let catalog = try await DemoCatalog.store()
        let router = try OnCallFixtures.router(try OnCallFixtures.directory(catalog))
        let reply = await OnCallFixtures.ask("/owner playlist-api", router, catalog: catalog)
        #expect(reply.data["matches"]?.arrayValue?.first?["goalie"]?["goalie"]?["name"]?.stringValue == "Liam O'Connor")
        #expect(PlainTextRenderer.render(reply).contains("Goalie:"))
    }

    @Test("when the pager is down, /oncall shows the last known goalie and how old that answer is")
    func pagerDown() async throws {
        let catalog = try await DemoCatalog.store()
        let store = try OnCallStore.inMemory()
        var rotation = OnCallFixtures.playlists
        rotation.pager = .pagerDutySchedule("PI7DH85")
        let fetched = OnCallFixtures.now.addingTimeInterval(-25 * 60)
        try await store.rememberPagerAnswer(
            PagerOnCall(name: "Priya Raman", email: "priya.raman@tempo.example"), key: rotation.pager!.key, at: fetched)
        let router = try OnCallFixtures.router(try OnCallFixtures.directory(catalog, store: store, pagers: [DownPager()], rotations: [rotation]))
        let reply = await OnCallFixtures.ask("/oncall playlists", router, catalog: catalog)
        #expect(reply.summary == "Priya Raman is goalie for Playlists (last known, 25 min old); team channel #squad-playlists")
        #expect(PlainTextRenderer.render(reply).contains("Last known goalie as of 25 min ago"))
        #expect(reply.data["lastKnownAgeSeconds"] == .number(1500))
    }
}
