import Foundation
import Catalog

/// Everything measured for one component: each dependency and runtime, the totals, and the worst
/// items first.
public struct ComponentHealthMeasure: Sendable, Hashable, Codable {
    /// The component.
    public var component: EntityRef
    /// Every dependency, current ones included, in harvest order.
    public var dependencies: [DependencyMeasure]
    /// Every runtime pin.
    public var runtimes: [RuntimeMeasure]
    /// Sums and counts.
    public var totals: ComponentHealthTotals
    /// The items that most need attention, worst first.
    public var worst: [HealthItem]

    /// Measures a component from its already-measured parts.
    public init(component: EntityRef, dependencies: [DependencyMeasure], runtimes: [RuntimeMeasure], worstLimit: Int = 10) {
        self.component = component
        self.dependencies = dependencies
        self.runtimes = runtimes
        self.totals = ComponentHealthTotals(dependencies: dependencies, runtimes: runtimes)
        self.worst = Array(HealthItem.ranked(dependencies: dependencies, runtimes: runtimes).prefix(max(0, worstLimit)))
    }
}

/// A component's totals. A package version declared in several files counts once.
public struct ComponentHealthTotals: Sendable, Hashable, Codable {
    /// Distinct package versions.
    public var dependencies: Int
    /// Distinct package versions the component names itself.
    public var direct: Int
    /// Distinct package versions with a newer stable release.
    public var outdated: Int
    /// Sum of libyears over distinct package versions whose dates are known.
    public var libyears: Double
    /// Distinct package versions whose libyears could not be computed (a date is missing).
    public var libyearsUnknown: Int
    /// The largest single libyears value.
    public var maxLibyears: Double
    /// Distinct package versions at least one major behind.
    public var majorsBehind: Int
    /// Runtimes and base images (and their OS) past end of life.
    public var endOfLife: Int
    /// Runtimes and base images whose end of life is within the warning window.
    public var endingSoon: Int
    /// Dependencies and runtimes out of policy (banned or below minimum).
    public var outOfPolicy: Int
    /// Dependencies and runtimes below the recommended version.
    public var belowRecommended: Int

    /// Computes the totals, in one pass over the measures: a team's digest totals thousands of
    /// them, and each is a large value to copy.
    public init(dependencies: [DependencyMeasure], runtimes: [RuntimeMeasure]) {
        var seen = Set<String>()
        (self.dependencies, direct, outdated, libyears, libyearsUnknown, maxLibyears, majorsBehind) = (0, 0, 0, 0, 0, 0, 0)
        (endOfLife, endingSoon, outOfPolicy, belowRecommended) = (0, 0, 0, 0)
        func count(_ status: EOLStatus?) {
            if status == .endOfLife { endOfLife += 1 } else if status == .endingSoon { endingSoon += 1 }
        }
        func count(_ verdict: PolicyStatus) {
            if verdict.isOutOfPolicy { outOfPolicy += 1 } else if verdict == .belowRecommended { belowRecommended += 1 }
        }
        for runtime in runtimes {
            count(runtime.eol)
            count(runtime.operatingSystem?.status)
        }
        for measure in dependencies {
            guard seen.insert("\(measure.ecosystem.rawValue)\u{0}\(measure.name)\u{0}\(measure.version ?? measure.declared ?? "")").inserted else {
                continue
            }
            self.dependencies += 1
            if measure.direct { direct += 1 }
            if measure.isOutdated { outdated += 1 }
            if let years = measure.libyears {
                libyears += years
                maxLibyears = max(maxLibyears, years)
            } else if measure.latest != nil {
                libyearsUnknown += 1
            }
            if (measure.behind?.major ?? 0) > 0 { majorsBehind += 1 }
            count(measure.eol)
            count(measure.policy.status)
        }
        for runtime in runtimes { count(runtime.policy.status) }
    }
}

/// One thing that needs attention, for "worst first" lists.
public struct HealthItem: Sendable, Hashable, Codable {
    /// A dependency or a runtime.
    public enum Kind: String, Sendable, Hashable, Codable { case dependency, runtime }

    /// What it is.
    public var kind: Kind
    /// The ecosystem, for a dependency.
    public var ecosystem: Ecosystem?
    /// The package or runtime name.
    public var name: String
    /// The version in use.
    public var version: String?
    /// The file and line.
    public var file: String
    /// The line, when known.
    public var line: Int?
    /// What is wrong, most serious first (`end-of-life 2026-04-30`, `banned >=16.0.0 <16.4.2`,
    /// `2 majors behind (latest 19.2.0)`, `3.2 libyears`).
    public var reasons: [String]
    /// The ranking key, higher is worse (exposed so other lists can merge with these).
    public var severity: Double

    /// Items from a component's measures that need attention, worst first: end of life, then out
    /// of policy, then ending soon, then majors behind, then libyears.
    static func ranked(dependencies: [DependencyMeasure], runtimes: [RuntimeMeasure]) -> [HealthItem] {
        var items: [HealthItem] = []
        for runtime in runtimes {
            var reasons: [String] = []
            let status = runtime.worstEOL
            if status == .endOfLife || status == .endingSoon {
                let subject = runtime.eol.severity >= (runtime.operatingSystem?.status.severity ?? 0)
                    ? "\(runtime.name) \(runtime.cycle ?? runtime.version)"
                    : "\(runtime.operatingSystem?.product ?? "os") \(runtime.operatingSystem?.cycle ?? runtime.operatingSystem?.version ?? "")"
                let date = (runtime.eol.severity >= (runtime.operatingSystem?.status.severity ?? 0) ? runtime.eolDate : runtime.operatingSystem?.eolDate)
                reasons.append("\(subject) \(status == .endOfLife ? "reached end of life" : "reaches end of life")\(date.map { " on \($0)" } ?? "")")
            }
            if let reason = Self.policyReason(runtime.policy) { reasons.append(reason) }
            guard !reasons.isEmpty else { continue }
            let score = Double(status.severity >= EOLStatus.endingSoon.severity ? status.severity : 0) * 1000
                + Double(runtime.policy.status.severity) * 100
            items.append(HealthItem(
                kind: .runtime, ecosystem: nil, name: runtime.name, version: runtime.version, file: runtime.file, line: runtime.line,
                reasons: reasons, severity: score))
        }
        for dependency in dependencies {
            var reasons: [String] = []
            if let eol = dependency.eol, eol == .endOfLife || eol == .endingSoon {
                reasons.append("\(eol.rawValue)\(dependency.eolDate.map { " \($0)" } ?? "")")
            }
            if let reason = Self.policyReason(dependency.policy) { reasons.append(reason) }
            if let behind = dependency.behind, !behind.isCurrent {
                let text = behind.major > 0 ? "\(behind.major) major\(behind.major == 1 ? "" : "s")"
                    : behind.minor > 0 ? "\(behind.minor) minor\(behind.minor == 1 ? "" : "s")"
                    : "\(behind.patch) patch\(behind.patch == 1 ? "" : "es")"
                reasons.append("\(text) behind (latest \(dependency.latest ?? "?"))")
            }
            if let libyears = dependency.libyears, libyears > 0 {
                reasons.append(String(format: "%.1f libyears", libyears))
            }
            guard !reasons.isEmpty else { continue }
            let eolScore = dependency.eol.map { $0 == .endOfLife || $0 == .endingSoon ? Double($0.severity) : 0 } ?? 0
            let behind = dependency.behind ?? .current
            let score = eolScore * 1000 + Double(dependency.policy.status.severity) * 100
                + Double(min(behind.major, 9)) * 10 + min(dependency.libyears ?? 0, 9.99)
            items.append(HealthItem(
                kind: .dependency, ecosystem: dependency.ecosystem, name: dependency.name, version: dependency.version,
                file: dependency.file, line: dependency.line, reasons: reasons, severity: score))
        }
        // Ties read in a stable order: by name, then file.
        return items.sorted { ($0.severity, $1.name, $1.file) > ($1.severity, $0.name, $0.file) }
    }

    /// `banned >=16.0.0 <16.4.2: CVE-2018-6341`, `below minimum 20: Node 18 reached end of life`.
    private static func policyReason(_ verdict: PolicyVerdict) -> String? {
        guard verdict.status.severity >= PolicyStatus.belowRecommended.severity, let rule = verdict.rule else { return nil }
        let text = verdict.status == .banned ? rule : "below \(rule)"
        return verdict.reason.map { "\(text): \($0)" } ?? text
    }
}
