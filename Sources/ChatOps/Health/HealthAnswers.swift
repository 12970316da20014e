import Catalog
import Foundation
import TechHealth

/// The `/health` views, each reading the last harvest and measuring it now.
struct HealthAnswers {
    let store: TechHealthStore
    let measurer: HealthMeasurer
    let context: CommandContext
    let spec: CommandSpec

    /// The `--format json` answer of `/health NAME`.
    struct ComponentAnswer: Sendable, Codable {
        var command = "health"
        var view = "component"
        var status = "found"
        var entity: EntityLine
        var harvestedAt: Date?
        var sourceFolderReadable: Bool
        var sourceProblem: String?
        var totals: ComponentHealthTotals
        var dependencies: [DependencyMeasure]
        var runtimes: [RuntimeMeasure]
        var worst: [HealthItem]
        var docs: DocsFreshness?
        var scorecard: ScorecardRecord?
        var problems: [ManifestProblem]
    }

    func component(_ name: String) async throws -> Reply {
        let entity: StoredEntity
        switch try await EntityResolver(catalog: context.catalog).resolve(.name(name), kinds: ["component"], spec: spec) {
        case .reply(let reply): return reply
        case .found(let found): entity = found
        }
        let headline = try await context.catalog.headlines([entity.ref]).first
        let line = headline.map(EntityLine.init) ?? EntityLine(missing: entity.ref)
        guard let harvest = try await store.harvest(of: entity.ref) else {
            return Reply(
                summary: "No harvest yet for \(line.displayName)",
                blocks: [.paragraph(RichText([
                    .text("Nothing is known yet about "), .bold(line.displayName),
                    .text("'s dependencies: `serve` harvests after each catalog refresh; at the terminal, run "), .code("backline health harvest"), .text("."),
                ]))],
                data: .object(["command": .string("health"), "view": .string("component"), "status": .string("notHarvested"), "entity": .string(entity.ref.description)]))
        }
        let measure = await measurer.measure(component: entity.ref, harvest: harvest.harvest, now: context.now())
        let answer = ComponentAnswer(
            entity: line, harvestedAt: harvest.harvestedAt, sourceFolderReadable: harvest.folder != nil, sourceProblem: harvest.sourceProblem,
            totals: measure.totals, dependencies: measure.dependencies.sorted(by: HealthFormat.worstFirst), runtimes: measure.runtimes,
            worst: measure.worst, docs: harvest.docs, scorecard: try await store.latestScorecards(for: [entity.ref]).first,
            problems: harvest.harvest.problems)
        return Reply(
            summary: HealthFormat.summary(line.displayName, measure.totals, docs: harvest.docs),
            blocks: HealthFormat.componentBlocks(answer, now: context.now()), data: try JSONValue(encoding: answer))
    }

    /// `/health team TEAM`: each component the team owns, worst first, and the team's totals.
    func team(_ name: String) async throws -> Reply {
        let team: StoredEntity
        switch try await EntityResolver(catalog: context.catalog).resolve(.name(name), kinds: ["group"], spec: spec) {
        case .reply(let reply): return reply
        case .found(let found): team = found
        }
        let owned = try await context.catalog.relations(from: [team.ref], ofType: .ownerOf).map(\.target).filter { $0.kind == "component" }
        let harvests = try await store.measurableHarvests(of: owned)
        var measures = await measurer.measure(components: harvests.map { ($0.entity, $0.harvest) }, now: context.now())
        let docs = Dictionary(harvests.map { ($0.entity, $0.docs) }, uniquingKeysWith: { first, _ in first })
        measures.sort { ($0.totals.endOfLife, $0.totals.outOfPolicy, $0.totals.libyears) > ($1.totals.endOfLife, $1.totals.outOfPolicy, $1.totals.libyears) }
        let teamName = try await context.catalog.headlines([team.ref]).first?.displayName ?? team.ref.name
        let items = measures.map { measure in
            RichText([.bold(measure.component.name), .text(" — " + HealthFormat.totalsText(measure.totals, docs: docs[measure.component] ?? nil))])
        }
        let notHarvested = owned.count - harvests.count
        var blocks: [ReplyBlock] = [.header("Tech health: \(teamName)")]
        blocks.append(.paragraph(RichText([.text("\(owned.count) component(s); \(harvests.count) harvested. Worst first:")])))
        blocks.append(.list(title: nil, items: Array(items.prefix(25)), more: max(0, items.count - 25)))
        if notHarvested > 0 { blocks.append(.context(RichText([.text("\(notHarvested) component(s) not harvested yet.")]))) }
        blocks.append(.context(RichText([.text("Details: "), .code("/health NAME"), .text(" · across the organisation: "), .code("/health heatmap PACKAGE")])))
        let data: JSONValue = .object([
            "command": .string("health"), "view": .string("team"), "team": .string(team.ref.description),
            "components": .array(try measures.map { measure in
                var object = try JSONValue(encoding: measure.totals).objectValue ?? [:]
                object["entity"] = .string(measure.component.description)
                object["docs"] = try (docs[measure.component] ?? nil).map { try JSONValue(encoding: $0) } ?? .null
                return .object(object)
            }),
            "notHarvested": .number(Double(notHarvested)),
        ])
        let eol = measures.reduce(0) { $0 + $1.totals.endOfLife }
        return Reply(summary: "\(teamName): \(harvests.count) component(s) harvested, \(eol) end-of-life item(s)", blocks: blocks, data: data)
    }
}
