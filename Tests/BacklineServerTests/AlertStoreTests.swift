import BacklineServer
import Catalog
import ChatOps
import Foundation
import Testing

/// The alert store decides who hears what: once when new, again when worse, never while snoozed,
/// once more when a snooze ends, not after an acknowledgement unless worse; the first evaluation
/// of a team only records.
@Suite("Alert findings: dedupe, worse, snooze, acknowledge", .timeLimit(.minutes(3)))
struct AlertStoreTests {
    static let team = EntityRef(kind: "group", name: "playlists")
    static let start = ISO8601DateFormatter().date(from: "2026-12-02T09:00:00Z")!
    static let day: TimeInterval = 86_400

    static func docs(severity: Int, component: String = "playlist-api") -> AlertCandidate {
        AlertCandidate(
            team: team, rule: .docsStale, entity: EntityRef(kind: "component", name: component), subject: "docs", severity: severity,
            title: "\(component)'s docs are stale", detail: "severity \(severity)", detailsCommand: "/health \(component)")
    }

    /// A store that has seen the team once (with nothing found), so findings from now on are told.
    static func store() async throws -> AlertStore {
        let store = try AlertStore.inMemory()
        #expect(try await store.reconcile(team: team, candidates: [], at: start).isEmpty)
        return store
    }

    /// Reconciles and marks what was told as told, as the planner does after enqueueing.
    static func tell(_ store: AlertStore, _ candidates: [AlertCandidate], at date: Date) async throws -> [AlertNotice] {
        let notices = try await store.reconcile(team: team, candidates: candidates, at: date)
        for notice in notices { try await store.markNotified(notice, at: date) }
        return notices
    }

    @Test("the same finding twice is one alert; worse is told again with a new dedupe key; gone and back is new")
    func dedupe() async throws {
        let store = try await Self.store()
        let first = try await Self.tell(store, [Self.docs(severity: 1)], at: Self.start)
        #expect(first.map(\.reason) == [.new])
        #expect(try await Self.tell(store, [Self.docs(severity: 1)], at: Self.start + Self.day).isEmpty, "heard once until it changes")
        let worse = try await Self.tell(store, [Self.docs(severity: 2)], at: Self.start + 2 * Self.day)
        #expect(worse.map(\.reason) == [.worse])
        #expect(worse.first?.dedupeKey != first.first?.dedupeKey)
        #expect(worse.first?.alert.id == first.first?.alert.id, "the same alert, told again")
        #expect(try await Self.tell(store, [Self.docs(severity: 1)], at: Self.start + 3 * Self.day).isEmpty, "better is not news")
        #expect(try await Self.tell(store, [], at: Self.start + 4 * Self.day).isEmpty)
        #expect(try await store.openAlerts(team: Self.team, at: Self.start + 4 * Self.day).isEmpty, "no longer found: resolved")
        #expect(try await Self.tell(store, [Self.docs(severity: 1)], at: Self.start + 5 * Self.day).map(\.reason) == [.new])
    }

    @Test("a crash between enqueue and mark repeats the same dedupe key, so the outbox holds one message")
    func crashBetweenEnqueueAndMark() async throws {
        let store = try await Self.store()
        let once = try await store.reconcile(team: Self.team, candidates: [Self.docs(severity: 1)], at: Self.start)
        let twice = try await store.reconcile(team: Self.team, candidates: [Self.docs(severity: 1)], at: Self.start + 60)
        #expect(once.map(\.dedupeKey) == twice.map(\.dedupeKey))
        #expect(once.count == 1)
    }

    @Test("a team's first evaluation records without telling; a check failing all along is kept, not told")
    func firstEvaluationIsQuiet() async throws {
        let store = try AlertStore.inMemory()
        #expect(try await store.reconcile(team: Self.team, candidates: [Self.docs(severity: 1)], at: Self.start).isEmpty)
        #expect(try await store.openAlerts(team: Self.team, at: Self.start).count == 1, "listed by /alerts all the same")
        var failingAllAlong = Self.docs(severity: 1, component: "other")
        failingAllAlong.notifyIfNew = false
        #expect(try await store.reconcile(team: Self.team, candidates: [Self.docs(severity: 1), failingAllAlong], at: Self.start + 60).isEmpty)
    }

    @Test("snooze: silent until it ends, then told once more; acknowledge: silent unless it gets worse")
    func snoozeAndAcknowledge() async throws {
        let store = try await Self.store()
        let told = try #require(try await Self.tell(store, [Self.docs(severity: 1)], at: Self.start).first)
        let snoozed = try #require(try await store.snooze(id: told.alert.id, until: Self.start + 7 * Self.day, by: "U1", at: Self.start))
        #expect(snoozed.status == .snoozed)
        for day in 1...6 {
            #expect(try await Self.tell(store, [Self.docs(severity: 2)], at: Self.start + Double(day) * Self.day).isEmpty, "day \(day) is snoozed, even worse")
        }
        let reminder = try await Self.tell(store, [Self.docs(severity: 2)], at: Self.start + 7 * Self.day + 60)
        #expect(reminder.map(\.reason) == [.reminder])
        #expect(try await Self.tell(store, [Self.docs(severity: 2)], at: Self.start + 8 * Self.day).isEmpty, "one reminder, not one a day")

        let acknowledged = try #require(try await store.acknowledge(id: told.alert.id, by: "U1", at: Self.start + 8 * Self.day))
        #expect(acknowledged.status == .acknowledged)
        #expect(try await Self.tell(store, [Self.docs(severity: 2)], at: Self.start + 9 * Self.day).isEmpty)
        #expect(try await Self.tell(store, [Self.docs(severity: 3)], at: Self.start + 10 * Self.day).map(\.reason) == [.worse])
        #expect(try await store.acknowledge(id: 999, by: nil, at: Self.start).map(\.id) == nil, "an unknown id is nil, not a crash")
    }
}
