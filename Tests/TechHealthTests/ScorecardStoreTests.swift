import Catalog
import Foundation
import Testing
import TechHealth

@Suite("Scorecards: results kept per component per day", .timeLimit(.minutes(3)))
struct ScorecardStoreTests {
    static let api = EntityRef(kind: "component", name: "playlist-api")
    static let web = EntityRef(kind: "component", name: "playlist-web")
    static let squad = EntityRef(kind: "group", name: "squad-playlists")

    static func result(_ entity: EntityRef, scorecard: String = "default", libyears: Double) -> ScorecardResult {
        let card = Scorecard(id: scorecard, title: "Service maturity", levels: ["bronze", "silver"], checks: [
            ScorecardCheck(id: "has-owner", level: "bronze", title: "Has an owner", fact: "owner.exists", condition: .equals(.bool(true))),
            ScorecardCheck(id: "libyears-under-10", level: "silver", title: "Under 10 libyears", fact: "libyears.total", condition: .lessThan(10), fix: "Upgrade."),
        ])
        return card.evaluate(ComponentFacts(entity: entity, values: ["owner.exists": .bool(true), "libyears.total": .number(libyears)]))
    }

    static func day(_ text: String) -> CalendarDay { CalendarDay(text)! }

    @Test("Results saved for a day read back with their checks; saving the day again replaces it")
    func saveAndReplace() async throws {
        let store = try TechHealthStore.inMemory()
        try await store.saveScorecardResults([Self.result(Self.api, libyears: 12), Self.result(Self.web, libyears: 2)], day: Self.day("2026-09-01"))
        var stored = try await store.scorecardResults(on: Self.day("2026-09-01"))
        #expect(stored.map(\.entity) == [Self.api, Self.web])
        let api = try #require(stored.first)
        #expect(api.level == "bronze")
        #expect(api.passed == 1)
        #expect(api.failed == 1)
        #expect(api.checks.map(\.id) == ["has-owner", "libyears-under-10"])
        #expect(api.checks[1].actual == .number(12))
        #expect(api.checks[1].fix == "Upgrade.")
        #expect(api.checks[1].levelIfFixed == "silver")

        // Re-running the day for one component replaces its rows (a scorecard it left is gone) and keeps the others'.
        try await store.saveScorecardResults([Self.result(Self.api, scorecard: "security", libyears: 3)], day: Self.day("2026-09-01"))
        stored = try await store.scorecardResults(on: Self.day("2026-09-01"))
        #expect(stored.map { "\($0.entity.name) \($0.scorecard) \($0.level ?? "-")" } == ["playlist-api security silver", "playlist-web default silver"])
    }

    @Test("History covers the last N days oldest first; latest picks each scorecard's newest day")
    func historyAndLatest() async throws {
        let store = try TechHealthStore.inMemory()
        try await store.saveScorecardResults([Self.result(Self.api, libyears: 20)], day: Self.day("2026-08-28"))
        try await store.saveScorecardResults([Self.result(Self.api, libyears: 12)], day: Self.day("2026-08-31"))
        try await store.saveScorecardResults([Self.result(Self.api, libyears: 4), Self.result(Self.web, libyears: 30)], day: Self.day("2026-09-01"))
        try await store.saveScorecardResults([Self.result(Self.web, scorecard: "security", libyears: 1)], day: Self.day("2026-08-30"))

        let week = try await store.scorecardHistory(entity: Self.api, scorecard: "default", days: 7, through: Self.day("2026-09-01"))
        #expect(week.map(\.day.description) == ["2026-08-28", "2026-08-31", "2026-09-01"])
        #expect(week.map(\.level) == ["bronze", "bronze", "silver"])
        let twoDays = try await store.scorecardHistory(entity: Self.api, scorecard: "default", days: 2, through: Self.day("2026-09-01"))
        #expect(twoDays.map(\.day.description) == ["2026-08-31", "2026-09-01"])
        #expect(try await store.scorecardHistory(entity: Self.api, scorecard: "default", days: 0, through: Self.day("2026-09-01")).isEmpty)

        let latest = try await store.latestScorecards(for: [Self.web, Self.api, EntityRef(kind: "component", name: "unknown")])
        #expect(latest.map { "\($0.entity.name) \($0.scorecard) \($0.day)" } == [
            "playlist-api default 2026-09-01", "playlist-web default 2026-09-01", "playlist-web security 2026-08-30",
        ])
        #expect(try await store.latestScorecards(for: []).isEmpty)

        let rollup = try await store.scorecardRollup(owners: [Self.api: Self.squad, Self.web: Self.squad])
        #expect(rollup.count == 2)
        let team = try #require(rollup.first { $0.scorecard == "default" })
        #expect(team.owner == Self.squad)
        #expect(team.components == 2)
        #expect(team.levels == ["silver": 1, "bronze": 1])
        #expect(team.noLevel == 0)
        #expect(team.commonFailures == [CheckFailureCount(check: "libyears-under-10", components: 1)])
    }
}
