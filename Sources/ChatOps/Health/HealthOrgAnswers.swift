import Catalog
import Foundation
import TechHealth

extension HealthAnswers {
    /// `/health outdated [ECOSYSTEM]`: the packages furthest behind across the organisation,
    /// grouped by package, worst first.
    func outdated(ecosystem: Ecosystem?) async throws -> Reply {
        let measures = try await allMeasures()
        struct Group { var ecosystem: Ecosystem; var name: String; var latest: String?; var users: [(EntityRef, DependencyMeasure)] }
        var groups: [String: Group] = [:]
        for measure in measures {
            for dependency in measure.dependencies where dependency.direct && (ecosystem == nil || dependency.ecosystem == ecosystem) {
                guard let behind = dependency.behind, !behind.isCurrent else { continue }
                let key = "\(dependency.ecosystem.rawValue)\u{0}\(dependency.name)"
                groups[key, default: Group(ecosystem: dependency.ecosystem, name: dependency.name, latest: dependency.latest, users: [])].users.append((measure.component, dependency))
            }
        }
        func weight(_ group: Group) -> (Int, Double) {
            (group.users.map { $0.1.behind?.major ?? 0 }.max() ?? 0, group.users.reduce(0) { $0 + ($1.1.libyears ?? 0) })
        }
        let sorted = groups.values.sorted { weight($0) > weight($1) || (weight($0) == weight($1) && $0.name < $1.name) }
        let items = sorted.prefix(30).map { group -> RichText in
            let worst = group.users.map(\.1).max { ($0.behind?.major ?? 0, $0.libyears ?? 0) < ($1.behind?.major ?? 0, $1.libyears ?? 0) }
            var spans: [RichText.Span] = [.bold(group.name), .text(" (\(group.ecosystem.rawValue))")]
            if let latest = group.latest { spans.append(.text(", latest \(latest)")) }
            spans.append(.text(": \(group.users.count) service(s) behind"))
            if let worst, let version = worst.version { spans.append(.text("; furthest \(version) in \(group.users.first { $0.1 == worst }?.0.name ?? "?") — \(HealthFormat.behindText(worst))")) }
            return RichText(spans)
        }
        let scope = ecosystem.map { " (\($0.rawValue))" } ?? ""
        var blocks: [ReplyBlock] = [.header("Outdated dependencies\(scope)")]
        blocks.append(items.isEmpty ? .paragraph("Every direct dependency with release data is current.")
            : .list(title: RichText([.text("Direct dependencies behind their latest release, worst first")]), items: Array(items), more: max(0, sorted.count - 30)))
        blocks.append(.context(RichText([.text("Which versions run where: "), .code("/health heatmap PACKAGE"), .text(" · measured against the release data configured (config/health/releases.yaml by default)")])))
        let data: JSONValue = .object([
            "command": .string("health"), "view": .string("outdated"), "ecosystem": ecosystem.map { .string($0.rawValue) } ?? .null,
            "packages": .array(try sorted.map { group in
                .object([
                    "ecosystem": .string(group.ecosystem.rawValue), "name": .string(group.name), "latest": group.latest.map(JSONValue.string) ?? .null,
                    "uses": .array(try group.users.map { entity, dependency in
                        var object = try JSONValue(encoding: dependency).objectValue ?? [:]
                        object["entity"] = .string(entity.description)
                        return .object(object)
                    }),
                ])
            }),
        ])
        return Reply(summary: "\(sorted.count) package(s) behind their latest release\(scope)", blocks: blocks, data: data)
    }

    /// `/health eol`: every runtime and base image past or near its end of life, by component.
    func endOfLife() async throws -> Reply {
        let measures = try await allMeasures()
        var rows: [(EntityRef, RuntimeMeasure)] = []
        for measure in measures {
            for runtime in measure.runtimes where runtime.eol == .endOfLife || runtime.eol == .endingSoon { rows.append((measure.component, runtime)) }
        }
        rows.sort { ($0.1.eol, $0.1.eolDate?.description ?? "", $0.0.name) < ($1.1.eol, $1.1.eolDate?.description ?? "", $1.0.name) }
        let items = rows.map { entity, runtime in
            RichText([.bold(entity.name), .text(" — "), .text(HealthFormat.runtimeText(runtime))])
        }
        var blocks: [ReplyBlock] = [.header("End-of-life runtimes and base images")]
        blocks.append(items.isEmpty ? .paragraph("No runtime or base image is past or near its end of life.")
            : .list(title: nil, items: Array(items.prefix(40)), more: max(0, items.count - 40)))
        blocks.append(.context("End-of-life dates from the EOL data configured (config/health/eol.yaml by default, dated in its header)."))
        let data: JSONValue = .object([
            "command": .string("health"), "view": .string("eol"),
            "runtimes": .array(try rows.map { entity, runtime in
                var object = try JSONValue(encoding: runtime).objectValue ?? [:]
                object["entity"] = .string(entity.description)
                return .object(object)
            }),
        ])
        let past = rows.filter { $0.1.eol == .endOfLife }.count
        return Reply(summary: "\(past) end-of-life and \(rows.count - past) ending-soon runtime(s)", blocks: blocks, data: data)
    }

    /// Every harvested component, measured now.
    func allMeasures() async throws -> [ComponentHealthMeasure] {
        await measurer.measure(components: try await store.harvests().map { ($0.entity, $0.harvest) }, now: context.now())
    }
}
