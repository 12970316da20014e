import Catalog
import ChatOps
import Foundation
import Logging
import TechHealth
import Testing

/// `/health` over the demo catalog, with harvests written by hand (the harvester has its own tests)
/// and release, end-of-life and policy data given inline, measured at a fixed moment.
@Suite("/health", .timeLimit(.minutes(3)))
struct HealthCommandTests {
    static let now = ISO8601DateFormatter().date(from: "2026-12-01T12:00:00Z")!

    static let releases = """
        npm:
          react:
            - {version: 16.14.0, released: 2020-10-14}
            - {version: 18.3.1, released: 2024-04-26}
            - {version: 19.2.0, released: 2025-10-01}
          express:
            - {version: 4.18.2, released: 2022-10-08}
            - {version: 5.1.0, released: 2025-03-31}
        """

    static let eol = """
        nodejs:
          - {cycle: "16", releaseDate: 2021-04-20, eol: 2023-09-11, latest: 16.20.2}
          - {cycle: "22", releaseDate: 2024-04-24, eol: 2027-04-30, latest: 22.11.0}
        """

    static func dependency(_ name: String, _ version: String, file: String = "package.json", line: Int) -> HarvestedDependency {
        HarvestedDependency(ecosystem: .npm, name: name, declared: "^\(version)", version: version, direct: true, location: ManifestLocation(file: file, line: line))
    }

    static func setUp() async throws -> (CatalogStore, CommandRouter) {
        let catalog = try await DemoCatalog.store()
        let store = try TechHealthStore.inMemory()
        let harvests: [(String, [HarvestedDependency], [RuntimePin])] = [
            ("playlist-api", [dependency("react", "16.14.0", line: 12), dependency("express", "5.1.0", line: 13)],
             [RuntimePin(runtime: "nodejs", version: "16", location: ManifestLocation(file: ".nvmrc", line: 1))]),
            ("playback-service", [dependency("react", "19.2.0", line: 9)],
             [RuntimePin(runtime: "nodejs", version: "22", location: ManifestLocation(file: ".nvmrc", line: 1))]),
            ("user-profile", [dependency("react", "18.3.1", line: 7)], []),
        ]
        for (name, dependencies, runtimes) in harvests {
            let harvest = ComponentHarvest(
                entity: EntityRef(kind: "component", name: name), folder: "/srv/\(name)", harvestedAt: now.addingTimeInterval(-300),
                harvest: ManifestHarvest(dependencies: dependencies, runtimes: runtimes))
            try await store.save(harvest, manifests: [:])
        }
        let measurer = HealthMeasurer(releases: try ReleaseCatalog(yaml: releases), eol: try EOLCatalog(yaml: eol))
        let router = try BuiltInCommands.router(specs: DemoCatalog.specs(), health: (store, measurer))
        return (catalog, router)
    }

    static func ask(_ line: String, _ router: CommandRouter, _ catalog: CatalogStore) async -> Reply {
        await router.handle(Invocation(commandLine: line), context: CommandContext(catalog: catalog, logger: Logger(label: "test"), now: { now }))
    }

    @Test("/health NAME: outdated dependencies worst first with file and line, the end-of-life runtime, and every dependency in JSON")
    func component() async throws {
        let (catalog, router) = try await Self.setUp()
        let reply = await Self.ask("/health playlist-api", router, catalog)
        let text = PlainTextRenderer.render(reply)
        #expect(text.contains("react 16.14.0 → 19.2.0"), "\(text)")
        #expect(text.contains("package.json:12"))
        #expect(text.contains("nodejs 16 — end-of-life since 2023-09-11"), "\(text)")
        let dependencies = try #require(reply.data["dependencies"]?.arrayValue)
        #expect(dependencies.count == 2, "current ones are listed too")
        let react = try #require(dependencies.first)
        #expect(react["name"]?.stringValue == "react")
        #expect(react["behind"]?["major"] == .number(3) || react["behind"]?["major"] == .number(2))
        #expect(react["latest"]?.stringValue == "19.2.0")
        #expect(react["file"]?.stringValue == "package.json")
        #expect(reply.data["runtimes"]?.arrayValue?.first?["eol"]?.stringValue == "end-of-life")
    }

    @Test("/health for a component never harvested says how to harvest; an unknown name gets did-you-mean")
    func notHarvested() async throws {
        let (catalog, router) = try await Self.setUp()
        let reply = await Self.ask("/health auth-service", router, catalog)
        #expect(reply.data["status"]?.stringValue == "notHarvested")
        #expect(PlainTextRenderer.render(reply).contains("backline health harvest"))
        let typo = await Self.ask("/health playlst-api", router, catalog)
        #expect(PlainTextRenderer.render(typo).contains("playlist-api"))
    }

    @Test("/health eol lists the end-of-life runtime; /health outdated groups by package, worst first")
    func organisation() async throws {
        let (catalog, router) = try await Self.setUp()
        let eol = await Self.ask("/health eol", router, catalog)
        let runtimes = try #require(eol.data["runtimes"]?.arrayValue)
        #expect(runtimes.map { $0["entity"]?.stringValue } == ["component:default/playlist-api"])
        let outdated = await Self.ask("/health outdated npm", router, catalog)
        let packages = try #require(outdated.data["packages"]?.arrayValue)
        #expect(packages.first?["name"]?.stringValue == "react")
        #expect(packages.first?["uses"]?.arrayValue?.count == 2, "the services on 16 and 18 are behind; the one on 19.2 is not")
        let unknown = await Self.ask("/health outdated maven-central", router, catalog)
        #expect(unknown.data["error"]?["kind"]?.stringValue == "usage")
    }

    @Test("/health heatmap PACKAGE: versions newest first, one row per service or per team, coloured by how far behind")
    func heatmap() async throws {
        let (catalog, router) = try await Self.setUp()
        let reply = await Self.ask("/health heatmap react", router, catalog)
        let map = try #require(reply.blocks.compactMap { block -> Heatmap? in
            if case .heatmap(let map) = block { return map }
            return nil
        }.first)
        #expect(map.columns == ["19.2.0", "18.3.1", "16.14.0"])
        #expect(map.rows == ["playback-service", "playlist-api", "user-profile"])
        let playlist = try #require(map.cells.first { map.rows[$0.row] == "playlist-api" })
        #expect(map.columns[playlist.column] == "16.14.0")
        #expect(playlist.severity == .majorBehind)
        #expect(map.cells.first { map.rows[$0.row] == "playback-service" }?.severity == .current)

        let byTeam = await Self.ask("/health heatmap react --by team", router, catalog)
        let teams = (byTeam.data["heatmap"]?["rows"]?.arrayValue ?? []).compactMap { $0.stringValue }
        #expect(teams.contains("Playlists"), "\(teams)")

        let runtime = await Self.ask("/health heatmap nodejs", router, catalog)
        let columns = (runtime.data["heatmap"]?["columns"]?.arrayValue ?? []).compactMap { $0.stringValue }
        #expect(columns == ["22", "16"])
        let nothing = await Self.ask("/health heatmap left-pad", router, catalog)
        #expect(nothing.data["status"]?.stringValue == "notFound")
    }

    @Test("/health team TEAM lists the team's harvested components")
    func team() async throws {
        let (catalog, router) = try await Self.setUp()
        let reply = await Self.ask("/health team playlists", router, catalog)
        let components = try #require(reply.data["components"]?.arrayValue)
        #expect(components.contains { $0["entity"]?.stringValue == "component:default/playlist-api" })
    }
}
