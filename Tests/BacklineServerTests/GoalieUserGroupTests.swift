import BacklineServer
import Catalog
import Foundation
import Logging
import OnCall
import Slack
import SlackTesting
import Testing

@Suite("Goalie user groups", .timeLimit(.minutes(3)))
struct GoalieUserGroupTests {
    @Test("the group is created with the goalie, and handed to the next goalie when the clock reaches the hand-off")
    func handOff() async throws {
        try await FakeSlack.withRunning { fake in
            let database = try BacklineDatabase.open(path: nil)
            _ = try await CatalogIngester(store: database.catalog).ingest([.path(TestServer.repositoryRoot.appendingPathComponent("config/catalog").path)])
            // Daily hand-off at 09:00 UTC; the test starts at 08:00 on the anchor day.
            let rotation = Rotation(
                team: "playlists", members: ["priya.raman", "sofia.lindqvist"], handoff: Handoff(weekday: 2, hour: 9, minute: 0),
                timeZone: TimeZone(identifier: "UTC")!, shiftDays: 1, anchor: DateComponents(year: 2026, month: 1, day: 5))
            let start = ISO8601DateFormatter().date(from: "2026-01-06T08:00:00Z")!
            let goalies = GoalieDirectory(rotations: [rotation], catalog: database.catalog, store: database.oncall)
            let webAPI = SlackWebAPIClient(baseURL: fake.apiBaseURL, token: SlackToken(fake.botToken), rateLimits: .unlimited)
            let groups = GoalieUserGroups(goalies: goalies, catalog: database.catalog, webAPI: webAPI, logger: Logger(label: "test"))
            let clock = ManualClock()
            let service = GoalieUserGroupService(
                groups: groups, clock: clock,
                now: { start.addingTimeInterval(Double(clock.now.offset.components.seconds)) }, logger: Logger(label: "test"))

            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await service.run() }
                defer { group.cancelAll() }
                // Shift 0 (5 January 09:00 to 6 January 09:00) is priya's; shift 1 is sofia's.
                let first = try await fake.calls.first("first update") { $0.method == "usergroups.users.update" }
                #expect(first[string: "users"] == "U07X8D8EQ65")
                let created = try #require(fake.calls.elements.first { $0.method == "usergroups.create" })
                #expect(created[string: "handle"] == "playlists-goalie")
                #expect(created[string: "name"] == "Playlists goalie")

                let wait = try await clock.sleeps.first("the service sleeps until the hand-off")
                #expect(wait == .seconds(3600 + 1))
                clock.advance(by: wait)
                let updates = try await fake.calls.matches(count: 2, "second update") { $0.method == "usergroups.users.update" }
                #expect(updates[1][string: "users"] == "U010J46LS1M")
                #expect(fake.userGroups.first?.users == ["U010J46LS1M"])
                // The group is found again from SQLite: only one was ever created.
                let creations = fake.calls.elements.filter { $0.method == "usergroups.create" }.count
                #expect(creations == 1)
            }
        }
    }
}
