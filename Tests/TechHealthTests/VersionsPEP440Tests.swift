import Foundation
import Testing
import TechHealth

@Suite("Versions: PEP 440")
struct VersionsPEP440Tests {
    @Test("The specification's own example chain")
    func specificationChain() {
        expectAscending([
            "1.dev0", "1.0.dev456", "1.0a1", "1.0a2.dev456", "1.0a12.dev456", "1.0a12", "1.0b1.dev456", "1.0b2",
            "1.0b2.post345.dev456", "1.0b2.post345", "1.0rc1.dev456", "1.0rc1", "1.0", "1.0+abc.5", "1.0+abc.7", "1.0+5",
            "1.0.post456.dev34", "1.0.post456", "1.0.15", "1.1.dev1",
        ], in: .pep440)
    }

    @Test("Normalisation makes alternative spellings equal")
    func normalisation() {
        expectEqualVersions(["1.1a1", "1.1-a1", "1.1.a1", "1.1alpha1", "1.1_ALPHA_1", "v1.1a1", " 1.1a1\n"], in: .pep440)
        expectEqualVersions(["1.0rc1", "1.0c1", "1.0pre1", "1.0preview1", "1.0-rc-1"], in: .pep440)
        expectEqualVersions(["1.2a", "1.2a0"], in: .pep440)
        expectEqualVersions(["1.2.post", "1.2.post0", "1.2-post0"], in: .pep440)
        expectEqualVersions(["1.0.post2", "1.0-post2", "1.0post2", "1.0-r2", "1.0rev2", "1.0-2"], in: .pep440)
        expectEqualVersions(["1.2.dev", "1.2.dev0", "1.2-dev0"], in: .pep440)
        expectEqualVersions(["09000", "9000"], in: .pep440)
        expectEqualVersions(["1.0", "1.0.0", "1"], in: .pep440)
        expectEqualVersions(["1.0+ubuntu-1", "1.0+ubuntu_1", "1.0+ubuntu.1"], in: .pep440)
        #expect(PEP440Version("1.1-ALPHA.1")?.description == "1.1a1")
        #expect(PEP440Version("2!1.0-r4.dev+Ubuntu-1")?.description == "2!1.0.post4.dev0+ubuntu.1")
    }

    @Test("Epochs outrank everything without one; post-releases follow the release")
    func epochsAndPosts() {
        expectAscending(["2024.10", "1!0.1"], in: .pep440)
        expectAscending(["1.0.dev1", "1.0a1", "1.0", "1.0.post1"], in: .pep440)
    }

    @Test("Invalid versions are nil", arguments: ["", "1.0-", "1..0", "abc", "1.0+", "1.0+a..b", "1.0.post-", "1!", "1.0 beta", "1.0rc1rc2"])
    func invalid(_ text: String) {
        #expect(PEP440Version(text) == nil)
    }

    @Test("Specifiers", arguments: [
        (">=2.31,<3", "2.32.3", true), (">=2.31,<3", "3.0", false), ("~=2.2", "2.9", true), ("~=2.2", "3.0", false),
        ("~=1.4.5", "1.4.9", true), ("~=1.4.5", "1.5.0", false), ("==1.1.*", "1.1.post1", true), ("==1.1.*", "1.2", false),
        ("!=1.1.*", "1.2", true), ("==1.0", "1.0+local.7", true), ("==1.0+local.7", "1.0", false), ("!=1.0", "1.0.0", false),
        ("<3.1", "3.1.dev0", false), ("<3.1", "3.0.9", true), ("<3.1rc1", "3.1a1", true), (">1.7", "1.7.post2", false),
        (">1.7.post2", "1.7.post3", true), (">1.7", "1.7.1", true), (">1.7", "1.7+local", false), ("<=2.0", "2.0+local", true),
        ("===1.0", "1.0", true), ("===1.0", "1.0.0", false), ("==2.*", "2.0a1", true),
        ("^1.2.3", "1.9", true), ("^1.2.3", "2.0", false), ("^0.2.3", "0.3.0", false), ("~1.2.3", "1.2.9", true), ("~1.2.3", "1.3", false),
        ("*", "0.1", true), ("1.2.3", "1.2.3", true),
    ])
    func specifiers(_ range: String, _ version: String, _ expected: Bool) {
        #expect(VersionScheme.pep440.satisfies(version, range: range) == expected, "\(version) in \(range)")
    }

    @Test("Malformed specifiers are nil", arguments: ["~=1", "==1.0a1.*", ">=", ">=1,,<2", "=>1.0", "<>1"])
    func malformedSpecifiers(_ range: String) {
        #expect(VersionScheme.pep440.range(range) == nil)
    }
}
