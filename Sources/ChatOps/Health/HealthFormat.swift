import Catalog
import Foundation
import TechHealth

/// How tech-health measures read in chat.
enum HealthFormat {
    /// Worst first: end-of-life, out of policy, majors behind, libyears, then by name.
    static func worstFirst(_ a: DependencyMeasure, _ b: DependencyMeasure) -> Bool {
        func key(_ d: DependencyMeasure) -> (Int, Int, Int, Double) {
            (d.eol == .endOfLife ? 1 : 0, d.policy.status.isOutOfPolicy ? 1 : 0, d.behind?.major ?? 0, d.libyears ?? 0)
        }
        return key(a) != key(b) ? key(a) > key(b) : (a.direct ? 0 : 1, a.name) < (b.direct ? 0 : 1, b.name)
    }

    /// `3 majors behind, 4.1 libyears` / `current`.
    static func behindText(_ dependency: DependencyMeasure) -> String {
        var parts: [String] = []
        if let behind = dependency.behind {
            if behind.major > 0 { parts.append("\(behind.major) major\(behind.major == 1 ? "" : "s") behind") }
            else if behind.minor > 0 { parts.append("\(behind.minor) minor\(behind.minor == 1 ? "" : "s") behind") }
            else if behind.patch > 0 { parts.append("\(behind.patch) patch\(behind.patch == 1 ? "" : "es") behind") }
            else { parts.append("current") }
        }
        if let libyears = dependency.libyears, libyears > 0 { parts.append(String(format: "%.1f libyears", libyears)) }
        if dependency.policy.status.isOutOfPolicy { parts.append("out of policy (\(dependency.policy.status.rawValue))") }
        return parts.isEmpty ? "no release data" : parts.joined(separator: ", ")
    }

    /// `nodejs 16 — end-of-life since 2023-09-11 · .nvmrc:1`.
    static func runtimeText(_ runtime: RuntimeMeasure) -> String {
        var text = "\(runtime.name) \(runtime.version)"
        switch runtime.eol {
        case .endOfLife: text += " — end-of-life" + (runtime.eolDate.map { " since \($0)" } ?? "")
        case .endingSoon: text += " — end of life on \(runtime.eolDate?.description ?? "?")" + (runtime.daysLeft.map { " (\($0) days)" } ?? "")
        case .supported: text += " — supported" + (runtime.eolDate.map { " until \($0)" } ?? "")
        case .unknown: text += " — no end-of-life data"
        }
        return text + " · " + (runtime.line.map { "\(runtime.file):\($0)" } ?? runtime.file)
    }

    /// `12 dependencies, 3 outdated, 4.2 libyears, 1 end-of-life, docs stale`.
    static func totalsText(_ totals: ComponentHealthTotals, docs: DocsFreshness?) -> String {
        var parts = ["\(totals.dependencies) dependencies", "\(totals.outdated) outdated", String(format: "%.1f libyears", totals.libyears)]
        if totals.endOfLife > 0 { parts.append("\(totals.endOfLife) end-of-life") }
        if totals.endingSoon > 0 { parts.append("\(totals.endingSoon) ending soon") }
        if totals.outOfPolicy > 0 { parts.append("\(totals.outOfPolicy) out of policy") }
        if let docs { parts.append("docs \(docs.status.rawValue)") }
        return parts.joined(separator: ", ")
    }

    static func summary(_ name: String, _ totals: ComponentHealthTotals, docs: DocsFreshness?) -> String {
        "\(name): " + totalsText(totals, docs: docs)
    }

    static func componentBlocks(_ answer: HealthAnswers.ComponentAnswer, now: Date) -> [ReplyBlock] {
        var blocks: [ReplyBlock] = [.header("Tech health: \(answer.entity.displayName)")]
        if let scorecard = answer.scorecard {
            var spans: [RichText.Span] = [.text("Scorecard \(scorecard.scorecard): "), .bold(scorecard.level ?? "no level yet")]
            spans.append(.text(" (\(scorecard.passed) passed, \(scorecard.failed) failed, \(scorecard.day))"))
            blocks.append(.paragraph(RichText(spans)))
            let failing = scorecard.checks.filter { $0.outcome == .failed }
            if !failing.isEmpty {
                blocks.append(.list(
                    title: RichText([.text("Failing checks")]),
                    items: failing.prefix(5).map { check in
                        RichText([.bold(check.title), .text(" (\(check.level))"), .text(check.fix.map { " — \($0)" } ?? "")])
                    },
                    more: max(0, failing.count - 5)))
            }
        }
        blocks.append(.paragraph(RichText([.text(totalsText(answer.totals, docs: answer.docs))])))
        let attention = answer.dependencies.filter { $0.eol == .endOfLife || $0.policy.status.isOutOfPolicy || ($0.behind.map { !$0.isCurrent } ?? false) }
        if !attention.isEmpty {
            let items = attention.prefix(10).map { dependency in
                RichText([
                    .bold(dependency.name), .text(" \(dependency.version ?? dependency.declared ?? "?")"),
                    .text(dependency.latest.map { " → \($0)" } ?? ""), .text(" (\(behindText(dependency)))"),
                    .text(" · "), .code(dependency.line.map { "\(dependency.file):\($0)" } ?? dependency.file),
                ])
            }
            blocks.append(.list(title: RichText([.text("Outdated dependencies, worst first")]), items: Array(items), more: max(0, attention.count - 10)))
        }
        if !answer.runtimes.isEmpty {
            blocks.append(.list(title: RichText([.text("Runtimes")]), items: answer.runtimes.map { RichText([.text(runtimeText($0))]) }, more: 0))
        }
        if let docs = answer.docs {
            var spans: [RichText.Span] = [.text("Docs: "), .bold(docs.status.rawValue)]
            if let first = docs.reasons.first { spans.append(.text(" — \(first)")) }
            blocks.append(.paragraph(RichText(spans)))
            let findings = docs.brokenLinks.prefix(3).map { RichText([.text("broken link "), .code($0.target), .text(" at \($0.file):\($0.line)")]) }
                + docs.missingPaths.prefix(3).map { RichText([.text("mentions "), .code($0.path), .text(", which no longer exists, at \($0.file):\($0.line)")]) }
            if !findings.isEmpty {
                blocks.append(.list(title: nil, items: findings, more: max(0, docs.brokenLinks.count + docs.missingPaths.count - findings.count)))
            }
        }
        if !answer.problems.isEmpty {
            blocks.append(.list(
                title: RichText([.text("Manifests that did not parse")]), items: answer.problems.prefix(5).map { RichText([.code($0.description)]) },
                more: max(0, answer.problems.count - 5)))
        }
        var context = "Harvested"
        if let at = answer.harvestedAt { context += " \(OnCallFormat.duration(now.timeIntervalSince(at))) ago" }
        if let problem = answer.sourceProblem { context += " · sources not readable: \(problem)" }
        blocks.append(.context(RichText([.text(context + " · across the organisation: "), .code("/health heatmap PACKAGE")])))
        return blocks
    }
}
