import Catalog
import Foundation
import Testing
import TechHealth

@Suite("Scorecards: operators, unknown facts, levels and the result")
struct ScorecardEvaluationTests {
    static let component = EntityRef(kind: "component", name: "playlist-api")

    static func facts(_ values: [String: FactValue]) -> ComponentFacts { ComponentFacts(entity: component, values: values) }

    static func check(_ id: String, _ level: String, _ fact: String, _ condition: FactCondition, whenUnknown: ScorecardCheck.UnknownFact = .fail) -> ScorecardCheck {
        ScorecardCheck(id: id, level: level, title: "Check \(id)", fact: fact, condition: condition, whenUnknown: whenUnknown, fix: "Fix \(id).")
    }

    @Test("Each operator's semantics, text compared case-insensitively", arguments: [
        (FactCondition.equals(.bool(true)), FactValue.bool(true), true),
        (.equals(.bool(true)), .bool(false), false),
        (.equals(.string("production")), .string("Production"), true),
        (.equals(.number(3)), .number(3), true),
        (.notEquals(.string("deprecated")), .string("production"), true),
        (.notEquals(.string("deprecated")), .string("DEPRECATED"), false),
        (.lessThan(10), .number(9.99), true),
        (.lessThan(10), .number(10), false),
        (.atMost(0), .number(0), true),
        (.atMost(0), .number(1), false),
        (.greaterThan(2), .number(2), false),
        (.greaterThan(2), .number(2.5), true),
        (.atLeast(2), .number(2), true),
        (.atLeast(2), .number(1), false),
        (.oneOf([.string("1"), .string("2")]), .string("2"), true),
        (.oneOf([.string("1"), .string("2")]), .string("3"), false),
        (.contains("java"), .strings(["kotlin", "Java"]), true),
        (.contains("java"), .strings([]), false),
        (.exists(true), .number(0), true),
        (.exists(true), .null, false),
        (.exists(false), .null, true),
        (.exists(false), .strings([]), false),
        // A value of another type never matches (facts from elsewhere can be anything).
        (.lessThan(10), .string("5"), false),
        (.contains("java"), .string("java"), false),
    ])
    func operatorSemantics(_ condition: FactCondition, _ value: FactValue, _ expected: Bool) {
        #expect(condition.evaluate(value) == expected)
    }

    @Test("An unknown fact fails a comparison unless the check says pass or skip")
    func unknownFacts() {
        for condition in [FactCondition.equals(.bool(true)), .notEquals(.bool(true)), .lessThan(1), .oneOf([.string("a")]), .contains("a")] {
            #expect(condition.evaluate(.null) == nil)
        }
        let facts = Self.facts([:])
        let failed = Self.check("a", "bronze", "libyears.total", .lessThan(10)).evaluate(facts)
        #expect(failed.outcome == .failed)
        #expect(failed.actual == .null)
        #expect(failed.note == "libyears.total is unknown")
        #expect(failed.fix == "Fix a.")
        #expect(Self.check("a", "bronze", "libyears.total", .lessThan(10), whenUnknown: .pass).evaluate(facts).outcome == .passed)
        let skipped = Self.check("a", "bronze", "libyears.total", .lessThan(10), whenUnknown: .skip).evaluate(facts)
        #expect(skipped.outcome == .skipped)
        #expect(skipped.fix == nil)
    }

    static let ladder = Scorecard(id: "default", title: "Service maturity", levels: ["bronze", "silver", "gold"], checks: [
        check("has-owner", "bronze", "owner.exists", .equals(.bool(true))),
        check("has-description", "bronze", "description.set", .equals(.bool(true))),
        check("has-docs", "silver", "docs.exists", .equals(.bool(true))),
        check("docs-fresh", "silver", "docs.fresh", .equals(.bool(true)), whenUnknown: .skip),
        check("libyears-under-10", "gold", "libyears.total", .lessThan(10)),
    ])

    static let allGood: [String: FactValue] = [
        "owner.exists": .bool(true), "description.set": .bool(true), "docs.exists": .bool(true), "docs.fresh": .bool(true),
        "libyears.total": .number(3.2),
    ]

    @Test("The level is the highest whose checks and all lower levels' checks pass")
    func levels() {
        let top = Self.ladder.evaluate(Self.facts(Self.allGood))
        #expect(top.level == "gold")
        #expect(top.passed == 5)
        #expect(top.failed == 0)
        #expect(top.nextLevel == nil)
        #expect(top.nextLevelNeeds.isEmpty)

        var values = Self.allGood
        values["libyears.total"] = .number(12)
        let silver = Self.ladder.evaluate(Self.facts(values))
        #expect(silver.level == "silver")
        #expect(silver.nextLevel == "gold")
        #expect(silver.nextLevelNeeds == ["libyears-under-10"])
        #expect(silver.checks.last?.actual == .number(12))
        #expect(silver.checks.last?.expected == "libyears.total < 10")

        // A gold check passing while a bronze one fails gives no level at all.
        values = Self.allGood
        values["owner.exists"] = .bool(false)
        let none = Self.ladder.evaluate(Self.facts(values))
        #expect(none.level == nil)
        #expect(none.nextLevel == "bronze")
        #expect(none.nextLevelNeeds == ["has-owner"])
        #expect(none.passed == 4)
        #expect(none.failed == 1)
        // Fixing that one check alone would go straight to gold.
        #expect(none.checks.first?.levelIfFixed == "gold")

        // A skipped check does not hold a level back.
        values = Self.allGood
        values["docs.fresh"] = .null
        let skipped = Self.ladder.evaluate(Self.facts(values))
        #expect(skipped.level == "gold")
        #expect(skipped.skipped == 1)
        #expect(skipped.passed == 4)
    }

    @Test("Failures list lowest level first, and levelIfFixed shows what each fix is worth")
    func nextLevel() {
        let result = Self.ladder.evaluate(Self.facts([
            "owner.exists": .bool(true), "description.set": .bool(false), "docs.exists": .bool(false), "libyears.total": .number(40),
        ]))
        #expect(result.level == nil)
        #expect(result.failedChecks.map(\.id) == ["has-description", "has-docs", "libyears-under-10"])
        #expect(result.nextLevelNeeds == ["has-description"])
        let byID = Dictionary(uniqueKeysWithValues: result.checks.map { ($0.id, $0) })
        #expect(byID["has-description"]?.levelIfFixed == "bronze")
        #expect(byID["has-docs"]?.levelIfFixed == nil)
        #expect(byID["has-owner"]?.levelIfFixed == nil)
        #expect(byID["has-owner"]?.fix == nil)
    }

    @Test("appliesTo filters by kind, type, lifecycle and tag")
    func filters() {
        let filter = ScorecardFilter(kinds: ["Component"], types: ["service", "website"], tags: ["java", "kotlin"])
        #expect(filter.matches(Self.facts(["kind": .string("component"), "type": .string("Service"), "tags": .strings(["java"])])))
        #expect(!filter.matches(Self.facts(["kind": .string("component"), "type": .string("library"), "tags": .strings(["java"])])))
        #expect(!filter.matches(Self.facts(["kind": .string("component"), "type": .string("service"), "tags": .strings(["go"])])))
        #expect(!filter.matches(Self.facts(["kind": .string("api"), "type": .string("service"), "tags": .strings(["java"])])))
        #expect(!ScorecardFilter(lifecycles: ["production"]).matches(Self.facts([:])))
        #expect(ScorecardFilter.any.matches(Self.facts([:])))
    }

    @Test("The JSON scorecard object keeps every key, nulls included, and round-trips")
    func json() throws {
        var values = Self.allGood
        values["libyears.total"] = .null
        let result = Self.ladder.evaluate(Self.facts(values))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let text = String(decoding: try encoder.encode(result), as: UTF8.self)
        for fragment in [
            "\"entity\":\"component:default/playlist-api\"", "\"level\":\"silver\"", "\"nextLevel\":\"gold\"",
            "\"nextLevelNeeds\":[\"libyears-under-10\"]", "\"actual\":null", "\"actual\":true", "\"outcome\":\"failed\"",
            "\"fix\":null", "\"levelIfFixed\":\"gold\"", "\"levels\":[\"bronze\",\"silver\",\"gold\"]", "\"skipped\":0",
        ] {
            #expect(text.contains(fragment), "\(fragment) missing from \(text)")
        }
        #expect(try JSONDecoder().decode(ScorecardResult.self, from: Data(text.utf8)) == result)
        let facts = try JSONDecoder().decode([String: FactValue].self, from: Data(#"{"a":true,"b":2.5,"c":"x","d":["y"],"e":null}"#.utf8))
        #expect(facts == ["a": .bool(true), "b": .number(2.5), "c": .string("x"), "d": .strings(["y"]), "e": .null])
        #expect(FactValue.number(12).description == "12")
        #expect(FactValue.number(3.456).description == "3.46")
    }

    @Test("The shipped default scorecard places a well-kept service at gold and a neglected one nowhere")
    func shippedDefault() throws {
        let scorecard = try Scorecard(contentsOf: ReleasesEOLTests.repositoryFile("config/scorecards/default.yaml"))
        let kept: [String: FactValue] = [
            "kind": .string("component"), "type": .string("service"), "owner.exists": .bool(true), "owner.isGroup": .bool(true),
            "description.set": .bool(true), "lifecycle.set": .bool(true), "ci.exists": .bool(true), "docs.exists": .bool(true),
            "runtimes.endOfLife": .number(0), "policy.violations": .number(0), "manifests.problems": .number(0),
            "docs.fresh": .null, "libyears.total": .number(4.5), "dependencies.maxMajorsBehind": .number(1),
        ]
        #expect(scorecard.applies(to: Self.facts(kept)))
        #expect(scorecard.evaluate(Self.facts(kept)).level == "gold")
        let neglected = scorecard.evaluate(Self.facts(["kind": .string("component"), "type": .string("service")]))
        #expect(neglected.level == nil)
        #expect(neglected.passed == 0)
        #expect(neglected.failed == scorecard.checks.count - 1)
        #expect(neglected.skipped == 1)
        #expect(!scorecard.applies(to: Self.facts(["kind": .string("component"), "type": .string("library")])))
    }
}
