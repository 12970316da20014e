import Foundation
import Yams

/// The organisation's version policy, read from `policy.yaml`: minimum and recommended versions
/// and banned ranges per package or runtime.
///
/// ```yaml
/// packages:
///   - ecosystem: npm
///     name: react
///     minimum: 18.0.0                  # a version: that version or newer
///     recommended: {version: 19.0.0, reason: Server components}
///     banned:
///       - {range: ">=16.0.0 <16.4.2", reason: CVE-2018-6341}
/// runtimes:
///   - runtime: nodejs
///     minimum: {version: "20", reason: Node 18 reached end of life}
/// ```
public struct Policy: Sendable {
    /// Package and runtime rules, in file order.
    public let rules: [PolicyRule]

    /// A policy with no rules: every verdict is ``PolicyVerdict/noPolicy``.
    public static let empty = Policy(rules: [])

    /// Creates a policy from rules already in hand.
    public init(rules: [PolicyRule]) { self.rules = rules }

    /// Parses `policy.yaml` text; `file` names it in errors.
    public init(yaml: String, file: String = "policy.yaml") throws(HealthDataError) {
        try self.init(reading: HealthYAMLFile(text: yaml, file: file))
    }

    /// Reads `policy.yaml` from disk.
    public init(contentsOf url: URL) throws(HealthDataError) {
        try self.init(reading: HealthYAMLFile.load(url))
    }

    private init(reading file: HealthYAMLFile) throws(HealthDataError) {
        var rules: [PolicyRule] = []
        for (section, keyNode, value) in try file.rootMapping() {
            guard section == "packages" || section == "runtimes" else {
                throw file.error("unknown section \"\(section)\" (known: packages, runtimes)", at: keyNode)
            }
            if value.scalar != nil, try file.scalar(value, what: section) == nil { continue }
            for node in try file.sequence(value, what: section) {
                rules.append(try PolicyRuleReader.read(node, isRuntime: section == "runtimes", file: file))
            }
        }
        self.init(rules: rules)
    }

    /// The rule for a package: an exact name first, then the first wildcard rule that matches.
    public func rule(for name: String, in ecosystem: Ecosystem) -> PolicyRule? {
        let canonical = PackageName.normalised(name, in: ecosystem)
        var wildcard: PolicyRule?
        for rule in rules {
            guard case .package(let ruleEcosystem, let pattern) = rule.subject, ruleEcosystem == ecosystem else { continue }
            if pattern == canonical { return rule }
            if wildcard == nil, pattern.contains("*"), Self.glob(pattern, matches: canonical) { wildcard = rule }
        }
        return wildcard
    }

    /// The rule for a runtime (aliases such as `node`/`nodejs` and `java`/`eclipse-temurin` agree).
    public func rule(forRuntime runtime: String) -> PolicyRule? {
        let wanted = Set(EOLCatalog.candidates(for: runtime))
        return rules.first { rule in
            guard case .runtime(let name) = rule.subject else { return false }
            return !wanted.isDisjoint(with: EOLCatalog.candidates(for: name))
        }
    }

    /// Checks a package version against the policy.
    public func evaluate(_ name: String, in ecosystem: Ecosystem, version: String?) -> PolicyVerdict {
        guard let rule = rule(for: name, in: ecosystem) else { return .noPolicy }
        return Self.evaluate(rule, version: version)
    }

    /// Checks a runtime version (`20`, `3.12.4`, a cycle) against the policy.
    public func evaluate(runtime: String, version: String?) -> PolicyVerdict {
        guard let rule = rule(forRuntime: runtime) else { return .noPolicy }
        return Self.evaluate(rule, version: version)
    }

    /// Banned first, then minimum, then recommended: the worst finding is the one reported.
    static func evaluate(_ rule: PolicyRule, version text: String?) -> PolicyVerdict {
        guard let text, let version = rule.scheme.parse(text) else {
            return PolicyVerdict(status: .unknownVersion, rule: "\(rule.subject)", reason: "the version in use is unknown or not a \(rule.scheme.rawValue) version")
        }
        if let ban = rule.banned.first(where: { $0.bans(version) }) {
            return PolicyVerdict(status: .banned, rule: "banned \(ban.text)", reason: ban.reason)
        }
        if let minimum = rule.minimum, !minimum.isMet(by: version) {
            return PolicyVerdict(status: .belowMinimum, rule: "minimum \(minimum.text)", reason: minimum.reason)
        }
        if let recommended = rule.recommended, !recommended.isMet(by: version) {
            return PolicyVerdict(status: .belowRecommended, rule: "recommended \(recommended.text)", reason: recommended.reason)
        }
        return PolicyVerdict(status: .inPolicy)
    }

    /// `*` matches any run of characters (including none); everything else matches itself.
    static func glob(_ pattern: String, matches text: String) -> Bool {
        let parts = pattern.split(separator: "*", omittingEmptySubsequences: false)
        var rest = Substring(text)
        for (index, part) in parts.enumerated() {
            if index == 0 {
                guard rest.hasPrefix(part) else { return false }
                rest = rest.dropFirst(part.count)
            } else if index == parts.count - 1 {
                return part.isEmpty || rest.hasSuffix(part)
            } else if let range = rest.range(of: part) {
                rest = rest[range.upperBound...]
            } else {
                return false
            }
        }
        return rest.isEmpty
    }
}

/// Reads one entry of `packages:` or `runtimes:`.
enum PolicyRuleReader {
    static func read(_ node: Node, isRuntime: Bool, file: HealthYAMLFile) throws(HealthDataError) -> PolicyRule {
        var fields: [String: Node] = [:]
        let known: Set<String> = isRuntime ? ["runtime", "minimum", "recommended", "banned", "reason"]
            : ["ecosystem", "name", "minimum", "recommended", "banned", "reason"]
        for (key, keyNode, value) in try file.mapping(node, what: "a policy rule") {
            guard known.contains(key) else {
                throw file.error("unknown field \"\(key)\" in a policy rule (known: \(known.sorted().joined(separator: ", ")))", at: keyNode)
            }
            fields[key] = value
        }
        let subject: PolicySubject
        let scheme: VersionScheme
        if isRuntime {
            guard let runtimeNode = fields["runtime"], let runtime = try file.scalar(runtimeNode, what: "runtime") else {
                throw file.error("a runtime rule needs a runtime", at: node)
            }
            let product = EOLCatalog.candidates(for: runtime).first ?? runtime.lowercased()
            subject = .runtime(product)
            scheme = VersionScheme.forRuntime(product)
        } else {
            guard let ecosystemNode = fields["ecosystem"], let ecosystemName = try file.scalar(ecosystemNode, what: "ecosystem") else {
                throw file.error("a package rule needs an ecosystem", at: node)
            }
            guard let ecosystem = Ecosystem(rawValue: ecosystemName) else {
                throw file.error("unknown ecosystem \"\(ecosystemName)\"", at: ecosystemNode)
            }
            guard let nameNode = fields["name"], let name = try file.scalar(nameNode, what: "name"), !name.isEmpty else {
                throw file.error("a package rule needs a name", at: node)
            }
            subject = .package(ecosystem: ecosystem, name: PackageName.normalised(name, in: ecosystem))
            scheme = VersionScheme.for(ecosystem)
        }
        let defaultReason = try fields["reason"].flatMap { node throws(HealthDataError) in try file.scalar(node, what: "reason") }
        let minimum = try fields["minimum"].map { value throws(HealthDataError) in
            try bound(value, field: "minimum", scheme: scheme, defaultReason: defaultReason, file: file)
        }
        let recommended = try fields["recommended"].map { value throws(HealthDataError) in
            try bound(value, field: "recommended", scheme: scheme, defaultReason: defaultReason, file: file)
        }
        var banned: [PolicyBan] = []
        if let bannedNode = fields["banned"] {
            for entry in try file.sequence(bannedNode, what: "banned") {
                let (text, reason) = try textAndReason(entry, field: "banned", key: "range", file: file)
                guard let range = scheme.range(text) else {
                    throw file.error("banned \"\(text)\" is not a valid \(scheme.rawValue) range", at: entry)
                }
                banned.append(PolicyBan(text: text, reason: reason ?? defaultReason, range: range))
            }
        }
        guard minimum != nil || recommended != nil || !banned.isEmpty else {
            throw file.error("the rule for \(subject) sets none of minimum, recommended, banned", at: node)
        }
        return PolicyRule(subject: subject, scheme: scheme, minimum: minimum, recommended: recommended, banned: banned, line: node.mark?.line)
    }

    private static func bound(_ node: Node, field: String, scheme: VersionScheme, defaultReason: String?, file: HealthYAMLFile)
        throws(HealthDataError) -> PolicyBound
    {
        let (text, reason) = try textAndReason(node, field: field, key: "version", file: file)
        guard let bound = PolicyBound(text: text, reason: reason ?? defaultReason, scheme: scheme) else {
            throw file.error("\(field) \"\(text)\" is neither a \(scheme.rawValue) version nor a range", at: node)
        }
        return bound
    }

    /// A scalar, or a mapping `{<key>|range|version: …, reason: …}`.
    private static func textAndReason(_ node: Node, field: String, key: String, file: HealthYAMLFile)
        throws(HealthDataError) -> (String, String?)
    {
        if node.scalar != nil {
            guard let text = try file.scalar(node, what: field) else { throw file.error("\(field) is empty", at: node) }
            return (text, nil)
        }
        var text: String?
        var reason: String?
        for (name, keyNode, value) in try file.mapping(node, what: field) {
            switch name {
            case "version", "range": text = try file.scalar(value, what: "\(field) \(name)")
            case "reason": reason = try file.scalar(value, what: "reason")
            default: throw file.error("unknown field \"\(name)\" in \(field) (known: \(key), reason)", at: keyNode)
            }
        }
        guard let text else { throw file.error("\(field) needs a \(key)", at: node) }
        return (text, reason)
    }
}
