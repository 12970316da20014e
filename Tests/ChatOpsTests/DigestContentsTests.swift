import Catalog
import ChatOps
import Foundation
import TechHealth
import Testing

/// Pins what every team's weekly digest says over the Tempo demo catalog with a harvest for every
/// component (the bundled release, end-of-life and policy files, scorecards scored a week apart,
/// recorded findings), so the composition can be made faster without changing a word of it.
@Suite("Weekly digest contents over the demo catalog", .timeLimit(.minutes(3)))
struct DigestContentsTests {
    static let now = ISO8601DateFormatter().date(from: "2026-12-02T09:00:00Z")!
    static let lastWeek = now.addingTimeInterval(-8 * 86_400)

    /// The demo catalog with a harvest per component at spread versions (some end of life, some
    /// out of policy, some without release data or a lock file), harvested and scored a week ago
    /// and again now with a few components moved on.
    static func setUp() async throws -> (CatalogStore, TechHealthStore, HealthContext) {
        let catalog = try await DemoCatalog.store()
        let store = try TechHealthStore.inMemory()
        let root = DemoCatalog.packageRoot.appendingPathComponent("config")
        let context = try HealthContext.load(
            store: store, releases: root.appendingPathComponent("health/releases.yaml"), eol: root.appendingPathComponent("health/eol.yaml"),
            policy: root.appendingPathComponent("health/policy.yaml"), scorecards: root.appendingPathComponent("scorecards"))
        let components = try await catalog.entities(ofKinds: ["component"]).map(\.ref).sorted()
        for (week, moment) in [(0, lastWeek), (1, now)] {
            for (index, component) in components.enumerated() {
                try await store.save(harvest(index: index, week: week, component: component, at: moment), manifests: [:])
            }
            try await context.score(catalog: catalog, now: moment)
        }
        try await catalog.record([
            CatalogFinding(
                entity: EntityRef(kind: "component", name: "playlist-api"), kind: .missingOwner, subject: EntityRef(kind: "group", name: "ghosts"),
                owner: EntityRef(kind: "group", name: "playlists"), message: "playlist-api names an owner that is not in the catalog."),
            CatalogFinding(
                entity: EntityRef(kind: "group", name: "playback"), kind: .teamWithoutMembers, owner: EntityRef(kind: "group", name: "playback"),
                message: "The team group:playback has no members in the catalog."),
        ], at: now.addingTimeInterval(-3600))
        return (catalog, store, context)
    }

    /// One component's harvest: what differs from one component to the next follows its index,
    /// and in week 1 every third component has upgraded React and Node.js.
    static func harvest(index: Int, week: Int, component: EntityRef, at moment: Date) -> ComponentHarvest {
        let moved = week == 1 && index % 3 == 0
        let react = ["16.14.0", "17.0.2", "18.2.0", "18.3.1", "19.2.0"][(index + (moved ? 2 : 0)) % 5]
        var dependencies = [
            HarvestedDependency(ecosystem: .npm, name: "react", declared: "^\(react.prefix { $0 != "." }).0.0", version: react, direct: true,
                                location: ManifestLocation(file: "package-lock.json", line: 12)),
            HarvestedDependency(ecosystem: .npm, name: "lodash", declared: "^4.17.0", version: ["4.17.15", "4.17.21"][index % 2], direct: index % 4 != 1,
                                location: ManifestLocation(file: "package-lock.json", line: 40)),
            HarvestedDependency(ecosystem: .npm, name: "express", declared: ["^4.17.0", "^4.18.0", "^5.0.0"][index % 3], version: nil, direct: true,
                                location: ManifestLocation(file: "package.json", line: 8)),
            HarvestedDependency(ecosystem: .npm, name: "typescript", declared: "~5.4.0", version: ["5.4.5", "5.6.3", "5.9.2"][index % 3], direct: true,
                                location: ManifestLocation(file: "package-lock.json", line: 70), scope: "dev"),
            HarvestedDependency(ecosystem: .npm, name: "left-pad", declared: "^1.3.0", version: "1.3.0", direct: false,
                                location: ManifestLocation(file: "package-lock.json", line: 90)),
        ]
        if index % 3 == 1 {
            dependencies.append(HarvestedDependency(ecosystem: .pypi, name: "Django", declared: nil, version: ["3.2", "4.2", "5.1"][index % 4 % 3], direct: true,
                                                    location: ManifestLocation(file: "requirements.txt", line: 1)))
        }
        if index % 5 == 2 {
            // The same package in a second manifest: listed once per component and version.
            dependencies.append(HarvestedDependency(ecosystem: .npm, name: "react", declared: "^\(react.prefix { $0 != "." }).0.0", version: react, direct: true,
                                                    location: ManifestLocation(file: "web/package-lock.json", line: 12)))
        }
        if index % 4 == 3 {
            dependencies.append(HarvestedDependency(ecosystem: .docker, name: "node", declared: nil, version: ["16-alpine", "18-bullseye", "20-bookworm"][index % 3], direct: true,
                                                    location: ManifestLocation(file: "Dockerfile", line: 1)))
        }
        let node = ["16", "18", "20", "22", "lts/iron"][(index + (moved ? 2 : 0)) % 5]
        var runtimes = [RuntimePin(runtime: "nodejs", version: node, location: ManifestLocation(file: ".nvmrc", line: 1))]
        if index % 6 == 5 { runtimes.append(RuntimePin(runtime: "python", version: "3.\(7 + index % 5)", location: ManifestLocation(file: ".python-version", line: 1))) }
        let docs: DocsFreshness? = switch index % 4 {
        case 0: DocsFreshness(status: .stale, reasons: ["The code changed \(30 + index * 7) days after the docs last did."], codeDaysAheadOfDocs: 30 + index * 7, checkedAt: moment)
        case 1: DocsFreshness(status: .fresh, checkedAt: moment)
        default: nil
        }
        return ComponentHarvest(
            entity: component, folder: nil, harvestedAt: moment, harvest: ManifestHarvest(dependencies: dependencies, runtimes: runtimes), docs: docs)
    }

    @Test("every team's digest says what it said before the composition was made faster")
    func everyTeam() async throws {
        let (catalog, store, context) = try await Self.setUp()
        let scorecards = try Scorecard.load(directory: context.scorecardsDirectory)
        let composer = DigestComposer(catalog: catalog, health: store, measurer: context.measurer, scorecards: scorecards)
        let teams = try await composer.teams()
        #expect(teams.count == Self.expected.count, "\(teams)")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        for team in teams {
            let digest = try await composer.compose(team: team, now: Self.now, timeZone: .gmt)
            let json = String(decoding: try encoder.encode(digest), as: UTF8.self)
            #expect(json == Self.expected[team.description], "\(team)")
        }
    }

    /// Scorecard moves and actions are not covered here (without CI files no component reaches
    /// silver, so levels do not move); `DigestTests.digest` covers them.
    @Test("the pinned digests are not empty: end of life, policy, stale docs, scorecard levels and findings all appear")
    func pinnedDigestsCoverEverySection() throws {
        let all = Self.expected.values.joined()
        for section in ["\"endOfLife\":true", "banned", "below minimum", "\"staleDocs\":[{", "\"teamLevel\":\"bronze\"", "missingOwner", "teamWithoutMembers", "majors behind", "libyears", "Django"] {
            #expect(all.contains(section), "\(section)")
        }
    }
}
