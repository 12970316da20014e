import BacklineServer
import Catalog
import Foundation
import Synchronization
import TechHealth
import Testing

/// The registry cache: served within the TTL without a request, refetched after it, the last
/// answer served through an outage, and the offline file merged in.
@Suite("Registry cache", .timeLimit(.minutes(3)))
struct RegistryCacheTests {
    /// A clock the test moves by hand.
    final class TestNow: Sendable {
        private let current = Mutex(Date(timeIntervalSince1970: 1_790_000_000))
        var now: Date { current.withLock { $0 } }
        func advance(_ seconds: TimeInterval) { current.withLock { $0 += seconds } }
        var closure: @Sendable () -> Date { { self.now } }
    }

    static let hour: TimeInterval = 3600

    static func source(
        _ fake: FakeRegistry, store: TechHealthStore, clock: TestNow, offline: ReleaseCatalog = .empty
    ) -> RegistryReleaseSource {
        var settings = RegistrySettings()
        settings.enabled = true
        settings.ttl = 24 * hour
        settings.retryAfterFailure = hour
        settings.warmUpPauses = [:]
        for ecosystem in RegistrySettings.supported where ecosystem != .swift { settings.baseURLs[ecosystem] = fake.baseURL }
        settings.ecosystems = RegistrySettings.supported.subtracting([.swift])
        settings.mavenSearchURL = nil
        return RegistryReleaseSource(offline: offline, settings: settings, transport: AsyncHTTPRegistryTransport(), store: store, now: clock.closure)
    }

    @Test("a fresh answer is served without a request; after the TTL the registry is asked again")
    func ttl() async throws {
        try await FakeRegistry.withRunning { fake in
            fake.answer("/api/v1/crates/serde", RegistryFixtures.cratesSerde)
            let clock = TestNow()
            let source = Self.source(fake, store: try TechHealthStore.inMemory(), clock: clock)
            let first = try await source.releases(of: "serde", in: .cargo)
            #expect(first?.latestStable?.version == "1.0.215")
            #expect(fake.requestCount == 1)

            clock.advance(23 * Self.hour)
            let second = try await source.releases(of: "serde", in: .cargo)
            #expect(second?.latestStable?.version == "1.0.215")
            #expect(fake.requestCount == 1, "a fresh entry must not reach the registry")

            clock.advance(2 * Self.hour)
            _ = try await source.releases(of: "serde", in: .cargo)
            #expect(fake.requestCount == 2, "an expired entry is fetched again")

            // "Not found" is an answer too, cached like any other.
            #expect(try await source.releases(of: "no-such-crate", in: .cargo) == nil)
            #expect(try await source.releases(of: "no-such-crate", in: .cargo) == nil)
            #expect(fake.requestCount == 3)
        }
    }

    @Test("an outage serves the last answer, is not retried on every lookup, and clears when the registry is back")
    func outage() async throws {
        try await FakeRegistry.withRunning { fake in
            fake.answer("/api/v1/versions/nokogiri.json", RegistryFixtures.rubygemsNokogiri)
            let clock = TestNow()
            let store = try TechHealthStore.inMemory()
            let source = Self.source(fake, store: store, clock: clock)
            _ = try await source.releases(of: "nokogiri", in: .rubygems)
            #expect(fake.requestCount == 1)

            clock.advance(25 * Self.hour)
            fake.outage(503)
            let stale = try await source.releases(of: "nokogiri", in: .rubygems)
            #expect(stale?.latestStable?.version == "1.17.2", "the last answer is served through an outage")
            #expect(fake.requestCount == 2)
            let entry = try #require(try await store.registryCacheEntry(ecosystem: .rubygems, name: "nokogiri", baseURL: fake.baseURL))
            #expect(entry.problem?.contains("503") == true)

            clock.advance(10 * 60)
            _ = try await source.releases(of: "nokogiri", in: .rubygems)
            #expect(fake.requestCount == 2, "a failed registry is not asked again within the retry interval")

            clock.advance(Self.hour)
            fake.outage(nil)
            _ = try await source.releases(of: "nokogiri", in: .rubygems)
            #expect(fake.requestCount == 3)
            #expect(try await store.registryCacheEntry(ecosystem: .rubygems, name: "nokogiri", baseURL: fake.baseURL)?.problem == nil)
        }
    }

    @Test("an outage with nothing cached: the offline file answers; without one the dependency says why and the rest is measured")
    func outageWithoutCache() async throws {
        try await FakeRegistry.withRunning { fake in
            fake.outage(503)
            let clock = TestNow()
            let offline = try ReleaseCatalog(yaml: """
                npm:
                  react:
                    - {version: 18.3.1, released: 2024-04-26}
                """)
            let source = Self.source(fake, store: try TechHealthStore.inMemory(), clock: clock, offline: offline)
            #expect(try await source.releases(of: "react", in: .npm)?.latestStable?.version == "18.3.1")

            let measurer = HealthMeasurer(releases: source, eol: .empty)
            let harvest = ManifestHarvest(dependencies: [
                HarvestedDependency(ecosystem: .npm, name: "left-pad", declared: "1.3.0", version: "1.3.0", direct: true,
                                    location: ManifestLocation(file: "package-lock.json", line: 3)),
                HarvestedDependency(ecosystem: .npm, name: "react", declared: "^18.2.0", version: "18.3.1", direct: true,
                                    location: ManifestLocation(file: "package-lock.json", line: 9)),
            ])
            let measure = await measurer.measure(component: EntityRef(kind: "component", name: "web"), harvest: harvest, now: clock.now)
            let leftPad = try #require(measure.dependencies.first { $0.name == "left-pad" })
            #expect(leftPad.notes.contains { $0.contains("503") })
            let react = try #require(measure.dependencies.first { $0.name == "react" })
            #expect(react.latest == "18.3.1")
        }
    }

    @Test("the offline file and a registry merge: the file's entries win, its missing days are filled in, registry-only versions are added")
    func merge() async throws {
        try await FakeRegistry.withRunning { fake in
            fake.answer("/react", RegistryFixtures.npmReact)
            let offline = try ReleaseCatalog(yaml: """
                npm:
                  react:
                    - {version: 18.3.1, released: 2024-05-01}   # the organisation's own record wins
                    - 19.0.0                                     # undated here: the registry's day fills in
                    - {version: 17.0.2, released: 2021-03-22}   # only in the file (an internal build)
                """)
            let source = Self.source(fake, store: try TechHealthStore.inMemory(), clock: TestNow(), offline: offline)
            let merged = try #require(try await source.releases(of: "react", in: .npm))
            #expect(merged.release(matching: "18.3.1")?.released == CalendarDay("2024-05-01"))
            #expect(merged.release(matching: "19.0.0")?.released == CalendarDay("2024-12-05"))
            #expect(merged.release(matching: "17.0.2")?.released == CalendarDay("2021-03-22"))
            #expect(merged.latestStable?.version == "19.2.0")
        }
    }

    @Test("warming the cache after a harvest asks each package once; the answers that follow make no request")
    func warmUp() async throws {
        try await FakeRegistry.withRunning { fake in
            fake.answer("/react", RegistryFixtures.npmReact)
            fake.answer("/pypi/requests-oauthlib/json", RegistryFixtures.pypiRequestsOauthlib)
            let clock = TestNow()
            let source = Self.source(fake, store: try TechHealthStore.inMemory(), clock: clock)
            let packages: [(ecosystem: Ecosystem, name: String)] = [
                (.npm, "react"), (.npm, "react"), (.pypi, "Requests_OAuthlib"), (.cargo, "missing"), (.docker, "node"),
            ]
            let report = await source.warmUp(packages)
            #expect(report.asked == 3)
            #expect(report.failed == 0)
            #expect(fake.requestCount == 3)
            let again = await source.warmUp(packages)
            #expect(again.fresh == 3)
            #expect(fake.requestCount == 3)
            #expect(try await source.releases(of: "requests-oauthlib", in: .pypi)?.latestStable?.version == "2.0.0")
            #expect(fake.requestCount == 3)
        }
    }

    @Test("answers are cached per registry: a mirror's answer is not served for another base URL")
    func keyedByBaseURL() async throws {
        try await FakeRegistry.withRunning { fake in
            fake.answer("/react", RegistryFixtures.npmReact)
            let store = try TechHealthStore.inMemory()
            _ = try await Self.source(fake, store: store, clock: TestNow()).releases(of: "react", in: .npm)
            #expect(try await store.registryCacheEntry(ecosystem: .npm, name: "react", baseURL: fake.baseURL)?.releases?.isEmpty == false)
            #expect(try await store.registryCacheEntry(ecosystem: .npm, name: "react", baseURL: "https://registry.npmjs.org") == nil)
        }
    }
}
