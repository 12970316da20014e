import Foundation
import Testing
import TechHealth

@Suite("Versions: RubyGems")
struct VersionsRubyGemsTests {
    @Test("The Gem::Version documentation's ordering: a letter makes a pre-release below its release")
    func documentedOrder() {
        expectAscending(["1.0.a", "1.0", "1.0.1"], in: .rubygems)
        expectAscending(["1.0.a1", "1.0.a2", "1.0.b1", "1.0.rc1", "1.0"], in: .rubygems)
        expectAscending(["1.9", "1.10"], in: .rubygems)
        expectEqualVersions(["1.0", "1.0.0", "1"], in: .rubygems)
        expectEqualVersions(["1.0.0-rc1", "1.0.0.pre.rc1"], in: .rubygems)
        #expect(VersionScheme.rubygems.parse("1.0.0-rc1")?.isPrerelease == true)
        #expect(VersionScheme.rubygems.compare("", "0") == .orderedSame)
        #expect(VersionScheme.rubygems.compare("3.3.5p100", "3.3.5") == .orderedSame)
    }

    @Test("Requirements, the pessimistic operator included", arguments: [
        ("~> 2.2", "2.9", true), ("~> 2.2", "3.0", false), ("~> 2.2.0", "2.2.9", true), ("~> 2.2.0", "2.3", false),
        ("~> 3.13.0", "3.13.1", true), (">= 2.2.4", "3.1.8", true), (">= 1.0, < 2", "2.0", false), ("(~> 7.2)", "7.2.1", true),
        ("= 1.2.3", "1.2.3", true), ("1.2.3", "1.2.4", false), ("!= 1.2.3", "1.2.4", true), ("~> 2.2", "2.2.0.rc1", false),
    ])
    func requirements(_ range: String, _ version: String, _ expected: Bool) {
        #expect(VersionScheme.rubygems.satisfies(version, range: range) == expected, "\(version) in \(range)")
    }

    @Test("Invalid versions and requirements are nil", arguments: ["1..0", ".1", "a1", "1.0-", "1.0 2"])
    func invalid(_ text: String) {
        #expect(VersionScheme.rubygems.parse(text) == nil)
        #expect(VersionScheme.rubygems.range("~> \(text)") == nil)
    }
}

@Suite("Versions: hostile input")
struct VersionsHostileInputTests {
    static let inputs = [
        "", " ", "\0", "v", "-", "+", ".", "..", "1.", ".1", "1-", "1+", "^", "~", "*.*.*", "x.x.x", "||", "[", "(,)", "[,]",
        "1.2.3.4.5.6.7.8.9", String(repeating: "9", count: 400), String(repeating: "1.", count: 300), "1.0.0-" + String(repeating: "a.", count: 200) + "a",
        "💥", "1.0.💥", "v1.0.0\u{202E}", "1!2!3", "1.0+++", "~>", ">=<1", "1 - 2 - 3", "[1.0,2.0),", "=== ", "==.*", "~= 1",
    ]

    @Test("No scheme traps on garbage, as a version or as a range")
    func garbage() {
        for scheme in VersionScheme.allCases {
            for input in Self.inputs {
                let version = scheme.parse(input)
                let range = scheme.range(input)
                if let version, let range { _ = range.contains(version) }
                _ = scheme.compare(input, "1.0.0")
                _ = version?.releaseNumbers
            }
        }
    }
}
