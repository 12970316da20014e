import Catalog
import ChatOps
import Foundation
import Logging
import OnCall
import TechHealth
import Testing

/// The weekly digest and the alert rules over the Tempo demo catalog, with harvests and scorecard
/// results written by hand at a fixed moment.
@Suite("Weekly digest and alert rules", .timeLimit(.minutes(3)))
struct DigestTests {
    static let now = ISO8601DateFormatter().date(from: "2026-12-02T09:00:00Z")!
    static let playlists = EntityRef(kind: "group", name: "playlists")
    static let playlistAPI = EntityRef(kind: "component", name: "playlist-api")

    static let eol = """
        nodejs:
          - {cycle: "16", releaseDate: 2021-04-20, eol: 2023-09-11, latest: 16.20.2}
          - {cycle: "18", releaseDate: 2022-04-19, eol: 2025-04-30, latest: 18.20.5}
          - {cycle: "20", releaseDate: 2023-04-18, eol: 2027-01-30, latest: 20.18.0}
          - {cycle: "22", releaseDate: 2024-04-24, eol: 2027-04-30, latest: 22.11.0}
        """

    static let scorecard = Scorecard(
        id: "default", title: "Service maturity", levels: ["bronze", "silver", "gold"],
        checks: [
            ScorecardCheck(id: "has-owner", level: "bronze", title: "Has an owner", fact: "owner.exists", condition: .equals(.bool(true))),
            ScorecardCheck(id: "has-docs", level: "silver", title: "Has TechDocs", fact: "docs.exists", condition: .equals(.bool(true)), fix: "Add docs."),
            ScorecardCheck(id: "docs-fresh", level: "gold", title: "Docs are fresh", fact: "docs.fresh", condition: .equals(.bool(true))),
        ])

    static func check(_ id: String, _ level: String, _ outcome: ScorecardCheckResult.Outcome, ifFixed: String? = nil) -> ScorecardCheckResult {
        ScorecardCheckResult(
            id: id, level: level, title: scorecard.checks.first { $0.id == id }?.title ?? id, fact: "x", expected: "x is true", outcome: outcome,
            actual: .bool(outcome == .passed), fix: outcome == .failed ? "Fix \(id)." : nil, levelIfFixed: ifFixed)
    }

    static func result(_ entity: EntityRef, level: String?, _ checks: [ScorecardCheckResult]) -> ScorecardResult {
        ScorecardResult(
            entity: entity, scorecard: "default", title: "Service maturity", levels: scorecard.levels, level: level,
            passed: checks.filter { $0.outcome == .passed }.count, failed: checks.filter { $0.outcome == .failed }.count, skipped: 0,
            checks: checks, nextLevel: nil, nextLevelNeeds: [])
    }

    /// playlist-api: nodejs 16 (past end of life), nodejs 20 in a second file (ends within 90
    /// days), stale docs; its scorecard went from bronze a week ago to silver now, with the gold
    /// check failing.
    static func setUp(docsDays: Int = 120, nodeVersion: String = "16") async throws -> (CatalogStore, TechHealthStore, HealthMeasurer) {
        let catalog = try await DemoCatalog.store()
        let store = try TechHealthStore.inMemory()
        let docs = DocsFreshness(status: .stale, reasons: ["The code changed \(docsDays) days after the docs last did."], codeDaysAheadOfDocs: docsDays, checkedAt: now)
        try await store.save(
            ComponentHarvest(
                entity: playlistAPI, folder: "/srv/playlist-api", harvestedAt: now.addingTimeInterval(-600),
                harvest: ManifestHarvest(dependencies: [], runtimes: [
                    RuntimePin(runtime: "nodejs", version: nodeVersion, location: ManifestLocation(file: ".nvmrc", line: 1)),
                    RuntimePin(runtime: "nodejs", version: "20", location: ManifestLocation(file: "web/.nvmrc", line: 1)),
                ]),
                docs: docs),
            manifests: [:])
        let lastWeek = CalendarDay(now.addingTimeInterval(-8 * 86_400))
        try await store.saveScorecardResults([
            result(playlistAPI, level: "bronze", [check("has-owner", "bronze", .passed), check("has-docs", "silver", .failed, ifFixed: "silver"), check("docs-fresh", "gold", .passed)]),
        ], day: lastWeek)
        try await store.saveScorecardResults([
            result(playlistAPI, level: "silver", [check("has-owner", "bronze", .passed), check("has-docs", "silver", .passed), check("docs-fresh", "gold", .failed, ifFixed: "gold")]),
        ], day: CalendarDay(now))
        return (catalog, store, HealthMeasurer(releases: ReleaseCatalog.empty, eol: try EOLCatalog(yaml: eol)))
    }

    @Test("a team's digest: level and change since last week, the fix that lifts it, end-of-life first, stale docs, goalie, buttons to /health")
    func digest() async throws {
        let (catalog, store, measurer) = try await Self.setUp()
        let composer = DigestComposer(catalog: catalog, health: store, measurer: measurer, scorecards: [Self.scorecard])
        let zone = try #require(TimeZone(identifier: "Europe/Stockholm"))
        let digest = try await composer.compose(team: Self.playlists, now: Self.now, timeZone: zone)
        #expect(digest.week == "2026-W49")
        #expect(digest.channel == "#squad-playlists")
        let standing = try #require(digest.scorecards.first)
        #expect(standing.teamLevel == "silver")
        #expect(standing.teamLevelLastWeek == "bronze")
        #expect(standing.raised == ["playlist-api: bronze → silver"])
        #expect(digest.actions.map(\.check) == ["docs-fresh"])
        #expect(digest.actions.first?.components == ["playlist-api"])
        #expect(digest.outdated.first?.name == "nodejs", "end of life comes first: \(digest.outdated)")
        #expect(digest.outdated.first?.endOfLife == true)
        #expect(digest.staleDocs.map(\.component) == ["playlist-api"])

        let reply = try DigestReply.reply(digest)
        let text = PlainTextRenderer.render(reply)
        #expect(text.contains("Weekly tech health: Playlists · 2026-W49"), "\(text)")
        #expect(text.contains("bronze → silver"))
        #expect(text.contains("Docs are fresh"))
        #expect(text.contains("Stale docs"))
        let buttons = reply.blocks.flatMap { block -> [ReplyAction] in
            if case .actions(let actions) = block { return actions }
            return []
        }
        #expect(buttons.contains(ReplyAction(label: "Team health", commandLine: "/health team playlists")))
        #expect(buttons.contains { $0.commandLine == "/health playlist-api" })
        #expect(reply.data["digest"]?["week"]?.stringValue == "2026-W49")
    }

    @Test("the digest lists every team owning a component, and a team with nothing wrong is all clear")
    func teams() async throws {
        let (catalog, store, measurer) = try await Self.setUp()
        let composer = DigestComposer(catalog: catalog, health: store, measurer: measurer)
        let teams = try await composer.teams()
        #expect(teams.contains(Self.playlists))
        #expect(teams.contains(EntityRef(kind: "group", name: "playback")))
        #expect(!teams.contains(EntityRef(kind: "group", name: "tempo")), "the organisation owns no component")
        let playback = try await composer.compose(team: EntityRef(kind: "group", name: "playback"), now: Self.now, timeZone: .gmt)
        #expect(playback.isAllClear)
        #expect(PlainTextRenderer.render(try DigestReply.reply(playback)).contains("Nothing outdated, stale or broken"))
    }

    @Test("ISO week labels in the team's zone: Sunday night in Tokyo is already next week")
    func weekLabels() throws {
        let sundayNightUTC = ISO8601DateFormatter().date(from: "2026-12-06T20:00:00Z")!
        #expect(DigestComposer.weekLabel(sundayNightUTC, timeZone: .gmt) == "2026-W49")
        #expect(DigestComposer.weekLabel(sundayNightUTC, timeZone: try #require(TimeZone(identifier: "Asia/Tokyo"))) == "2026-W50")
        #expect(DigestComposer.weekLabel(ISO8601DateFormatter().date(from: "2027-01-01T12:00:00Z")!, timeZone: .gmt) == "2026-W53")
    }

    @Test("alert rules: stale docs, end of life (past and within 90 days), a check that used to pass; fingerprints stable, a new version is a new finding")
    func rules() async throws {
        let (catalog, store, measurer) = try await Self.setUp()
        let rules = AlertRules(catalog: catalog, health: store, measurer: measurer)
        let first = try await rules.evaluate(team: Self.playlists, now: Self.now)
        let byRule = Dictionary(grouping: first, by: \.rule)
        #expect(byRule[.docsStale]?.first?.severity == 2, "120 days behind is worse than a month")
        let eol = try #require(byRule[.endOfLife])
        #expect(eol.count == 2, "\(eol.map(\.title))")
        #expect(eol.contains { $0.state == "16" && $0.severity == 3 })
        #expect(eol.contains { $0.state == "20" && $0.severity == 1 && $0.title.contains("end of life in") })
        let regressed = try #require(byRule[.checkRegressed]?.first)
        #expect(regressed.subject == "default/docs-fresh")
        #expect(regressed.notifyIfNew, "it passed in the previous result")

        let again = try await rules.evaluate(team: Self.playlists, now: Self.now.addingTimeInterval(3600))
        #expect(Set(again.map(\.fingerprint)) == Set(first.map(\.fingerprint)), "a reharvest finds the same fingerprints")

        let (catalog2, store2, measurer2) = try await Self.setUp(nodeVersion: "18")
        let moved = try await AlertRules(catalog: catalog2, health: store2, measurer: measurer2).evaluate(team: Self.playlists, now: Self.now)
        let oldNode = try #require(first.first { $0.rule == .endOfLife && $0.state == "16" })
        #expect(!moved.contains { $0.fingerprint == oldNode.fingerprint }, "a different cycle is a different finding")
    }
}
