import Catalog
import Foundation
import Testing
import TechHealth

@Suite("Measures: dependencies, runtimes, components and the org-wide distribution")
struct MeasuresTests {
    let measurer: HealthMeasurer
    let now = ReleasesEOLTests.day("2026-09-01")

    init() throws {
        measurer = HealthMeasurer(
            releases: try ReleaseCatalog(contentsOf: Fixtures.url("health/releases.yaml")),
            eol: try EOLCatalog(contentsOf: ReleasesEOLTests.repositoryFile("config/health/eol.yaml")),
            policy: try Policy(contentsOf: Fixtures.url("health/policy.yaml")))
    }

    static func dependency(
        _ ecosystem: Ecosystem, _ name: String, declared: String? = nil, version: String? = nil, direct: Bool = true,
        file: String = "package.json", line: Int? = 3
    ) -> HarvestedDependency {
        HarvestedDependency(ecosystem: ecosystem, name: name, declared: declared, version: version, direct: direct,
                            location: ManifestLocation(file: file, line: line))
    }

    @Test("Behind counts distinct released lines; libyears is the gap between release days")
    func behindAndLibyears() async {
        let measure = await measurer.measure(Self.dependency(.npm, "react", declared: "^17.0.0", version: "17.0.2"), now: now)
        #expect(measure.latest == "19.2.0")
        #expect(measure.behind == VersionsBehind(major: 2))
        #expect(measure.released == CalendarDay("2021-03-22"))
        // 2021-03-22 → 2025-10-01 is 1654 days.
        #expect(measure.libyears.map { abs($0 - 1654 / 365.25) < 0.0001 } == true)
        #expect(measure.isOutdated)
        #expect(measure.versionSource == .locked)
        #expect(measure.policy.status == .belowRecommended)
        #expect(measure.eol == nil)
    }

    @Test("Minors and patches are counted within the major in use", arguments: [
        ("18.2.0", VersionsBehind(major: 1)), ("19.0.0", VersionsBehind(minor: 1)), ("19.2.0", VersionsBehind.current),
    ])
    func behindLevels(_ version: String, _ expected: VersionsBehind) async {
        let measure = await measurer.measure(Self.dependency(.npm, "react", version: version), now: now)
        #expect(measure.behind == expected)
        if expected.isCurrent { #expect(measure.libyears == 0) }
    }

    @Test("The component delta rules: patches, 0.x lines as majors, Maven and PyPI")
    func behindRules() throws {
        let npm = VersionScheme.npm
        let releases = PackageReleases(ecosystem: .npm, name: "x", releases: ["0.3.1", "0.4.0", "0.5.0", "0.5.2", "1.2.9", "1.3.0", "1.3.1", "1.3.2-beta.1"].map { Release(version: $0) })
        let latest = try #require(releases.latestVersion)
        #expect(latest.text == "1.3.1")
        #expect(VersionsBehind.between(npm.parse("0.3.1")!, and: npm.parse("0.5.2")!, releases: releases) == VersionsBehind(major: 2))
        #expect(VersionsBehind.between(npm.parse("1.2.9")!, and: latest, releases: releases) == VersionsBehind(minor: 1))
        #expect(VersionsBehind.between(npm.parse("1.3.0")!, and: latest, releases: releases) == VersionsBehind(patch: 1))
        #expect(VersionsBehind.between(npm.parse("1.9.4")!, and: npm.parse("2.0.0")!, releases: nil) == VersionsBehind(major: 1))
        let maven = VersionScheme.maven
        #expect(VersionsBehind.between(maven.parse("2.15.0")!, and: maven.parse("2.18.0")!, releases: nil) == VersionsBehind(minor: 1))
        #expect(VersionsBehind.between(maven.parse("1.0-rc1")!, and: maven.parse("1.0")!, releases: nil) == VersionsBehind(patch: 1))
    }

    @Test("Without a lock file, a range is measured at the newest release it admits")
    func declaredRange() async {
        let measure = await measurer.measure(Self.dependency(.npm, "react", declared: "^18.0.0"), now: now)
        #expect(measure.version == "18.3.1")
        #expect(measure.versionSource == .newestInRange)
        #expect(measure.behind == VersionsBehind(major: 1))
        let exact = await measurer.measure(Self.dependency(.pypi, "django-rest-framework", declared: "3.14.0"), now: now)
        #expect(exact.versionSource == .declared)
        #expect(exact.behind == VersionsBehind(minor: 1))
    }

    @Test("Unknown packages and versions are reported, with a note, not guessed")
    func unknowns() async {
        let unknownPackage = await measurer.measure(Self.dependency(.npm, "nobody-knows", version: "1.0.0"), now: now)
        #expect(unknownPackage.latest == nil)
        #expect(unknownPackage.behind == nil)
        #expect(unknownPackage.libyears == nil)
        #expect(unknownPackage.notes.contains { $0.contains("no release data") })
        let gitDependency = await measurer.measure(Self.dependency(.npm, "react", declared: "github:facebook/react"), now: now)
        #expect(gitDependency.version == nil)
        #expect(gitDependency.notes.contains { $0.contains("not a npm version") })
        let undated = await measurer.measure(Self.dependency(.npm, "left-pad", version: "1.2.0"), now: now)
        #expect(undated.behind == VersionsBehind(minor: 1))
        #expect(undated.libyears == nil)
    }

    @Test("A Go pseudo-version's timestamp is its release day")
    func pseudoVersion() async {
        let measure = await measurer.measure(Self.dependency(.go, "golang.org/x/text", version: "v0.0.0-20191109021931-daa7c04131f5"), now: now)
        #expect(measure.released == CalendarDay("2019-11-09"))
        #expect(measure.latest == "v0.21.0")
        #expect(measure.behind == VersionsBehind(major: 1))
        #expect((measure.libyears ?? 0) > 5)
    }

    /// A source that always fails, as a registry outage would.
    struct FailingSource: ReleaseSource {
        struct Outage: Error, CustomStringConvertible { var description: String { "registry timed out" } }
        func releases(of name: String, in ecosystem: Ecosystem) async throws -> PackageReleases? { throw Outage() }
    }

    @Test("A failing release source leaves the dependency unmeasured, with the reason, and the rest measured")
    func failingSource() async {
        let failing = HealthMeasurer(releases: FailingSource(), eol: .empty)
        let component = await failing.measure(
            component: EntityRef(kind: "component", name: "api"),
            harvest: ManifestHarvest(
                dependencies: [Self.dependency(.npm, "react", version: "18.2.0")],
                runtimes: [RuntimePin(runtime: "nodejs", version: "20", location: ManifestLocation(file: ".nvmrc", line: 1))]),
            now: now)
        #expect(component.dependencies.first?.notes.contains { $0.contains("registry timed out") } == true)
        #expect(component.runtimes.first?.eol == .unknown)
    }

    @Test("Runtime pins: cycle, end-of-life, OS of a base image, policy on the resolved cycle")
    func runtimes() {
        let nvmrc = measurer.measure(RuntimePin(runtime: "nodejs", version: "lts/iron", location: ManifestLocation(file: ".nvmrc", line: 1)), now: now)
        #expect(nvmrc.name == "nodejs")
        #expect(nvmrc.cycle == "20")
        #expect(nvmrc.eol == .endOfLife)
        #expect(nvmrc.eolDate == CalendarDay("2026-04-30"))
        #expect(nvmrc.policy.status == .inPolicy || nvmrc.policy.status == .belowRecommended)
        #expect(nvmrc.policy.rule == "recommended 22")
        let image = measurer.measure(RuntimePin(runtime: "docker", version: "python:3.11-slim-bookworm", location: ManifestLocation(file: "Dockerfile", line: 4)), now: now)
        #expect(image.name == "python")
        #expect(image.cycle == "3.11")
        #expect(image.eol == .supported)
        #expect(image.operatingSystem?.product == "debian")
        #expect(image.operatingSystem?.status == .endOfLife)
        #expect(image.worstEOL == .endOfLife)
        let engines = measurer.measure(RuntimePin(runtime: "nodejs", version: ">=18", location: ManifestLocation(file: "package.json", line: 9)), now: now)
        #expect(engines.cycle == "18")
        #expect(engines.policy.status == .belowMinimum)
    }

    @Test("A component's totals count a package version once, and list the worst items first")
    func componentTotals() async throws {
        let harvest = ManifestHarvest(
            dependencies: [
                Self.dependency(.npm, "react", version: "16.3.0", file: "web/package-lock.json", line: 40),
                Self.dependency(.npm, "react", version: "16.3.0", file: "admin/package-lock.json", line: 12),
                Self.dependency(.npm, "react", version: "19.2.0", file: "next/package-lock.json", line: 7),
                Self.dependency(.maven, "com.fasterxml.jackson.core:jackson-databind", version: "2.15.0", file: "pom.xml", line: 30),
                Self.dependency(.docker, "node", version: "20-alpine", file: "Dockerfile", line: 1),
            ],
            runtimes: [RuntimePin(runtime: "nodejs", version: "18", location: ManifestLocation(file: ".nvmrc", line: 1))])
        let measure = await measurer.measure(component: EntityRef(kind: "component", name: "playlist-api"), harvest: harvest, now: now)
        #expect(measure.totals.dependencies == 4)
        #expect(measure.totals.outdated == 2)
        #expect(measure.totals.majorsBehind == 1)
        #expect(measure.totals.endOfLife == 2)
        #expect(measure.totals.outOfPolicy == 2)
        // react 16.3.0 (2020-10-14 is 16.14.0's day; 16.3.0 has none) has no libyears; jackson has.
        #expect(measure.totals.libyearsUnknown == 1)
        #expect(abs(measure.totals.libyears - Double(CalendarDay("2023-04-23")!.days(to: CalendarDay("2024-09-26")!)) / 365.25) < 0.0001)
        let worst = measure.worst.map(\.name)
        #expect(worst.prefix(2) == ["nodejs", "node"])
        #expect(worst.contains("react"))
        #expect(measure.worst.first { $0.name == "react" }?.reasons.first?.hasPrefix("banned") == true)

        // The JSON answer's field names.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(measure.dependencies[3]), as: UTF8.self)
        for key in ["\"ecosystem\":\"maven\"", "\"version\":\"2.15.0\"", "\"direct\":true", "\"file\":\"pom.xml\"",
                    "\"line\":30", "\"latest\":\"2.18.0\"", "\"behind\":{\"major\":0,\"minor\":2,\"patch\":0}", "\"libyears\"",
                    "\"declared\":null", "\"eol\":null"] {
            #expect(json.contains(key), "\(key) in \(json)")
        }
        let runtimeJSON = String(decoding: try encoder.encode(measure.runtimes[0]), as: UTF8.self)
        #expect(runtimeJSON.contains("\"eol\":\"end-of-life\""))
        #expect(runtimeJSON.contains("\"eolDate\":\"2025-04-30\""))
        #expect(runtimeJSON.contains("\"name\":\"nodejs\""))
    }

    @Test("Measuring many components at once gives each the measure it gets alone, with its own files and lines")
    func batchEqualsOneByOne() async {
        let harvests: [(component: EntityRef, harvest: ManifestHarvest)] = (0..<4).map { index in
            let harvest = ManifestHarvest(
                dependencies: [
                    Self.dependency(.npm, "react", version: index.isMultiple(of: 2) ? "16.3.0" : "17.0.2", file: "app\(index)/package-lock.json", line: 10 + index),
                    Self.dependency(.npm, " react ", declared: "^17.0.0", direct: index == 1, file: "web/package.json", line: 2),
                    Self.dependency(.pypi, "Django", version: "4.2.0", file: "requirements.txt", line: index),
                    Self.dependency(.docker, "node", version: "20-alpine", file: "Dockerfile", line: 1),
                ],
                runtimes: [
                    RuntimePin(runtime: "nodejs", version: "18", location: ManifestLocation(file: ".nvmrc", line: index)),
                    RuntimePin(runtime: "nodejs", version: "lts/iron", location: ManifestLocation(file: "app\(index)/.nvmrc", line: 1)),
                ])
            return (EntityRef(kind: "component", name: "service-\(index)"), harvest)
        }
        let together = await measurer.measure(components: harvests, now: now)
        var alone: [ComponentHealthMeasure] = []
        for (component, harvest) in harvests { alone.append(await measurer.measure(component: component, harvest: harvest, now: now)) }
        #expect(together == alone)
        #expect(together.map { $0.runtimes[0].line } == [0, 1, 2, 3], "a shared runtime measure keeps each pin's own place")
        #expect(together.map { $0.dependencies[0].file } == (0..<4).map { "app\($0)/package-lock.json" })
        #expect(together[1].dependencies[1].direct && !together[2].dependencies[1].direct)
        #expect(together[0].dependencies[1].name == " react ", "the name as harvested; its release data found through the trimmed name")
        #expect(together[0].dependencies[1].latest == "19.2.0")
    }

    @Test("The org-wide distribution lists versions newest first, by the ecosystem's order")
    func distribution() async {
        let harvests: [(String, ManifestHarvest)] = [
            ("a", ManifestHarvest(dependencies: [Self.dependency(.npm, "react", version: "18.2.0")],
                                  runtimes: [RuntimePin(runtime: "nodejs", version: "20.11.1", location: ManifestLocation(file: ".nvmrc"))])),
            ("b", ManifestHarvest(dependencies: [Self.dependency(.npm, "react", version: "19.2.0")],
                                  runtimes: [RuntimePin(runtime: "node", version: "lts/iron", location: ManifestLocation(file: ".nvmrc"))])),
            ("c", ManifestHarvest(dependencies: [Self.dependency(.npm, "react", version: "18.10.0"), Self.dependency(.docker, "node", version: "22-alpine")])),
            ("d", ManifestHarvest(dependencies: [Self.dependency(.npm, "react", version: "v18.2.0"), Self.dependency(.npm, "react", declared: "file:../react")])),
        ]
        var components: [ComponentHealthMeasure] = []
        for (name, harvest) in harvests {
            components.append(await measurer.measure(component: EntityRef(kind: "component", name: name), harvest: harvest, now: now))
        }
        let react = VersionDistribution.package("react", in: .npm, across: components)
        #expect(react.entries.map(\.version) == ["19.2.0", "18.10.0", "18.2.0", "file:../react"])
        #expect(react.entries[2].components.map(\.name) == ["a", "d"])
        #expect(react.entries[2].behind == VersionsBehind(major: 1))
        #expect(react.latest == "19.2.0")
        let node = VersionDistribution.runtime("node", across: components)
        #expect(node.entries.map(\.version) == ["22", "20"])
        #expect(node.entries[1].components.map(\.name) == ["a", "b"])
        #expect(node.entries[1].eol == .endOfLife)
        #expect(node.entries[0].eol == .supported)
    }
}
