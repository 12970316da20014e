import BacklineServer
import Catalog
import Foundation
import Logging
import TechHealth
import Testing

/// `health.registries` in `backline.yaml`, and the composition root asking registries (through
/// the cache) only when they are enabled.
@Suite("Registry configuration and wiring", .timeLimit(.minutes(3)))
struct RegistryWiringTests {
    func write(_ yaml: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("backline-registries-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("backline.yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test("registries are off by default; the file turns them on and sets TTL, timeout, ecosystems and mirrors")
    func configuration() throws {
        #expect(try BacklineConfiguration.load(file: nil, environment: [:]).health.registries.enabled == false)
        let file = try write("""
            health:
              registries:
                enabled: true
                ttlSeconds: 3600
                retrySeconds: 60
                timeoutSeconds: 2.5
                maxResponseBytes: 1048576
                ecosystems: [npm, pypi, swift]
                urls:
                  npm: https://npm.mirror.example/repository/npm/
                  swift: file:///srv/mirrors/
                  mavenSearch: ""
            """)
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let registries = try BacklineConfiguration.load(file: file.path, environment: [:]).health.registries
        #expect(registries.enabled)
        #expect(registries.ttl == 3600)
        #expect(registries.retryAfterFailure == 60)
        #expect(registries.limits.timeout == .milliseconds(2500))
        #expect(registries.limits.maxResponseBytes == 1_048_576)
        #expect(registries.ecosystems == [.npm, .pypi, .swift])
        #expect(registries.baseURLs[.npm] == "https://npm.mirror.example/repository/npm/")
        #expect(registries.baseURLs[.pypi] == "https://pypi.org")
        #expect(registries.mavenSearchURL == nil)
        let clients = registries.clients(transport: AsyncHTTPRegistryTransport())
        #expect(Set(clients.keys) == [.npm, .pypi, .swift])
        #expect(clients[.npm]?.baseURL == "https://npm.mirror.example/repository/npm")
    }

    @Test("a mirror URL with credentials, an unknown ecosystem or a negative TTL is refused, naming the key")
    func invalid() throws {
        let cases = [
            ("urls: {npm: 'https://user:secret@npm.example/'}", "urls.npm"),
            ("urls: {npm: 'ftp://npm.example/'}", "urls.npm"),
            ("urls: {docker: 'https://hub.example/'}", "urls"),
            ("urls: {swift: 'https://user:pw@git.example/'}", "urls.swift"),
            ("ecosystems: [npm, docker]", "ecosystems"),
            ("ttlSeconds: -1", "ttlSeconds"),
        ]
        for (yaml, key) in cases {
            let file = try write("health:\n  registries:\n    \(yaml)\n")
            defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
            do {
                _ = try BacklineConfiguration.load(file: file.path, environment: [:])
                Issue.record("accepted \(yaml)")
            } catch {
                let message = "\(error)"
                #expect(message.contains("health.registries.\(key)"), "\(message)")
                #expect(!message.contains("secret"))
            }
        }
    }

    func catalogFolder() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("backline-registry-parts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("api"), withIntermediateDirectories: true)
        try """
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: registry-api
            spec: {type: service, lifecycle: production, owner: playlists}
            """.write(to: directory.appendingPathComponent("api/catalog-info.yaml"), atomically: true, encoding: .utf8)
        try "django==3.2.0\n".write(to: directory.appendingPathComponent("api/requirements.txt"), atomically: true, encoding: .utf8)
        return directory
    }

    static let django = """
        {"info":{"name":"Django","version":"9.0.0"},"releases":{
          "3.2.0":[{"filename":"Django-3.2.tar.gz","upload_time":"2021-04-06T09:33:03","upload_time_iso_8601":"2021-04-06T09:33:03.000000Z","yanked":false}],
          "9.0.0":[{"filename":"django-9.0.0.tar.gz","upload_time":"2026-04-01T10:00:00","upload_time_iso_8601":"2026-04-01T10:00:00.000000Z","yanked":false}]}}
        """

    @Test("with registries on, ask harvests, warms the cache from the registry, and /health measures from the cache")
    func askWarmsTheCache() async throws {
        try await FakeRegistry.withRunning { fake in
            fake.answer("/pypi/django/json", Self.django)
            let directory = try catalogFolder()
            defer { try? FileManager.default.removeItem(at: directory) }
            var configuration = BacklineConfiguration(paths: BacklinePaths(home: TestServer.repositoryRoot))
            configuration.catalogPaths = [directory.path]
            configuration.health.registries.enabled = true
            configuration.health.registries.ecosystems = [.pypi]
            configuration.health.registries.baseURLs[.pypi] = fake.baseURL

            let parts = try await BacklineParts(configuration: configuration, logger: Logger(label: "test"), mode: .oneShot)
            #expect(parts.health.registries != nil)
            #expect(fake.received.map(\.path) == ["/pypi/django/json"])

            let dependency = HarvestedDependency(
                ecosystem: .pypi, name: "Django", version: "3.2.0", direct: true, location: ManifestLocation(file: "requirements.txt", line: 1))
            let measure = await parts.health.measurer.measure(dependency, now: Date())
            #expect(measure.latest == "9.0.0")
            #expect((measure.behind?.major ?? 0) >= 1)
            #expect((measure.libyears ?? 0) > 4.9)
            #expect(fake.requestCount == 1, "the measure reads the warmed cache")
        }
    }

    @Test("with registries off (the default), nothing reaches the network and the offline file answers")
    func offByDefault() async throws {
        try await FakeRegistry.withRunning { fake in
            let directory = try catalogFolder()
            defer { try? FileManager.default.removeItem(at: directory) }
            var configuration = BacklineConfiguration(paths: BacklinePaths(home: TestServer.repositoryRoot))
            configuration.catalogPaths = [directory.path]
            configuration.health.registries.baseURLs[.pypi] = fake.baseURL
            let parts = try await BacklineParts(configuration: configuration, logger: Logger(label: "test"), mode: .oneShot)
            #expect(parts.health.registries == nil)
            #expect(parts.health.measurer.releases is ReleaseCatalog)
            #expect(fake.requestCount == 0)
        }
    }
}
