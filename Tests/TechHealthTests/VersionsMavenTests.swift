import Foundation
import Testing
import TechHealth

@Suite("Versions: Maven ComparableVersion")
struct VersionsMavenTests {
    @Test("The POM reference's documented orderings")
    func specificationExamples() {
        expectAscending(["1", "1.1"], in: .maven)
        expectAscending(["1-snapshot", "1", "1-sp"], in: .maven)
        expectAscending(["1-foo2", "1-foo10"], in: .maven)
        expectAscending(["1.foo", "1-1", "1.1"], in: .maven)
        expectAscending(["1-sp-1", "1-ga-1"], in: .maven)
        expectAscending(["1.K", "1.7"], in: .maven)
        expectAscending(["1.b", "1.α"], in: .maven)
        expectEqualVersions(["1.foo", "1-foo"], in: .maven)
        expectEqualVersions(["1.ga", "1-ga", "1-0", "1_0", "1.0", "1", "1.0.0", "1.final", "1.RELEASE"], in: .maven)
        expectEqualVersions(["3.2-ALPHA1", "3.2-alpha1", "3.2-a1", "3.2-alpha-1"], in: .maven)
        expectEqualVersions(["1-rc1", "1-cr1"], in: .maven)
    }

    @Test("The qualifier ladder: alpha < beta < milestone < rc < snapshot < release < sp < other words")
    func qualifierLadder() {
        expectAscending(["1-alpha", "1-beta", "1-milestone", "1-rc", "1-snapshot", "1", "1-sp", "1-foo"], in: .maven)
        expectAscending(["2.0.0.Alpha2", "2.0.0-M3", "2.0.0-RC1", "2.0.0-SNAPSHOT", "2.0.0.Final"], in: .maven)
    }

    @Test("Real-world spellings")
    func realWorld() {
        expectEqualVersions(["5.3.39.RELEASE", "5.3.39"], in: .maven)
        expectAscending(["31.1", "31.1-jre", "32.0.0-android", "32.0.0-jre"], in: .maven)
        expectAscending(["9.4.52.v20230823", "9.4.53.v20231009"], in: .maven)
        expectAscending(["1.9", "1.10"], in: .maven)
        #expect(MavenVersion("1.0.0-foo.0.0")?.canonical == "1-foo")
        #expect(MavenVersion("1.0-SNAPSHOT")?.isPrerelease == true)
        #expect(MavenVersion("31.1-jre")?.isPrerelease == false)
        #expect(VersionScheme.maven.parse("2.17.2")?.releaseNumbers == [2, 17, 2])
    }

    @Test("Ranges", arguments: [
        ("[1.0,2.0)", "1.5", true), ("[1.0,2.0)", "2.0", false), ("[1.0,2.0)", "2.0-rc1", true), ("[1.0,2.0)", "0.9", false),
        ("(,1.0]", "1.0", true), ("(,1.0]", "1.0.1", false), ("[1.5,)", "99", true), ("[1.0]", "1.0.0", true), ("[1.0]", "1.1", false),
        ("[1.0,1.2),[1.5,)", "1.3", false), ("[1.0,1.2),[1.5,)", "1.6", true), ("1.0", "0.1", true), ("(1.0,2.0)", "1.0", false),
    ])
    func ranges(_ range: String, _ version: String, _ expected: Bool) {
        #expect(VersionScheme.maven.satisfies(version, range: range) == expected, "\(version) in \(range)")
    }

    @Test("Malformed ranges are nil", arguments: ["[1.0", "(1.0)", "[2.0,1.0]", "[1,2,3]", "[1.0,2.0)x", ""])
    func malformed(_ range: String) {
        #expect(VersionScheme.maven.range(range) == nil)
    }
}
