import Foundation
import Testing
import TechHealth

@Suite("Versions: Go modules and toolchains")
struct VersionsGoTests {
    @Test("Pseudo-versions are pre-releases: above their base, below the next tag, by time")
    func pseudoVersionOrder() {
        expectAscending([
            "v0.0.0-20191109021931-daa7c04131f5", "v0.0.0-20200101000000-aaaaaaaaaaaa", "v0.1.0",
            "v1.2.3", "v1.2.4-0.20230101000000-abcdefabcdef", "v1.2.4",
            "v1.3.0-pre", "v1.3.0-pre.0.20230101000000-abcdefabcdef", "v1.3.0",
        ], in: .goModule)
    }

    @Test("A pseudo-version's timestamp is its offline release date")
    func pseudoVersionDate() throws {
        let version = try #require(VersionScheme.goModule.parse("v0.0.0-20191109021931-daa7c04131f5"))
        #expect(version.isPrerelease)
        #expect(version.embeddedDate == Date(timeIntervalSince1970: 1_573_265_971))
        #expect(GoModuleVersion("v1.2.4-0.20230101000000-abcdefabcdef")?.isPseudoVersion == true)
        #expect(GoModuleVersion("v1.2.4-0.20231301000000-abcdefabcdef")?.isPseudoVersion == false)
        #expect(GoModuleVersion("v1.2.4-beta.1")?.isPseudoVersion == false)
        #expect(VersionScheme.goModule.parse("v1.6.0")?.embeddedDate == nil)
    }

    @Test("+incompatible is build metadata; shorthands canonicalise; the v is required")
    func incompatibleAndShorthands() {
        #expect(VersionScheme.goModule.compare("v2.0.0+incompatible", "v2.0.0") == .orderedSame)
        #expect(GoModuleVersion("v4.1.2+incompatible")?.isIncompatible == true)
        #expect(VersionScheme.goModule.compare("v1", "v1.0.0") == .orderedSame)
        #expect(VersionScheme.goModule.compare("v1.2", "v1.2.0") == .orderedSame)
        #expect(VersionScheme.goModule.parse("1.2.3") == nil)
        #expect(VersionScheme.goModule.parse("v1.2-pre") == nil)
        #expect(VersionScheme.goModule.satisfies("v1.4.0", range: ">=v1.2.0, <v2") == true)
        #expect(VersionScheme.goModule.satisfies("v2.1.0", range: ">=v1.2.0, <v2") == false)
    }

    @Test("Toolchain versions follow the go command's order, not SemVer")
    func toolchainOrder() {
        expectAscending(["1.20rc1", "1.20rc3", "1.20", "1.20.1", "1.21", "1.21rc1", "1.21rc2", "1.21.0", "1.21.1"], in: .goToolchain)
        expectAscending(["1.18beta1", "1.18rc1", "1.18"], in: .goToolchain)
        #expect(VersionScheme.goToolchain.compare("go1.24.2", "1.24.2") == .orderedSame)
        #expect(VersionScheme.goToolchain.satisfies("1.22.5", range: ">=1.22 <1.24") == true)
        #expect(VersionScheme.goToolchain.parse("1") == nil)
    }
}
