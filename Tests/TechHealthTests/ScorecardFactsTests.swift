import Catalog
import Foundation
import Testing
import TechHealth

@Suite("Scorecards: component facts and CI detection", .timeLimit(.minutes(3)))
struct ScorecardFactsTests {
    static let ref = EntityRef(kind: "component", name: "playlist-api")

    static func entity(owner: String? = "group:default/squad-playlists", annotations: [String: String] = [:], description: String? = "Playlists") -> Entity {
        var spec: [String: JSONValue] = ["type": .string("service"), "lifecycle": .string("Production"), "system": .string("playlists")]
        if let owner { spec["owner"] = .string(owner) }
        return Entity(
            apiVersion: "backstage.io/v1alpha1", kind: "Component",
            metadata: EntityMetadata(
                name: "playlist-api", description: description,
                annotations: annotations, tags: ["java", "kotlin"],
                links: [EntityLink(url: "https://runbooks.example.com/playlists", title: "Runbook", type: "Runbook"), EntityLink(url: "https://grafana.example.com")]),
            spec: .object(spec))
    }

    @Test("Descriptor facts are always known")
    func descriptorFacts() {
        let facts = ComponentFacts.compute(
            entity: Self.entity(annotations: ["backline.io/tier": "1", "backstage.io/techdocs-ref": "dir:."]),
            ownerExists: true, harvest: nil, measure: nil, files: nil)
        #expect(facts.entity == Self.ref)
        #expect(facts["kind"] == .string("component"))
        #expect(facts["type"] == .string("service"))
        #expect(facts["owner.set"] == .bool(true))
        #expect(facts["owner.exists"] == .bool(true))
        #expect(facts["owner.isGroup"] == .bool(true))
        #expect(facts["description.set"] == .bool(true))
        #expect(facts["lifecycle.set"] == .bool(true))
        #expect(facts["lifecycle"] == .string("production"))
        #expect(facts["tier.set"] == .bool(true))
        #expect(facts["tier"] == .string("1"))
        #expect(facts["system.set"] == .bool(true))
        #expect(facts["tags"] == .strings(["java", "kotlin"]))
        #expect(facts["tags.count"] == .number(2))
        #expect(facts["annotations"] == .strings(["backline.io/tier", "backstage.io/techdocs-ref"]))
        #expect(facts["links.count"] == .number(2))
        #expect(facts["links.types"] == .strings(["runbook"]))
        #expect(facts["docs.exists"] == .bool(true))
        // Without a harvest, what it would tell is unknown; docs are declared but not yet checked.
        for name in ["source.readable", "manifests.problems", "ci.exists", "docs.status", "docs.fresh", "libyears.total", "runtimes.endOfLife"] {
            #expect(facts[name] == .null, "\(name)")
        }
        // Every defined fact is present, and nothing else.
        #expect(Set(facts.values.keys) == Set(ComponentFacts.definitions.map(\.name)))
    }

    @Test("A user owner, a missing owner and a blank description")
    func ownersAndBlanks() {
        let user = ComponentFacts.compute(entity: Self.entity(owner: "user:jdoe", description: "  "), ownerExists: true, harvest: nil, measure: nil, files: nil)
        #expect(user["owner.isGroup"] == .bool(false))
        #expect(user["owner.exists"] == .bool(true))
        #expect(user["description.set"] == .bool(false))
        let plain = ComponentFacts.compute(entity: Self.entity(owner: "squad-playlists"), ownerExists: false, harvest: nil, measure: nil, files: nil)
        #expect(plain["owner.isGroup"] == .bool(true))
        #expect(plain["owner.exists"] == .bool(false))
        let none = ComponentFacts.compute(entity: Self.entity(owner: nil), ownerExists: true, harvest: nil, measure: nil, files: nil)
        #expect(none["owner.set"] == .bool(false))
        #expect(none["owner.exists"] == .bool(false))
        // No techdocs-ref is a known "no docs", not an unknown.
        #expect(none["docs.exists"] == .bool(false))
        #expect(none["docs.status"] == .string("no-docs"))
        #expect(none["docs.fresh"] == .bool(false))
        #expect(none["tier.set"] == .bool(false))
        #expect(none["tier"] == .null)
    }

    @Test("Facts from a realistic harvest, docs check and measures")
    func harvestAndMeasureFacts() async throws {
        let measurer = HealthMeasurer(
            releases: try ReleaseCatalog(contentsOf: Fixtures.url("health/releases.yaml")),
            eol: try EOLCatalog(contentsOf: ReleasesEOLTests.repositoryFile("config/health/eol.yaml")),
            policy: try Policy(contentsOf: Fixtures.url("health/policy.yaml")))
        let manifests = ManifestHarvest(
            dependencies: [
                MeasuresTests.dependency(.npm, "react", version: "16.3.0", file: "web/package-lock.json", line: 40),
                MeasuresTests.dependency(.npm, "react", version: "16.3.0", file: "admin/package-lock.json", line: 12),
                MeasuresTests.dependency(.npm, "react", version: "19.2.0", file: "next/package-lock.json", line: 7),
                MeasuresTests.dependency(.maven, "com.fasterxml.jackson.core:jackson-databind", version: "2.15.0", file: "pom.xml", line: 30),
                MeasuresTests.dependency(.docker, "node", version: "20-alpine", file: "Dockerfile", line: 1),
            ],
            runtimes: [RuntimePin(runtime: "nodejs", version: "18", location: ManifestLocation(file: ".nvmrc", line: 1))],
            problems: [ManifestProblem(location: ManifestLocation(file: "yarn.lock", line: 3), message: "not a yarn lock file")])
        let now = ReleasesEOLTests.day("2026-09-01")
        let measure = await measurer.measure(component: Self.ref, harvest: manifests, now: now)
        let docs = DocsFreshness(
            status: .stale, reasons: ["34 code commits since the docs last changed"], techDocsRef: "dir:.", docsDir: "docs",
            codeCommitsSinceDocs: 34, codeDaysAheadOfDocs: 120,
            brokenLinks: [DocsBrokenLink(file: "docs/index.md", line: 12, target: "api.md")], checkedAt: now)
        let harvest = ComponentHarvest(entity: Self.ref, folder: "/srv/repos/playlists", harvestedAt: now, harvest: manifests, docs: docs)
        let facts = ComponentFacts.compute(
            entity: Self.entity(annotations: ["backstage.io/techdocs-ref": "dir:."]), ownerExists: true, harvest: harvest, measure: measure,
            files: ["./.github/workflows/ci.yml", "src/main.ts", "package.json"])

        #expect(facts["source.readable"] == .bool(true))
        #expect(facts["manifests.problems"] == .number(1))
        #expect(facts["ci.exists"] == .bool(true))
        #expect(facts["ci.systems"] == .strings(["github-actions"]))
        #expect(facts["docs.status"] == .string("stale"))
        #expect(facts["docs.fresh"] == .bool(false))
        #expect(facts["docs.brokenLinks"] == .number(1))
        #expect(facts["docs.missingPaths"] == .number(0))
        #expect(facts["docs.codeCommitsSinceDocs"] == .number(34))
        #expect(facts["docs.codeDaysAheadOfDocs"] == .number(120))
        #expect(facts["dependencies.count"] == .number(4))
        #expect(facts["dependencies.outdated"] == .number(2))
        #expect(facts["dependencies.majorsBehind"] == .number(1))
        #expect(facts["dependencies.maxMajorsBehind"] == .number(Double(measure.dependencies.compactMap { $0.behind?.major }.max() ?? 0)))
        #expect(facts["runtimes.count"] == .number(1))
        #expect(facts["runtimes.names"] == .strings(["nodejs"]))
        #expect(facts["runtimes.endOfLife"] == .number(Double(measure.totals.endOfLife)))
        #expect(facts["runtimes.endOfLife"] == .number(2))
        #expect(facts["policy.violations"] == .number(Double(measure.totals.outOfPolicy)))
        #expect(facts["dependencies.outOfPolicy"] == .number(1))
        #expect(facts["runtimes.outOfPolicy"] == .number(1))
        #expect(facts["libyears.total"] == .number(measure.totals.libyears))
        #expect(facts["libyears.max"] == .number(measure.totals.maxLibyears))
        #expect(facts["libyears.unknown"] == .number(1))

        // The shipped scorecard on this component: bronze holds, silver does not (end of life, policy, a broken lock file).
        let scorecard = try Scorecard(contentsOf: ReleasesEOLTests.repositoryFile("config/scorecards/default.yaml"))
        let result = scorecard.evaluate(facts)
        #expect(result.level == "bronze")
        #expect(result.nextLevel == "silver")
        #expect(result.nextLevelNeeds == ["no-end-of-life-runtime", "within-policy", "manifests-parse"])
    }

    @Test("Unreadable sources and an evergreen doc set")
    func unreadableAndEvergreen() {
        let now = Date(timeIntervalSince1970: 1_780_000_000)
        let unreadable = ComponentHarvest(
            entity: Self.ref, folder: nil, harvestedAt: now, harvest: ManifestHarvest(), sourceProblem: "no source location")
        let facts = ComponentFacts.compute(entity: Self.entity(), ownerExists: true, harvest: unreadable, measure: nil, files: [])
        #expect(facts["source.readable"] == .bool(false))
        #expect(facts["manifests.problems"] == .null)
        #expect(facts["ci.exists"] == .bool(false))
        #expect(facts["ci.systems"] == .strings([]))
        let evergreen = ComponentHarvest(
            entity: Self.ref, folder: "/srv/x", harvestedAt: now, harvest: ManifestHarvest(),
            docs: DocsFreshness(status: .evergreen, checkedAt: now))
        let green = ComponentFacts.compute(
            entity: Self.entity(annotations: ["backstage.io/techdocs-ref": "dir:."]), ownerExists: true, harvest: evergreen, measure: nil, files: nil)
        #expect(green["docs.fresh"] == .bool(true))
        let unknown = ComponentHarvest(
            entity: Self.ref, folder: "/srv/x", harvestedAt: now, harvest: ManifestHarvest(),
            docs: DocsFreshness(status: .unknown, reasons: ["no git history"], checkedAt: now))
        let shallow = ComponentFacts.compute(
            entity: Self.entity(annotations: ["backstage.io/techdocs-ref": "dir:."]), ownerExists: true, harvest: unknown, measure: nil, files: nil)
        #expect(shallow["docs.status"] == .string("unknown"))
        #expect(shallow["docs.fresh"] == .null)
        #expect(shallow["docs.codeCommitsSinceDocs"] == .null)
    }

    @Test("CI systems are found at the root of the listing only", arguments: [
        ([".github/workflows/build.yaml"], ["github-actions"]),
        ([".github/workflows/nested/build.yml", ".github/ci.yml", ".github/workflows/README.md"], []),
        ([".gitlab-ci.yml"], ["gitlab-ci"]),
        (["Jenkinsfile", "src/Jenkinsfile.groovy"], ["jenkins"]),
        ([".circleci/config.yml"], ["circleci"]),
        ([".circleci/other.yml"], []),
        (["azure-pipelines.yml"], ["azure-pipelines"]),
        (["bitbucket-pipelines.yml"], ["bitbucket-pipelines"]),
        ([".buildkite/pipeline.yml"], ["buildkite"]),
        ([".buildkite/"], ["buildkite"]),
        ([".travis.yml"], ["travis-ci"]),
        (["vendor/lib/.gitlab-ci.yml", "node_modules/x/.github/workflows/ci.yml", "docs/Jenkinsfile"], []),
        (["/Jenkinsfile", "./.gitlab-ci.yml", ".gitlab-ci.yml"], ["gitlab-ci", "jenkins"]),
        ([], []),
    ])
    func ciDetection(_ paths: [String], _ expected: [String]) {
        #expect(ContinuousIntegration.systems(in: paths) == expected)
    }
}
