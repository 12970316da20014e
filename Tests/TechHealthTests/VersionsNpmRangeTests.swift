import Foundation
import Testing
import TechHealth

@Suite("Versions: npm and Cargo ranges")
struct VersionsNpmRangeTests {
    /// (range, version, satisfies) rows from node-semver's README desugarings.
    @Test("node-semver's documented desugarings", arguments: [
        ("~1.2.3", "1.2.9", true), ("~1.2.3", "1.3.0", false), ("~1.2", "1.2.0", true), ("~1.2", "1.3.0", false),
        ("~1", "1.9.9", true), ("~1", "2.0.0", false), ("~0.2", "0.2.5", true), ("~0.2", "0.3.0", false),
        ("^1.2.3", "1.9.0", true), ("^1.2.3", "2.0.0", false), ("^1.2.3", "1.2.2", false),
        ("^0.2.3", "0.2.9", true), ("^0.2.3", "0.3.0", false), ("^0.0.3", "0.0.3", true), ("^0.0.3", "0.0.4", false),
        ("^0.0", "0.0.9", true), ("^0.0", "0.1.0", false), ("^0.0.x", "0.0.5", true), ("^0.x", "0.9.9", true), ("^0.x", "1.0.0", false),
        ("*", "3.2.1", true), ("", "3.2.1", true), ("1", "1.5.0", true), ("1", "2.0.0", false), ("1.x", "1.0.0", true),
        ("1.2.x", "1.2.7", true), ("1.2.x", "1.3.0", false),
        ("1.2.3 - 2.3", "2.3.9", true), ("1.2.3 - 2.3", "2.4.0", false), ("1.2.3 - 2.3.4", "2.3.4", true), ("1.2.3 - 2.3.4", "1.2.2", false),
        (">=1.0.2 <2.1.2", "2.1.1", true), (">=1.0.2 <2.1.2", "2.1.2", false), (">= 1.0.2  < 2.1.2", "1.5.0", true),
        ("1.2.7 || >=1.2.9 <2.0.0", "1.2.8", false), ("1.2.7 || >=1.2.9 <2.0.0", "1.2.9", true), ("1.2.7 || >=1.2.9 <2.0.0", "1.2.7", true),
        ("<1.2", "1.1.9", true), ("<1.2", "1.2.0", false), ("<=1.2", "1.2.9", true), (">1.2", "1.2.9", false), (">1.2", "1.3.0", true),
        ("=1.2.3", "1.2.3", true), ("v1.2.3", "1.2.3", true), ("~>1.2.3", "1.2.8", true),
    ])
    func npmRanges(_ range: String, _ version: String, _ expected: Bool) {
        #expect(VersionScheme.npm.satisfies(version, range: range) == expected, "\(version) in \(range)")
    }

    @Test("A pre-release matches only a set naming a pre-release of the same major.minor.patch")
    func prereleaseRule() {
        #expect(VersionScheme.npm.satisfies("1.2.3-alpha.7", range: ">1.2.3-alpha.3") == true)
        #expect(VersionScheme.npm.satisfies("3.4.5-alpha.9", range: ">1.2.3-alpha.3") == false)
        #expect(VersionScheme.npm.satisfies("3.4.5", range: ">1.2.3-alpha.3") == true)
        #expect(VersionScheme.npm.satisfies("2.0.0-rc.1", range: "^1.2.3") == false)
        #expect(VersionScheme.npm.satisfies("1.5.0-beta", range: "^1.2.3") == false)
        #expect(VersionScheme.npm.satisfies("1.2.3-beta.4", range: "^1.2.3-beta.2") == true)
    }

    @Test("Cargo: a bare version is a caret requirement; commas are AND", arguments: [
        ("1.2.3", "1.9.0", true), ("1.2.3", "2.0.0", false), ("^0.2.3", "0.2.9", true), ("^0.2.3", "0.3.0", false),
        ("^0.0.3", "0.0.4", false), ("~1.2.3", "1.2.9", true), ("~1.2.3", "1.3.0", false), ("~1", "1.9.0", true),
        ("*", "9.9.9", true), ("1.*", "1.4.0", true), ("1.2.*", "1.3.0", false), ("=1.2.3", "1.2.4", false),
        (">=1.2, <1.5", "1.4.9", true), (">=1.2, <1.5", "1.5.0", false), ("0.9", "0.9.7", true), ("0.9", "0.10.0", false),
    ])
    func cargoRequirements(_ range: String, _ version: String, _ expected: Bool) {
        #expect(VersionScheme.cargo.satisfies(version, range: range) == expected, "\(version) in \(range)")
    }

    @Test("SwiftPM intervals")
    func swiftIntervals() {
        #expect(VersionScheme.swift.satisfies("1.5.0", range: "\"1.2.3\"..<\"2.0.0\"") == true)
        #expect(VersionScheme.swift.satisfies("2.0.0", range: "\"1.2.3\"..<\"2.0.0\"") == false)
        #expect(VersionScheme.swift.satisfies("1.2.6", range: "1.2.3...1.2.6") == true)
    }

    @Test("Malformed ranges are nil, never a crash", arguments: [
        ">=", "^", "1.2.3.4", "^a.b", ">=1 <", "1 - ", "~>>1", "1.2.3-", ">=99999999999999999999999",
    ])
    func malformed(_ range: String) {
        #expect(VersionScheme.npm.range(range) == nil)
    }

    @Test("A range's floor is the lowest version it asks for")
    func floor() {
        #expect(VersionScheme.npm.range("^18.2.0")?.floor?.text == "18.2.0")
        #expect(VersionScheme.pep440.range(">=2.31,<3")?.floor?.text == "2.31")
    }
}
