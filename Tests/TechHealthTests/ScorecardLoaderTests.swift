import Foundation
import Testing
import TechHealth

@Suite("Scorecards: the strict loader of config/scorecards/*.yaml")
struct ScorecardLoaderTests {
    /// The error loading `yaml` gives, or nil when it loads.
    static func loadError(_ yaml: String) -> ScorecardError? {
        do {
            _ = try Scorecard(yaml: yaml, file: "team.yaml")
            return nil
        } catch {
            return error
        }
    }

    /// A valid file whose check (lines 4–8) each test bends one way.
    static func file(check: String, levels: String = "[bronze, silver]", extra: String = "") -> String {
        """
        id: team
        title: Team basics
        levels: \(levels)
        checks:
        \(check)
          - id: second
            level: silver
            title: Second
            fact: docs.exists
            is: true
        \(extra)
        """
    }

    @Test("A valid file loads with its levels, filter, operators and defaults")
    func validFile() throws {
        let scorecard = try Scorecard(yaml: """
            id: service-maturity
            title: Service maturity
            description: What we ask of services.
            appliesTo: {kind: component, type: [service, website], lifecycle: production}
            levels: [bronze, silver, gold]
            checks:
              - id: has-owner
                level: bronze
                title: Has an owner that exists in the catalog
                fact: owner.exists
                is: true
                fix: Set spec.owner to a Group in the catalog.
              - id: tier-one-or-two
                level: silver
                title: Tier set
                fact: tier
                oneOf: [1, 2]
              - id: libyears-under-10
                level: gold
                title: Dependencies under 10 libyears in total
                fact: libyears.total
                lessThan: 10
                whenUnknown: skip
            """, file: "default.yaml")
        #expect(scorecard.id == "service-maturity")
        #expect(scorecard.levels == ["bronze", "silver", "gold"])
        #expect(scorecard.appliesTo == ScorecardFilter(kinds: ["component"], types: ["service", "website"], lifecycles: ["production"]))
        #expect(scorecard.checks.map(\.id) == ["has-owner", "tier-one-or-two", "libyears-under-10"])
        #expect(scorecard.checks[0].condition == .equals(.bool(true)))
        #expect(scorecard.checks[0].whenUnknown == .fail)
        #expect(scorecard.checks[0].fix == "Set spec.owner to a Group in the catalog.")
        // A text fact takes the operand's text: tier 1 is "1".
        #expect(scorecard.checks[1].condition == .oneOf([.string("1"), .string("2")]))
        #expect(scorecard.checks[2].condition == .lessThan(10))
        #expect(scorecard.checks[2].whenUnknown == .skip)
    }

    @Test("Every operator reads its operand", arguments: [
        ("fact: owner.exists\n    isNot: false", FactCondition.notEquals(.bool(false))),
        ("fact: libyears.max\n    atMost: 2.5", .atMost(2.5)),
        ("fact: dependencies.count\n    greaterThan: 0", .greaterThan(0)),
        ("fact: links.count\n    atLeast: 2", .atLeast(2)),
        ("fact: tags\n    contains: java", .contains("java")),
        ("fact: docs.codeCommitsSinceDocs\n    exists: true", .exists(true)),
        ("fact: lifecycle\n    is: production", .equals(.string("production"))),
    ])
    func operators(_ body: String, _ expected: FactCondition) throws {
        let yaml = Self.file(check: "  - id: first\n    level: bronze\n    title: First\n    \(body)")
        let scorecard = try Scorecard(yaml: yaml, file: "team.yaml")
        #expect(scorecard.checks[0].condition == expected)
    }

    @Test("Errors name the file, the line and the field", arguments: [
        // An unknown field at the top and in a check (a typo must not silently drop the condition).
        (ScorecardLoaderTests.file(check: "  - id: first\n    level: bronze\n    title: First\n    fact: owner.exists\n    is: true", extra: "owner: me"),
         15, "owner", "unknown field \"owner\""),
        (ScorecardLoaderTests.file(check: "  - id: first\n    level: bronze\n    title: First\n    fact: libyears.total\n    lessThen: 10"),
         9, "checks[0].lessThen", "unknown field \"checks[0].lessThen\""),
        // An unknown fact, with a suggestion.
        (ScorecardLoaderTests.file(check: "  - id: first\n    level: bronze\n    title: First\n    fact: owner.exist\n    is: true"),
         8, "checks[0].fact", "\"owner.exist\", which is not a fact Backline computes (did you mean \"owner.exists\"?)"),
        // An unknown level.
        (ScorecardLoaderTests.file(check: "  - id: first\n    level: platinum\n    title: First\n    fact: owner.exists\n    is: true"),
         6, "checks[0].level", "\"platinum\", which is not one of the scorecard's levels (bronze, silver)"),
        // A duplicate check id, at the second one.
        (ScorecardLoaderTests.file(check: "  - id: second\n    level: bronze\n    title: First\n    fact: owner.exists\n    is: true"),
         10, "checks[1].id", "\"second\", which the check on line 5 already uses"),
        // Wrong types.
        (ScorecardLoaderTests.file(check: "  - id: first\n    level: bronze\n    title: First\n    fact: libyears.total\n    lessThan: ten"),
         9, "checks[0].lessThan", "must be a number"),
        (ScorecardLoaderTests.file(check: "  - id: first\n    level: bronze\n    title: First\n    fact: owner.exists\n    is: \"true\""),
         9, "checks[0].is", "must be true or false"),
        (ScorecardLoaderTests.file(check: "  - id: first\n    level: bronze\n    title: First\n    fact: dependencies.count\n    is: many"),
         9, "checks[0].is", "must be a number"),
        (ScorecardLoaderTests.file(check: "  - id: first\n    level: bronze\n    title: First\n    fact: lifecycle\n    lessThan: 3"),
         9, "checks[0].lessThan", "needs a number fact"),
        (ScorecardLoaderTests.file(check: "  - id: first\n    level: bronze\n    title: First\n    fact: lifecycle\n    contains: prod"),
         9, "checks[0].contains", "needs a list fact"),
        (ScorecardLoaderTests.file(check: "  - id: first\n    level: bronze\n    title: First\n    fact: tags\n    is: java"),
         9, "checks[0].is", "use contains"),
        (ScorecardLoaderTests.file(check: "  - id: first\n    level: bronze\n    title: First\n    fact: tags\n    contains: [java]"),
         9, "checks[0].contains", "must be text"),
        (ScorecardLoaderTests.file(check: "  - id: first\n    level: bronze\n    title: First\n    fact: owner.exists\n    is: true\n    whenUnknown: maybe"),
         10, "checks[0].whenUnknown", "use pass, fail or skip"),
        (ScorecardLoaderTests.file(check: "  - id: first\n    level: [bronze]\n    title: First\n    fact: owner.exists\n    is: true"),
         6, "checks[0].level", "must be text"),
        // One condition per check, and at least one.
        (ScorecardLoaderTests.file(check: "  - id: first\n    level: bronze\n    title: First\n    fact: libyears.total\n    lessThan: 10\n    atLeast: 1"),
         10, "checks[0].atLeast", "cannot be combined with field \"checks[0].lessThan\""),
        (ScorecardLoaderTests.file(check: "  - id: first\n    level: bronze\n    title: First\n    fact: libyears.total"),
         8, "checks[0]", "has no condition"),
        // Missing and malformed structure.
        (ScorecardLoaderTests.file(check: "  - id: first\n    level: bronze\n    fact: owner.exists\n    is: true"),
         5, "checks[0].title", "missing field \"checks[0].title\""),
        (ScorecardLoaderTests.file(check: "  - id: first\n    level: bronze\n    title: First\n    fact: owner.exists\n    is: true", levels: "[bronze, silver, gold]"),
         3, "levels", "names \"gold\", which no check belongs to"),
        (ScorecardLoaderTests.file(check: "  - id: first\n    level: bronze\n    title: First\n    fact: owner.exists\n    is: true", levels: "[bronze, silver, bronze]"),
         3, "levels", "names \"bronze\" twice"),
        (ScorecardLoaderTests.file(check: "  - just text"), 5, "checks[0]", "field \"checks[0]\" must be a mapping"),
    ])
    func errors(_ yaml: String, _ line: Int, _ field: String, _ message: String) throws {
        let error = try #require(Self.loadError(yaml))
        #expect(error.file == "team.yaml")
        #expect(error.line == line, "\(error)")
        #expect(error.field == field, "\(error)")
        #expect(error.message.contains(message), "\(error)")
        #expect(error.description.hasPrefix("team.yaml:\(line): "))
    }

    @Test("Bad YAML, empty files, aliases and wrong roots are errors with a line, never a crash")
    func malformedFiles() throws {
        let syntax = try #require(Self.loadError("id: team\ntitle: [unclosed\nlevels: [bronze]\n"))
        #expect(syntax.message.hasPrefix("not valid YAML"))
        #expect(syntax.line != nil)
        let duplicateKey = try #require(Self.loadError("id: team\nid: other\n"))
        #expect(duplicateKey.message.contains("duplicated keys"))
        #expect(Self.loadError("")?.message == "the file is empty")
        #expect(Self.loadError("- a\n- b\n")?.message == "the file must be a mapping of fields")
        // An alias is never expanded: where a value is expected it is the wrong type.
        let alias = try #require(Self.loadError(Self.file(check: "  - &first\n    id: first\n    level: bronze\n    title: First\n    fact: owner.exists\n    is: true\n  - *first")))
        #expect(alias.field?.hasPrefix("checks[1]") == true, "\(alias)")
        let badID = try #require(Self.loadError(Self.file(check: "  - id: First Check\n    level: bronze\n    title: First\n    fact: owner.exists\n    is: true")))
        #expect(badID.field == "checks[0].id")
        let huge = try #require(Self.loadError("id: x\n# " + String(repeating: "x", count: Scorecard.maximumFileBytes)))
        #expect(huge.message.hasPrefix("larger than"))
    }

    @Test("A folder loads in file-name order; a duplicate scorecard id names the second file and line")
    func folders() throws {
        let duplicate = Fixtures.url("scorecards/duplicate-id")
        #expect(throws: ScorecardError.self) { try Scorecard.load(directory: duplicate) }
        let problems = Scorecard.problems(inDirectory: duplicate)
        #expect(problems.count == 1)
        #expect(problems.first?.file.hasSuffix("two.yaml") == true)
        #expect(problems.first?.line == 4)
        #expect(problems.first?.message.contains("one.yaml already uses") == true)

        let mixed = Scorecard.problems(inDirectory: Fixtures.url("scorecards/mixed"))
        #expect(mixed.map(\.field) == ["checks[0].lessThen"])
        #expect(mixed.first?.description.hasSuffix("broken.yaml:9: unknown field \"checks[0].lessThen\" (known: id, level, title, fact, whenUnknown, fix, description, is, isNot, lessThan, atMost, greaterThan, atLeast, oneOf, contains, exists)") == true)
        #expect(!Scorecard.problems(inDirectory: Fixtures.url("scorecards/missing-folder")).isEmpty)
    }

    @Test("The shipped default scorecard loads and spans bronze, silver and gold")
    func shippedDefault() throws {
        let folder = ReleasesEOLTests.repositoryFile("config/scorecards")
        let scorecards = try Scorecard.load(directory: folder)
        let shipped = try #require(scorecards.first { $0.id == "default" })
        #expect(shipped.levels == ["bronze", "silver", "gold"])
        #expect((10...12).contains(shipped.checks.count))
        for level in shipped.levels { #expect(shipped.checks.contains { $0.level == level }) }
        #expect(shipped.checks.allSatisfy { $0.fix != nil })
    }

    @Test("docs/scorecards.md documents every fact and every operator")
    func documented() throws {
        let docs = try String(contentsOf: ReleasesEOLTests.repositoryFile("docs/scorecards.md"), encoding: .utf8)
        for definition in ComponentFacts.definitions {
            #expect(docs.contains("| `\(definition.name)` |"), "docs/scorecards.md does not list \(definition.name)")
        }
        for name in FactCondition.operatorNames { #expect(docs.contains("`\(name)`"), "docs/scorecards.md does not describe \(name)") }
    }
}
