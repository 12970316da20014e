import BacklineServer
import Catalog
import Foundation
import Logging
import TechHealth
import Testing

@Suite("Tech-health harvest through the composition root", .timeLimit(.minutes(3)))
struct HealthHarvestPartsTests {
    func catalogFolder() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("backline-health-parts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("api"), withIntermediateDirectories: true)
        try """
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: health-api
            spec: {type: service, lifecycle: production, owner: playlists}
            """.write(to: directory.appendingPathComponent("api/catalog-info.yaml"), atomically: true, encoding: .utf8)
        try "django==3.2.0\n".write(to: directory.appendingPathComponent("api/requirements.txt"), atomically: true, encoding: .utf8)
        try "3.8.18\n".write(to: directory.appendingPathComponent("api/.python-version"), atomically: true, encoding: .utf8)
        return directory
    }

    @Test("ask --catalog harvests what it ingests, so /health answers at the terminal")
    func askHarvestsWhatItIngests() async throws {
        let directory = try catalogFolder()
        defer { try? FileManager.default.removeItem(at: directory) }
        var configuration = BacklineConfiguration(paths: BacklinePaths(home: TestServer.repositoryRoot))
        configuration.catalogPaths = [directory.path]

        let parts = try await BacklineParts(configuration: configuration, logger: Logger(label: "test"), mode: .oneShot)

        let harvests = try await parts.health.store.harvests()
        let api = try #require(harvests.first { $0.entity.name == "health-api" })
        #expect(api.sourceProblem == nil)
        #expect(api.harvest.dependencies.contains { $0.ecosystem == .pypi && $0.name == "django" && $0.version == "3.2.0" })
        #expect(try await parts.health.store.uses(ofRuntime: "python").map(\.entity.name) == ["health-api"])
        #expect(parts.harvestReport?.componentsHarvested == 1)
        // The measurer is loaded from the bundled health files.
        #expect(parts.health.measurer.eol.cycles(of: "python") != nil)
    }

    @Test("serve harvests after its start-up refresh")
    func serviceHarvestsAfterStartUp() async throws {
        let directory = try catalogFolder()
        defer { try? FileManager.default.removeItem(at: directory) }
        var configuration = BacklineConfiguration(paths: BacklinePaths(home: TestServer.repositoryRoot))
        configuration.catalogPaths = [directory.path]
        configuration.health.cloneSourceLocations = false

        let parts = try await BacklineParts(configuration: configuration, logger: Logger(label: "test"), mode: .service)

        let harvests = try await parts.health.store.harvests()
        #expect(harvests.map(\.entity.name) == ["health-api"])
    }

    @Test("health: paths resolve against the configuration file's folder")
    func healthSettingsFromTheFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("backline-health-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("backline.yaml")
        try """
            health:
              releases: data/releases.yaml
              eol: /srv/eol.yaml
              scorecards: cards
              cloneSourceLocations: false
              docsMaxCodeCommits: 5
              docsMaxCodeDays: 30
            """.write(to: file, atomically: true, encoding: .utf8)

        let configuration = try BacklineConfiguration.load(file: file.path, environment: [:])

        #expect(configuration.health.releases.path == directory.appendingPathComponent("data/releases.yaml").standardizedFileURL.path)
        #expect(configuration.health.eol.path == "/srv/eol.yaml")
        #expect(configuration.health.scorecards.path == directory.appendingPathComponent("cards").standardizedFileURL.path)
        #expect(configuration.health.policy.path.hasSuffix("config/health/policy.yaml"))
        #expect(configuration.health.cloneSourceLocations == false)
        #expect(configuration.health.docsPolicy.maxCodeCommits == 5)
        #expect(configuration.health.docsPolicy.maxCodeDays == 30)
    }
}
