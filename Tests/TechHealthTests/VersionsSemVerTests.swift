import Foundation
import Testing
import TechHealth

@Suite("Versions: SemVer 2.0.0")
struct VersionsSemVerTests {
    @Test("semver.org §11's own precedence chain")
    func specificationChain() {
        expectAscending(
            ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0"],
            in: .semver)
        expectAscending(["1.0.0", "2.0.0", "2.1.0", "2.1.1"], in: .semver)
    }

    @Test("Build metadata does not change precedence, but breaks ties so sorting is total")
    func buildMetadata() {
        #expect(VersionScheme.semver.compare("1.0.0+20130313144700", "1.0.0+exp.sha.5114f85") == .orderedSame)
        #expect(VersionScheme.semver.compare("1.0.0+build", "1.0.0") == .orderedSame)
        let plain = VersionScheme.semver.parse("1.0.0")!, built = VersionScheme.semver.parse("1.0.0+build")!
        #expect(plain < built)
        #expect(plain != built)
    }

    @Test("Numeric identifiers compare as numbers, one alphanumeric identifier as ASCII text")
    func identifierTraps() {
        expectAscending(["1.0.0-rc.9", "1.0.0-rc.10"], in: .semver)
        expectAscending(["1.0.0-rc10", "1.0.0-rc9"], in: .semver)
        expectAscending(["1.0.0-RC.1", "1.0.0-rc.1"], in: .semver)
        expectAscending(["1.9.0", "1.10.0"], in: .semver)
    }

    @Test("Strict parsing refuses what the grammar refuses", arguments: [
        "", "1", "1.0", "01.0.0", "1.01.0", "1.0.0-", "1.0.0-01", "1.0.0+", "1.0.0-a..b", "v1.0.0", "a.b.c",
        "1.0.0-é", "99999999999999999999.0.0",
    ])
    func refusesInvalid(_ text: String) {
        #expect(VersionScheme.semver.parse(text) == nil)
        #expect(SemanticVersion(text) == nil)
    }

    @Test("The entry point trims surrounding whitespace (files carry it); the type itself does not")
    func whitespace() {
        #expect(VersionScheme.semver.parse(" 1.0.0\n")?.text == "1.0.0")
        #expect(SemanticVersion("1.0.0 ") == nil)
    }

    @Test("npm accepts v and = prefixes; SwiftPM tags may drop minor and patch")
    func leniency() {
        #expect(VersionScheme.npm.compare("v1.2.3", "=1.2.3") == .orderedSame)
        #expect(VersionScheme.swift.compare("v1.2", "1.2.0") == .orderedSame)
        #expect(VersionScheme.swift.parse("1.2.3-beta.1")?.isPrerelease == true)
    }

    @Test("A version splits into major, minor and patch")
    func parts() {
        let version = VersionScheme.npm.parse("18.3.1")!
        #expect((version.major, version.minor, version.patch) == (18, 3, 1))
        #expect(VersionScheme.docker.parse("3.11-slim-bookworm")?.releaseNumbers == [3, 11, 0])
    }
}
