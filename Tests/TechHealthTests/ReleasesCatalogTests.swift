import Foundation
import Testing
import TechHealth

@Suite("Releases: the offline release catalog")
struct ReleasesCatalogTests {
    let catalog: ReleaseCatalog

    init() throws {
        catalog = try ReleaseCatalog(contentsOf: Fixtures.url("health/releases.yaml"))
    }

    @Test("Releases in any order come back in version order; the latest skips pre-releases and yanked ones")
    func latestStable() throws {
        let react = try #require(catalog.lookup("react", in: .npm))
        #expect(react.releases.map(\.version) == ["16.14.0", "17.0.2", "18.2.0", "18.3.1", "19.0.0", "19.2.0", "19.3.0", "20.0.0-rc.1"])
        #expect(react.latestStable?.version == "19.2.0")
        #expect(react.latestStable?.released == CalendarDay("2025-10-01"))
        #expect(react.release(matching: "18.3.1")?.released == CalendarDay(year: 2024, month: 4, day: 26))
        #expect(react.release(matching: "18.3.2") == nil)
    }

    @Test("When only pre-releases exist, the newest of them is the latest")
    func onlyPrereleases() {
        #expect(catalog.lookup("only-betas", in: .npm)?.latestStable?.version == "1.0.0-beta.2")
    }

    @Test("A bare version is a release without a date")
    func bareVersion() {
        let leftPad = catalog.lookup("left-pad", in: .npm)
        #expect(leftPad?.latestStable == Release(version: "1.3.0"))
    }

    @Test("Names are normalised as each ecosystem does: PEP 503 for PyPI, - and _ alike for crates")
    func normalisedNames() {
        #expect(catalog.lookup("djangorestframework", in: .pypi) == nil)
        #expect(catalog.lookup("django-rest-framework", in: .pypi)?.latestStable?.version == "3.15.2")
        #expect(catalog.lookup("Django__Rest..Framework", in: .pypi) != nil)
        #expect(catalog.lookup("serde-json", in: .cargo)?.latestStable?.version == "1.0.128")
        #expect(PackageName.normalised("docker.io/library/node", in: .docker) == "node")
        #expect(catalog.lookup("React", in: .npm) == nil)
    }

    @Test("Maven finds 1.0 as 1.0.0; the catalog serves as a ReleaseSource")
    func schemeEquality() async throws {
        let source: any ReleaseSource = catalog
        let jackson = try await source.releases(of: "com.fasterxml.jackson.core:jackson-databind", in: .maven)
        #expect(jackson?.release(matching: "2.17.2.0")?.version == "2.17.2")
        #expect(try await source.releases(of: "nothing", in: .maven) == nil)
    }

    @Test("A bad date names the file and its line")
    func badDate() {
        let error = #expect(throws: HealthDataError.self) {
            try ReleaseCatalog(contentsOf: Fixtures.url("health/releases-bad-date.yaml"))
        }
        #expect(error?.file.hasSuffix("releases-bad-date.yaml") == true)
        #expect(error?.line == 4)
        #expect(error?.message.contains("2025-13-01") == true)
    }

    @Test("Broken YAML is an error naming the file and line, never a crash")
    func brokenYAML() {
        let error = #expect(throws: HealthDataError.self) {
            try ReleaseCatalog(contentsOf: Fixtures.url("health/releases-broken.yaml"))
        }
        #expect(error?.file.hasSuffix("releases-broken.yaml") == true)
        #expect(error?.line != nil)
        #expect(error?.description.contains("not valid YAML") == true)
    }

    @Test("Unknown ecosystems, fields and shapes are errors with a line", arguments: [
        ("pip:\n  requests: []\n", 1, "unknown ecosystem"),
        ("npm:\n  react:\n    - {version: 1.0.0, when: 2024-01-01}\n", 3, "unknown field"),
        ("npm:\n  react: 1.0.0\n", 2, "must be a list"),
        ("npm:\n  react:\n    - {released: 2024-01-01}\n", 3, "no version"),
        ("- npm\n", 1, "must be a mapping"),
    ])
    func malformed(_ yaml: String, _ line: Int, _ message: String) {
        do {
            _ = try ReleaseCatalog(yaml: yaml, file: "inline.yaml")
            Issue.record("expected an error")
        } catch let error as HealthDataError {
            #expect(error.file == "inline.yaml")
            #expect(error.line == line)
            #expect(error.message.contains(message), "\(error)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("An empty file is an empty catalog; a missing file is an error")
    func emptyAndMissing() throws {
        #expect(try ReleaseCatalog(yaml: "").allPackages.isEmpty)
        #expect(throws: HealthDataError.self) { try ReleaseCatalog(contentsOf: Fixtures.url("health/absent.yaml")) }
    }

    @Test("The shipped releases.yaml loads")
    func shipped() throws {
        let catalog = try ReleaseCatalog(contentsOf: ReleasesEOLTests.repositoryFile("config/health/releases.yaml"))
        #expect(catalog.lookup("react", in: .npm)?.latestStable?.version == "19.2.0")
        #expect(catalog.lookup("Django", in: .pypi)?.latestStable?.version == "5.1")
        #expect(catalog.allPackages.allSatisfy { $0.unparsable.isEmpty })
    }
}
