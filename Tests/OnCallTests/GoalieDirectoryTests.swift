@testable import BacklineServer
import Catalog
import Foundation
import NIOCore
import OnCall
import Secrets
import Testing

@Suite("Goalies, overrides and pagers", .timeLimit(.minutes(3)))
struct GoalieDirectoryTests {
    static let playlists = EntityRef(kind: "group", name: "playlists")
    static let monday = ISO8601DateFormatter().date(from: "2026-03-25T12:00:00Z")!

    static func rotation(pager: PagerTarget? = nil) -> Rotation {
        Rotation(
            team: "playlists", members: ["priya.raman", "sofia.lindqvist", "liam.oconnor"], handoff: Handoff(weekday: 2, hour: 9, minute: 0),
            timeZone: TimeZone(identifier: "Europe/Stockholm")!, anchor: DateComponents(year: 2026, month: 1, day: 5), pager: pager)
    }

    @Test("the rotation names the goalie from the catalog, with the next hand-off and who takes over")
    func fromRotation() async throws {
        let directory = GoalieDirectory(rotations: [Self.rotation()], catalog: try await DemoCatalog.store(), store: try .inMemory())
        let status = try #require(try await directory.status(team: Self.playlists, at: Self.monday))
        // Shift 11 (from 23 March): 11 % 3 = 2 → liam.oconnor; then priya.raman.
        #expect(status.goalie?.name == "Liam O'Connor")
        #expect(status.goalie?.chatUserID == "U01H82W8LB")
        #expect(status.nextHandoff == ISO8601DateFormatter().date(from: "2026-03-30T07:00:00Z"))
        #expect(status.nextGoalie?.name == "Priya Raman")
        #expect(status.source == .rotation)
        #expect(try await directory.status(team: EntityRef(kind: "group", name: "data-platform"), at: Self.monday) == nil)
    }

    @Test("an override wins until it ends, is planned into the next hand-off, and can be cleared")
    func overrides() async throws {
        let store = try OnCallStore.inMemory()
        let directory = GoalieDirectory(rotations: [Self.rotation()], catalog: try await DemoCatalog.store(), store: store)
        let until = Self.monday.addingTimeInterval(86_400)
        try await store.addOverride(team: Self.playlists.description, member: "sofia.lindqvist", from: Self.monday, until: until, createdBy: "U1")
        let during = try #require(try await directory.status(team: Self.playlists, at: Self.monday.addingTimeInterval(60)))
        #expect(during.goalie?.name == "Sofia Lindqvist")
        #expect(during.source == .override)
        #expect(during.overrideUntil == until)
        #expect(during.nextGoalie?.name == "Liam O'Connor")
        let after = try #require(try await directory.status(team: Self.playlists, at: until))
        #expect(after.goalie?.name == "Liam O'Connor")
        #expect(try await directory.nextChange(after: Self.monday.addingTimeInterval(60)) == until)

        try await store.addOverride(team: Self.playlists.description, member: "sofia.lindqvist", from: Self.monday, until: until, createdBy: "U1")
        #expect(try await store.clearOverrides(team: Self.playlists.description, at: Self.monday.addingTimeInterval(120)) == 2)
        let cleared = try #require(try await directory.status(team: Self.playlists, at: Self.monday.addingTimeInterval(180)))
        #expect(cleared.goalie?.name == "Liam O'Connor")
    }

    @Test("a sub-second pager timeout is kept: 500 ms is not rounded down to nothing")
    func subSecondTimeout() {
        // Checked on the value handed to the HTTP client, not by racing a real request against the
        // clock (which would measure the machine's load). Before NIO's own conversion, 500 ms became 0.
        #expect(AsyncHTTPPagerTransport.timeAmount(.milliseconds(500)) == .milliseconds(500))
        #expect(AsyncHTTPPagerTransport.timeAmount(.milliseconds(1500)) == .milliseconds(1500))
    }

    @Test("PagerDuty names the goalie, the answer is cached, and when PagerDuty is down the last known goalie is shown with its age")
    func pagerDutyDown() async throws {
        try await FakePager.withRunning { pager in
            pager.answer(PagerFixtures.pagerDutyOncalls(name: "Priya Raman", email: "priya.raman@tempo.example"))
            let client = PagerDutyClient(baseURL: pager.baseURL, token: Secret("pd-token"), transport: AsyncHTTPPagerTransport())
            let directory = GoalieDirectory(
                rotations: [Self.rotation(pager: .pagerDutySchedule("PI7DH85"))], catalog: try await DemoCatalog.store(), store: try .inMemory(),
                pagers: [client], cacheTTL: 60)

            let first = try #require(try await directory.status(team: Self.playlists, at: Self.monday))
            #expect(first.goalie?.name == "Priya Raman")
            #expect(first.goalie?.chatUserID == "U07X8D8EQ65")
            #expect(first.source == .pagerDuty)
            #expect(first.lastKnownAt == nil)
            #expect(first.nextHandoff == ISO8601DateFormatter().date(from: "2026-03-30T07:00:00Z"))
            let request = try #require(pager.received.first)
            #expect(request.path == "/oncalls")
            #expect(request.query.contains("schedule_ids%5B%5D=PI7DH85"))
            #expect(request.query.contains("include%5B%5D=users"))
            #expect(request.authorization == "Token token=pd-token")

            // Within the time-to-live nobody asks PagerDuty again.
            _ = try await directory.status(team: Self.playlists, at: Self.monday.addingTimeInterval(30))
            #expect(pager.received.count == 1)

            pager.answer(status: 503, #"{"error":{"message":"Service Unavailable","code":2001}}"#)
            let later = Self.monday.addingTimeInterval(12 * 60)
            let stale = try #require(try await directory.status(team: Self.playlists, at: later))
            #expect(pager.received.count == 2)
            #expect(stale.goalie?.name == "Priya Raman")
            #expect(stale.lastKnownAt == Self.monday)
            #expect(stale.problem?.contains("PagerDuty could not be reached") == true)
        }
    }

    @Test("a service's PagerDuty service id finds its escalation policy's first level")
    func pagerDutyService() async throws {
        try await FakePager.withRunning { pager in
            pager.answer(path: "/services/PL8X2ZC", PagerFixtures.pagerDutyService)
            pager.answer(PagerFixtures.pagerDutyOncalls(name: "Priya Raman", email: "priya.raman@tempo.example"))
            let client = PagerDutyClient(baseURL: pager.baseURL, token: Secret("pd-token"), transport: AsyncHTTPPagerTransport())
            let answer = try #require(try await client.onCall(.pagerDutyService("PL8X2ZC")))
            // The first escalation level, not the first entry of the list.
            #expect(answer.name == "Priya Raman")
            #expect(answer.scheduleName == "Playlists goalie")
            #expect(pager.received.map(\.path) == ["/services/PL8X2ZC", "/oncalls"])
            #expect(pager.received.last?.query.contains("escalation_policy_ids%5B%5D=PT20YPA") == true)
        }
    }

    @Test("Opsgenie names the on-call user of a schedule, by name, with GenieKey auth")
    func opsgenie() async throws {
        try await FakePager.withRunning { pager in
            pager.answer(PagerFixtures.opsgenieOnCalls(username: "sofia.lindqvist@tempo.example"))
            let client = OpsgenieClient(baseURL: pager.baseURL, apiKey: Secret("og-key"), transport: AsyncHTTPPagerTransport())
            let directory = GoalieDirectory(
                rotations: [Self.rotation(pager: .opsgenieSchedule("playlists_schedule"))], catalog: try await DemoCatalog.store(),
                store: try .inMemory(), pagers: [client])
            let status = try #require(try await directory.status(team: Self.playlists, at: Self.monday))
            #expect(status.goalie?.name == "Sofia Lindqvist")
            #expect(status.source == .opsgenie)
            let request = try #require(pager.received.first)
            #expect(request.path == "/v2/schedules/playlists_schedule/on-calls")
            #expect(request.query.contains("scheduleIdentifierType=name"))
            #expect(request.authorization == "GenieKey og-key")
        }
    }

    @Test("a pager that never answered falls back to the rotation file and says so")
    func neverAnswered() async throws {
        try await FakePager.withRunning { pager in
            pager.answer(status: 500, "oops")
            let directory = GoalieDirectory(
                rotations: [Self.rotation(pager: .pagerDutySchedule("P1"))], catalog: try await DemoCatalog.store(), store: try .inMemory(),
                pagers: [PagerDutyClient(baseURL: pager.baseURL, token: Secret("t"), transport: AsyncHTTPPagerTransport())])
            let status = try #require(try await directory.status(team: Self.playlists, at: Self.monday))
            #expect(status.goalie?.name == "Liam O'Connor")
            #expect(status.source == .rotation)
            #expect(status.problem?.contains("never answered") == true)
        }
    }
}
