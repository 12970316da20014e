import Foundation
import Testing
import TechHealth

@Suite("Policy: minimum, recommended and banned versions")
struct PolicyTests {
    let policy: Policy

    init() throws {
        policy = try Policy(contentsOf: Fixtures.url("health/policy.yaml"))
    }

    @Test("Banned wins, then minimum, then recommended; the verdict names the rule and its reason", arguments: [
        ("16.3.0", PolicyStatus.banned, "banned >=16.0.0 <16.4.2", "CVE-2018-6341"),
        ("16.14.0", .belowMinimum, "minimum 17.0.0", nil),
        ("17.0.2", .belowRecommended, "recommended 18.3.0", "React 19 migration needs 18.3's warnings first"),
        ("18.3.1", .inPolicy, nil, nil),
        ("19.2.0", .inPolicy, nil, nil),
    ] as [(String, PolicyStatus, String?, String?)])
    func react(_ version: String, _ status: PolicyStatus, _ rule: String?, _ reason: String?) {
        let verdict = policy.evaluate("react", in: .npm, version: version)
        #expect(verdict.status == status)
        #expect(verdict.rule == rule)
        #expect(verdict.reason == reason)
    }

    @Test("Ranges in each ecosystem's own syntax; wildcard names; a shared reason")
    func rangesAndWildcards() {
        let designSystem = policy.evaluate("@acme/design-system", in: .npm, version: "1.9.0")
        #expect(designSystem.status == .belowMinimum)
        #expect(designSystem.reason == "The v1 design system is gone")
        #expect(policy.evaluate("@acme/icons", in: .npm, version: "3.1.0").status == .inPolicy)
        #expect(policy.evaluate("@other/icons", in: .npm, version: "1.0.0").status == .noPolicy)
        #expect(policy.evaluate("DJANGO", in: .pypi, version: "3.2.25").status == .belowMinimum)
        #expect(policy.evaluate("django", in: .pypi, version: "4.2.16").status == .inPolicy)
        #expect(policy.evaluate("org.apache.logging.log4j:log4j-core", in: .maven, version: "2.14.1").status == .banned)
        #expect(policy.evaluate("org.apache.logging.log4j:log4j-core", in: .maven, version: "2.17.1").status == .inPolicy)
        #expect(policy.evaluate("react", in: .pypi, version: "1.0").status == .noPolicy)
    }

    @Test("Runtimes by endoflife.date name or alias")
    func runtimes() {
        let node18 = policy.evaluate(runtime: "nodejs", version: "18")
        #expect(node18.status == .belowMinimum)
        #expect(node18.reason == "Node 18 reached end of life")
        #expect(policy.evaluate(runtime: "node", version: "20.11.1").status == .belowRecommended)
        #expect(policy.evaluate(runtime: "nodejs", version: "22").status == .inPolicy)
        #expect(policy.evaluate(runtime: "python", version: "3.10").status == .belowMinimum)
        #expect(policy.evaluate(runtime: "python", version: "3.12.4").status == .inPolicy)
        #expect(policy.evaluate(runtime: "ruby", version: "2.7").status == .noPolicy)
    }

    @Test("An unknown version under a rule is its own status")
    func unknownVersion() {
        #expect(policy.evaluate("react", in: .npm, version: nil).status == .unknownVersion)
        #expect(policy.evaluate("react", in: .npm, version: "not-a-version").status == .unknownVersion)
    }

    @Test("A range that does not parse is an error naming the file and line")
    func badRange() {
        let error = #expect(throws: HealthDataError.self) {
            try Policy(contentsOf: Fixtures.url("health/policy-bad-range.yaml"))
        }
        #expect(error?.line == 5)
        #expect(error?.message.contains("not a valid npm range") == true)
    }

    @Test("Malformed rules are errors with a line", arguments: [
        ("packages:\n  - {ecosystem: npm, name: react}\n", 2, "sets none of"),
        ("packages:\n  - {ecosystem: pip, name: react, minimum: 1}\n", 2, "unknown ecosystem"),
        ("packages:\n  - {ecosystem: npm, minimum: 1.0.0}\n", 2, "needs a name"),
        ("packages:\n  - {ecosystem: npm, name: react, minimum: \"^^1\"}\n", 2, "neither a npm version nor a range"),
        ("packages:\n  - {ecosystem: npm, name: react, minimun: 1.0.0}\n", 2, "unknown field"),
        ("runtimes:\n  - {minimum: \"20\"}\n", 2, "needs a runtime"),
        ("rules: []\n", 1, "unknown section"),
    ])
    func malformed(_ yaml: String, _ line: Int, _ message: String) {
        do {
            _ = try Policy(yaml: yaml, file: "policy.yaml")
            Issue.record("expected an error")
        } catch let error as HealthDataError {
            #expect(error.line == line, "\(error)")
            #expect(error.message.contains(message), "\(error)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("The shipped example policy loads")
    func shipped() throws {
        let policy = try Policy(contentsOf: ReleasesEOLTests.repositoryFile("config/health/policy.yaml"))
        #expect(!policy.rules.isEmpty)
    }
}
