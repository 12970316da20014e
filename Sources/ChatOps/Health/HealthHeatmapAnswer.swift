import Catalog
import Foundation
import TechHealth

extension HealthAnswers {
    /// `/health heatmap PACKAGE|RUNTIME [--by team|service]`: which versions run where, newest
    /// first, each coloured by how far behind it is. A package name is tried first, then a runtime
    /// (endoflife.date's product names and their aliases: `nodejs`/`node`, `java`/`eclipse-temurin`).
    func heatmap(_ subject: String, byTeam: Bool) async throws -> Reply {
        let now = context.now()
        var measures: [ComponentHealthMeasure] = []
        let distribution: VersionDistribution
        let title: String
        let packageUses = try await store.uses(ofPackage: subject)
        if let ecosystem = Self.commonestEcosystem(packageUses) {
            var cache: [String: DependencyMeasure] = [:]
            for use in packageUses {
                guard let dependency = use.dependency, dependency.ecosystem == ecosystem else { continue }
                let key = "\(dependency.version ?? "")\u{0}\(dependency.declared ?? "")"
                let measure: DependencyMeasure
                if let cached = cache[key] {
                    measure = cached
                } else {
                    measure = await measurer.measure(dependency, now: now)
                    cache[key] = measure
                }
                measures.append(ComponentHealthMeasure(component: use.entity, dependencies: [measure], runtimes: []))
            }
            distribution = VersionDistribution.package(subject, in: ecosystem, across: measures)
            title = "\(subject) (\(ecosystem.rawValue))"
        } else {
            var uses: [PackageUse] = []
            for name in Set(EOLCatalog.candidates(for: subject.lowercased())) { uses += try await store.uses(ofRuntime: name) }
            guard !uses.isEmpty else {
                return Reply(
                    summary: "Nothing harvested uses \(subject)",
                    blocks: [.paragraph(RichText([
                        .text("No harvested component declares a package or pins a runtime named "), .code(subject),
                        .text(". Packages are named as their ecosystem writes them (`react`, `org.springframework.boot:spring-boot`, `golang.org/x/net`); runtimes by endoflife.date's names (`nodejs`, `python`, `java`)."),
                    ]))],
                    data: .object(["command": .string("health"), "view": .string("heatmap"), "status": .string("notFound"), "subject": .string(subject)]))
            }
            // Many components pin the same few versions: measure each once.
            var cache: [String: RuntimeMeasure] = [:]
            for use in uses {
                guard let pin = use.runtime else { continue }
                let key = "\(pin.runtime)\u{0}\(pin.version)"
                var measure = cache[key] ?? measurer.measure(pin, now: now)
                cache[key] = measure
                measure.file = pin.location.file
                measure.line = pin.location.line
                measures.append(ComponentHealthMeasure(component: use.entity, dependencies: [], runtimes: [measure]))
            }
            distribution = VersionDistribution.runtime(subject.lowercased(), across: measures)
            title = subject.lowercased()
        }

        // Rows: one per service, or one per owning team.
        let components = Array(Set(distribution.entries.flatMap(\.components)))
        // By service needs nothing more; by team only each component's owner and the owners' names.
        let ownerOf = byTeam ? try await context.catalog.ownerRefs(of: components) : [:]
        let owners = byTeam ? try await context.catalog.headlines(Array(Set(ownerOf.values))) : []
        let ownerNames = Dictionary(owners.map { ($0.ref, $0.displayName) }, uniquingKeysWith: { first, _ in first })
        func rowName(_ component: EntityRef) -> String {
            guard byTeam else { return component.name }
            return ownerOf[component].map { ownerNames[$0] ?? $0.name } ?? "(no owner)"
        }
        let rows = Array(Set(components.map(rowName))).sorted()
        let rowIndex = Dictionary(uniqueKeysWithValues: rows.enumerated().map { ($1, $0) })
        var picture = Heatmap(
            title: title, subtitle: byTeam ? "versions by team" : "versions by service", asOf: now, rows: rows,
            columns: distribution.entries.map(\.version))
        for (column, entry) in distribution.entries.enumerated() {
            var counts: [Int: Int] = [:]
            for component in entry.components { counts[rowIndex[rowName(component)] ?? 0, default: 0] += 1 }
            for (row, count) in counts.sorted(by: { $0.key < $1.key }) {
                picture.cells.append(Heatmap.Cell(row: row, column: column, count: count, severity: Self.severity(entry)))
            }
        }
        let used = Set(picture.cells.map(\.severity))
        picture.legend = Heatmap.Severity.allCases.filter(used.contains)

        let latest = distribution.latest.map { ", latest \($0)" } ?? ""
        let summary = "\(title): \(distribution.distinctVersions) version(s) across \(components.count) component(s)\(latest)"
        var blocks: [ReplyBlock] = [.header("Heat map: \(title)"), .heatmap(picture)]
        blocks.append(.context(RichText([.text("\(components.count) component(s)\(latest) · "), .code("/health NAME"), .text(" for one service's details")])))
        let data: JSONValue = .object([
            "command": .string("health"), "view": .string("heatmap"), "status": .string("found"), "subject": .string(title),
            "by": .string(byTeam ? "team" : "service"), "distribution": try JSONValue(encoding: distribution), "heatmap": try JSONValue(encoding: picture),
        ])
        return Reply(visibility: .ephemeral, summary: summary, blocks: blocks, data: data)
    }

    /// The ecosystem most of the uses are in (a name can exist in two: `requests` on PyPI and npm).
    static func commonestEcosystem(_ uses: [PackageUse]) -> Ecosystem? {
        var counts: [Ecosystem: Int] = [:]
        for use in uses { if let ecosystem = use.dependency?.ecosystem { counts[ecosystem, default: 0] += 1 } }
        return counts.max { ($0.value, $1.key.rawValue) < ($1.value, $0.key.rawValue) }?.key
    }

    /// A version's colour: end of life first, then majors, then minors and patches.
    static func severity(_ entry: VersionDistribution.Entry) -> Heatmap.Severity {
        if entry.eol == .endOfLife { return .endOfLife }
        if let behind = entry.behind {
            if behind.major > 0 { return .majorBehind }
            return behind.isCurrent ? .current : .minorBehind
        }
        if entry.eol == .supported || entry.eol == .endingSoon { return entry.eol == .endingSoon ? .minorBehind : .current }
        return .unknown
    }
}
