import BacklineServer
import Foundation
import TechHealth
import Testing

/// Each registry client against a fake registry on loopback speaking that registry's real
/// response shapes, carried by the production transport (AsyncHTTPClient).
@Suite("Registry clients", .timeLimit(.minutes(3)))
struct RegistryClientTests {
    let transport = AsyncHTTPRegistryTransport()

    static func day(_ text: String) -> CalendarDay? { CalendarDay(text) }

    @Test("npm: versions with their days from `time`; unpublished versions left out; scoped names as @scope%2Fname")
    func npm() async throws {
        try await FakeRegistry.withRunning { fake in
            fake.answer("/react", RegistryFixtures.npmReact)
            fake.answer("/@types%2Fnode", RegistryFixtures.npmTypesNode)
            let client = NpmRegistryClient(baseURL: fake.baseURL + "/", transport: transport)
            let releases = try #require(try await client.fetchReleases(of: "react"))
            let package = PackageReleases(ecosystem: .npm, name: "react", releases: releases)
            #expect(package.latestStable?.version == "19.2.0")
            #expect(package.latestStable?.released == Self.day("2025-10-01"))
            #expect(package.release(matching: "18.3.1")?.released == Self.day("2024-04-26"))
            #expect(package.release(matching: "0.0.1") == nil)

            let scoped = try #require(try await client.fetchReleases(of: "@types/node"))
            #expect(Set(scoped.map(\.version)) == ["20.17.9", "22.10.1"])
            #expect(fake.received.map(\.path) == ["/react", "/@types%2Fnode"])
            #expect(fake.received.allSatisfy { $0.userAgent?.contains("backline") == true })

            #expect(try await client.fetchReleases(of: "no-such-package") == nil)
        }
    }

    @Test("PyPI: PEP 503 name in the path; a release dated by its first upload; yanked when every file is")
    func pypi() async throws {
        try await FakeRegistry.withRunning { fake in
            fake.answer("/pypi/requests-oauthlib/json", RegistryFixtures.pypiRequestsOauthlib)
            let client = PyPIRegistryClient(baseURL: fake.baseURL, transport: transport)
            let releases = try #require(try await client.fetchReleases(of: "Requests_OAuthlib"))
            #expect(fake.received.map(\.path) == ["/pypi/requests-oauthlib/json"])
            let package = PackageReleases(ecosystem: .pypi, name: "requests-oauthlib", releases: releases)
            #expect(package.latestStable?.version == "2.0.0")
            #expect(package.release(matching: "2.0.0")?.released == Self.day("2024-03-22"))
            #expect(package.release(matching: "2.0.1")?.yanked == true)
            #expect(package.release(matching: "0.0.0")?.released == nil)
        }
    }

    @Test("Maven: versions from maven-metadata.xml, days from the search API; no search leaves them undated")
    func maven() async throws {
        try await FakeRegistry.withRunning { fake in
            fake.answer("/maven2/com/fasterxml/jackson/core/jackson-databind/maven-metadata.xml", contentType: "text/xml", RegistryFixtures.mavenMetadata)
            fake.answer("/solrsearch/select", RegistryFixtures.mavenSearch)
            let client = MavenCentralClient(baseURL: fake.baseURL + "/maven2", searchURL: fake.baseURL + "/solrsearch/select", transport: transport)
            let releases = try #require(try await client.fetchReleases(of: "com.fasterxml.jackson.core:jackson-databind"))
            let package = PackageReleases(ecosystem: .maven, name: "com.fasterxml.jackson.core:jackson-databind", releases: releases)
            #expect(package.releases.map(\.version) == ["2.15.0", "2.17.0", "2.18.2"])
            #expect(package.latestStable?.released == Self.day("2024-11-28"))
            #expect(package.release(matching: "2.15.0")?.released == Self.day("2023-04-22"))
            #expect(package.release(matching: "2.17.0")?.released == nil)
            let search = try #require(fake.received.first { $0.path == "/solrsearch/select" })
            #expect(search.query.contains("core=gav"))
            #expect(search.query.contains("jackson-databind"))

            // A mirror whose search is down still answers with versions.
            fake.answer("/solrsearch/select", status: 500, "oops")
            let undated = try #require(try await client.fetchReleases(of: "com.fasterxml.jackson.core:jackson-databind"))
            #expect(undated.count == 3)
            #expect(undated.allSatisfy { $0.released == nil })
        }
    }

    @Test("Go proxy: upper case encoded as !lower, days from .info, @latest when nothing is tagged")
    func goProxy() async throws {
        try await FakeRegistry.withRunning { fake in
            let root = "/github.com/!azure/azure-sdk-for-go/sdk/azcore/@v"
            fake.answer(root + "/list", contentType: "text/plain", "v1.14.0\nv1.16.0\nv1.15.0\n")
            fake.answer(root + "/v1.14.0.info", RegistryFixtures.goInfo("v1.14.0", "2024-08-07T18:00:39Z"))
            fake.answer(root + "/v1.16.0.info", RegistryFixtures.goInfo("v1.16.0", "2024-10-15T22:35:18Z"))
            // v1.15.0's .info is missing: it stays undated, the rest is answered.
            let client = GoProxyClient(baseURL: fake.baseURL, transport: transport)
            let releases = try #require(try await client.fetchReleases(of: "github.com/Azure/azure-sdk-for-go/sdk/azcore"))
            let package = PackageReleases(ecosystem: .go, name: "github.com/Azure/azure-sdk-for-go/sdk/azcore", releases: releases)
            #expect(package.latestStable?.version == "v1.16.0")
            #expect(package.latestStable?.released == Self.day("2024-10-15"))
            #expect(package.release(matching: "v1.14.0")?.released == Self.day("2024-08-07"))
            #expect(package.release(matching: "v1.15.0")?.released == nil)
            #expect(fake.received.allSatisfy { $0.path.hasPrefix("/github.com/!azure/") })

            fake.answer("/example.com/untagged/@v/list", contentType: "text/plain", "")
            fake.answer("/example.com/untagged/@latest", RegistryFixtures.goInfo("v0.0.0-20241104150000-abcdefabcdef", "2024-11-04T15:00:00Z"))
            let untagged = try #require(try await client.fetchReleases(of: "example.com/untagged"))
            #expect(untagged.map(\.version) == ["v0.0.0-20241104150000-abcdefabcdef"])

            // 410 Gone is how the proxy says a module does not exist.
            fake.answer("/example.com/gone/@v/list", status: 410, contentType: "text/plain", "not found: module example.com/gone: no matching versions")
            #expect(try await client.fetchReleases(of: "example.com/gone") == nil)
        }
    }

    @Test("crates.io: versions with created_at; yanked ones kept but never latest; a User-Agent on every request")
    func crates() async throws {
        try await FakeRegistry.withRunning { fake in
            fake.answer("/api/v1/crates/serde", RegistryFixtures.cratesSerde)
            let client = CratesIOClient(baseURL: fake.baseURL, transport: transport)
            let releases = try #require(try await client.fetchReleases(of: "serde"))
            let package = PackageReleases(ecosystem: .cargo, name: "serde", releases: releases)
            #expect(package.latestStable?.version == "1.0.215")
            #expect(package.latestStable?.released == Self.day("2024-11-11"))
            #expect(package.release(matching: "1.0.216")?.yanked == true)
            #expect(fake.received.first?.userAgent?.isEmpty == false)
        }
    }

    @Test("RubyGems: one release per version across platforms, dated by its first build")
    func rubygems() async throws {
        try await FakeRegistry.withRunning { fake in
            fake.answer("/api/v1/versions/nokogiri.json", RegistryFixtures.rubygemsNokogiri)
            let client = RubyGemsClient(baseURL: fake.baseURL, transport: transport)
            let releases = try #require(try await client.fetchReleases(of: "nokogiri"))
            #expect(releases.count == 3)
            let package = PackageReleases(ecosystem: .rubygems, name: "nokogiri", releases: releases)
            #expect(package.latestStable?.version == "1.17.2")
            #expect(package.latestStable?.released == Self.day("2024-12-16"))
            #expect(package.release(matching: "1.16.0")?.released == Self.day("2023-12-28"))
        }
    }

    @Test("hostile answers fail that one package: a huge body, bad JSON, an XML entity, a status page")
    func hostileAnswers() async throws {
        try await FakeRegistry.withRunning { fake in
            let small = RegistryLimits(timeout: .seconds(10), maxResponseBytes: 4096, userAgent: "backline-test")
            let npm = NpmRegistryClient(baseURL: fake.baseURL, transport: transport, limits: small)
            fake.answer("/huge", "{\"versions\":{\"" + String(repeating: "9", count: 100_000) + "\":{}}}")
            await #expect(throws: RegistryError.self) { try await npm.fetchReleases(of: "huge") }
            do throws(RegistryError) {
                _ = try await npm.fetchReleases(of: "huge")
            } catch {
                #expect(error.kind == .tooLarge)
            }

            fake.answer("/broken", "{\"versions\": [1, 2,")
            do throws(RegistryError) {
                _ = try await npm.fetchReleases(of: "broken")
                Issue.record("bad JSON was accepted")
            } catch {
                #expect(error.kind == .malformed)
                #expect(error.description.count < 400)
            }

            fake.answer("/wrong-shape", "{\"versions\": \"all of them\"}")
            await #expect(throws: RegistryError.self) { try await npm.fetchReleases(of: "wrong-shape") }

            let maven = MavenCentralClient(baseURL: fake.baseURL, searchURL: nil, transport: transport, limits: small)
            fake.answer("/evil/lol/maven-metadata.xml", contentType: "text/xml", """
                <?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>
                <metadata><versioning><versions><version>&lol2;</version></versions></versioning></metadata>
                """)
            do throws(RegistryError) {
                _ = try await maven.fetchReleases(of: "evil:lol")
                Issue.record("a DTD was accepted")
            } catch {
                #expect(error.kind == .malformed)
            }

            fake.answer("/api/v1/versions/rails.json", status: 503, contentType: "text/html", "<html>busy</html>")
            let gems = RubyGemsClient(baseURL: fake.baseURL, transport: transport, limits: small)
            do throws(RegistryError) {
                _ = try await gems.fetchReleases(of: "rails")
                Issue.record("a 503 was accepted")
            } catch {
                #expect(error.kind == .status(503))
                #expect(!error.description.contains("127.0.0.1"))
            }
        }
    }

    @Test("weird names never leave their place on the registry: path tricks are refused before any request, the rest escaped")
    func weirdNames() async throws {
        try await FakeRegistry.withRunning { fake in
            let npm = NpmRegistryClient(baseURL: fake.baseURL, transport: transport)
            let cargo = CratesIOClient(baseURL: fake.baseURL, transport: transport)
            let maven = MavenCentralClient(baseURL: fake.baseURL, searchURL: nil, transport: transport)
            let go = GoProxyClient(baseURL: fake.baseURL, transport: transport)
            let pypi = PyPIRegistryClient(baseURL: fake.baseURL, transport: transport)
            let refused: [(any RegistryClient, String)] = [
                (npm, "../../admin"), (npm, "@scope/../x"), (npm, ".."), (npm, "a/b"), (npm, "bad\nname"), (npm, ""),
                (cargo, "../etc/passwd"), (cargo, "serde?x=1"), (maven, "org.example:../../x"), (maven, "noartifact"),
                (maven, "org..example:a"), (go, "example.com/../x"), (go, "example.com//x"), (pypi, "../x"), (pypi, "a b"),
            ]
            for (client, name) in refused {
                do throws(RegistryError) {
                    _ = try await client.fetchReleases(of: name)
                    Issue.record("\(client.ecosystem) \(name.debugDescription) was asked for")
                } catch {
                    #expect(error.kind == .invalidName, "\(client.ecosystem) \(name.debugDescription)")
                }
            }
            #expect(fake.requestCount == 0)

            // Characters that mean something in a URL are escaped, never interpreted.
            _ = try await npm.fetchReleases(of: "what?ever#x%2F")
            #expect(fake.received.map(\.path) == ["/what%3Fever%23x%252F"])
        }
    }
}
