import Catalog
import Foundation

/// Why a filter could not be applied (its input had the wrong shape); the evaluator adds where.
public struct FilterError: Error, Sendable {
    /// What was wrong with the input.
    public let message: String
}

/// The filters templates may use: Backstage's own (`parseRepoUrl`, `parseEntityRef`, `pick`,
/// `projectSlug`), the Nunjucks built-ins real templates use, and cookiecutter's `jsonify`.
enum Filters {
    /// Every filter name; an expression naming another is refused when it is parsed.
    static let names: Set<String> = [
        "parseRepoUrl", "parseEntityRef", "pick", "projectSlug", "lower", "upper", "capitalize", "title", "replace", "default", "d",
        "join", "trim", "length", "first", "last", "dump", "safe", "jsonify", "string", "int", "float", "abs", "reverse", "sort",
    ]

    static func apply(_ name: String, _ value: JSONValue?, _ arguments: [JSONValue?]) throws(FilterError) -> JSONValue? {
        func argument(_ index: Int) -> JSONValue? { index < arguments.count ? arguments[index] : nil }
        switch name {
        case "safe": return value
        case "lower": return .string(TemplateValues.text(value).lowercased())
        case "upper": return .string(TemplateValues.text(value).uppercased())
        case "capitalize":
            let text = TemplateValues.text(value)
            return .string(text.prefix(1).uppercased() + text.dropFirst().lowercased())
        case "title":
            return .string(TemplateValues.text(value).split(separator: " ", omittingEmptySubsequences: false)
                .map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }.joined(separator: " "))
        case "trim": return .string(TemplateValues.text(value).trimmingCharacters(in: .whitespacesAndNewlines))
        case "string": return .string(TemplateValues.text(value))
        case "int":
            let number = TemplateValues.number(value)
            return number.isNaN ? argument(0) ?? .number(0) : .number(number.rounded(.towardZero))
        case "float":
            let number = TemplateValues.number(value)
            return number.isNaN ? argument(0) ?? .number(0) : .number(number)
        case "abs": return .number(abs(TemplateValues.number(value)))
        case "replace":
            // Nunjucks replaces every occurrence, or the first `count` when a count is given.
            let text = TemplateValues.text(value)
            let old = TemplateValues.text(argument(0)), new = TemplateValues.text(argument(1))
            guard !old.isEmpty else { return .string(text) }
            if let count = argument(2).map({ Int(TemplateValues.number($0)) }), count >= 0 {
                var result = text
                var replaced = 0
                var searchStart = result.startIndex
                while replaced < count, let range = result.range(of: old, range: searchStart..<result.endIndex) {
                    result.replaceSubrange(range, with: new)
                    searchStart = result.index(range.lowerBound, offsetBy: new.count)
                    replaced += 1
                }
                return .string(result)
            }
            return .string(text.replacingOccurrences(of: old, with: new))
        case "default", "d":
            // Only undefined is replaced, unless the second argument asks for every false value.
            if TemplateValues.isTruthy(argument(1)) { return TemplateValues.isTruthy(value) ? value : argument(0) }
            return value ?? argument(0)
        case "join":
            guard case .array(let items)? = value else { return value }
            let separator = TemplateValues.text(argument(0))
            if let attribute = argument(1).map({ TemplateValues.text($0) }) {
                return .string(items.map { TemplateValues.text(ExpressionEvaluator.member($0, attribute)) }.joined(separator: separator))
            }
            return .string(items.map { TemplateValues.text($0) }.joined(separator: separator))
        case "length":
            switch value {
            case .array(let items)?: return .number(Double(items.count))
            case .object(let members)?: return .number(Double(members.count))
            case .string(let text)?: return .number(Double(text.count))
            default: return .number(0)
            }
        case "first":
            switch value {
            case .array(let items)?: return items.first
            case .string(let text)?: return text.first.map { .string(String($0)) }
            default: return nil
            }
        case "last":
            switch value {
            case .array(let items)?: return items.last
            case .string(let text)?: return text.last.map { .string(String($0)) }
            default: return nil
            }
        case "reverse":
            switch value {
            case .array(let items)?: return .array(items.reversed())
            case .string(let text)?: return .string(String(text.reversed()))
            default: return value
            }
        case "sort":
            guard case .array(let items)? = value else { return value }
            return .array(items.sorted { TemplateValues.text($0) < TemplateValues.text($1) })
        case "dump", "jsonify":
            let indent = argument(0).map { Int(TemplateValues.number($0)) } ?? 0
            return .string(TemplateValues.json(value ?? .null, indent: max(0, min(indent, 10))))
        case "pick":
            var current = value
            for key in TemplateValues.text(argument(0)).split(separator: ".") { current = ExpressionEvaluator.member(current, String(key)) }
            return current
        case "parseRepoUrl": return .object(try RepoURL(parsing: TemplateValues.text(value)).fields)
        case "projectSlug":
            let url = try RepoURL(parsing: TemplateValues.text(value))
            return .string("\(url.owner ?? url.organization ?? url.workspace ?? "")/\(url.repo)")
        case "parseEntityRef":
            return try parseEntityRef(TemplateValues.text(value), context: argument(0))
        default:
            throw FilterError(message: "unknown filter")
        }
    }

    /// Backstage's `parseEntityRef`: `[kind:][namespace/]name`, with defaults from the context
    /// (`{defaultKind, defaultNamespace}`); case is kept as written.
    static func parseEntityRef(_ text: String, context: JSONValue?) throws(FilterError) -> JSONValue {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        guard !rest.isEmpty else { throw FilterError(message: "entity reference must not be empty") }
        var kind = context?["defaultKind"]?.stringValue
        var namespace = context?["defaultNamespace"]?.stringValue ?? "default"
        if let colon = rest.firstIndex(of: ":") {
            kind = String(rest[..<colon])
            rest = rest[rest.index(after: colon)...]
        }
        if let slash = rest.firstIndex(of: "/") {
            namespace = String(rest[..<slash])
            rest = rest[rest.index(after: slash)...]
        }
        guard let kind, !kind.isEmpty else { throw FilterError(message: "entity reference \"\(text)\" had no kind and no default kind was given") }
        guard !rest.isEmpty, !namespace.isEmpty else { throw FilterError(message: "entity reference \"\(text)\" is not of the form [kind:][namespace/]name") }
        return .object(["kind": .string(kind), "namespace": .string(namespace), "name": .string(String(rest))])
    }
}

/// The repository location string `RepoUrlPicker` produces: `github.com?owner=acme&repo=api`
/// (Bitbucket adds `workspace` and `project`, Azure `organization`).
public struct RepoURL: Sendable, Hashable {
    /// The host: `github.com`, a GitHub Enterprise host, `gitlab.com`, ...
    public var host: String
    /// The owning organisation or user.
    public var owner: String?
    /// The repository's name.
    public var repo: String
    /// Azure DevOps' organisation.
    public var organization: String?
    /// Bitbucket's workspace.
    public var workspace: String?
    /// Bitbucket Server's project.
    public var project: String?

    /// Reads `host?key=value&...`; the repository is required, and an owner on GitHub.
    public init(parsing text: String) throws(FilterError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let question = trimmed.firstIndex(of: "?") else {
            throw FilterError(message: "invalid repository location \"\(text)\": expected host?owner=…&repo=…")
        }
        host = String(trimmed[..<question])
        var fields: [String: String] = [:]
        for pair in trimmed[trimmed.index(after: question)...].split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let value = String(parts[1]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(parts[1])
            fields[String(parts[0])] = value
        }
        guard !host.isEmpty, !host.contains("/") else { throw FilterError(message: "invalid repository location \"\(text)\": no host") }
        guard let repo = fields["repo"], !repo.isEmpty else { throw FilterError(message: "invalid repository location \"\(text)\": missing repo") }
        self.repo = repo
        owner = fields["owner"]
        organization = fields["organization"]
        workspace = fields["workspace"]
        project = fields["project"]
        if host.contains("github"), owner?.isEmpty ?? true {
            throw FilterError(message: "invalid repository location \"\(text)\": missing owner")
        }
    }

    /// Creates a location from its parts.
    public init(host: String, owner: String, repo: String) {
        self.host = host
        self.owner = owner
        self.repo = repo
    }

    /// The object `parseRepoUrl` yields: only the fields present.
    var fields: [String: JSONValue] {
        var fields: [String: JSONValue] = ["host": .string(host), "repo": .string(repo)]
        if let owner { fields["owner"] = .string(owner) }
        if let organization { fields["organization"] = .string(organization) }
        if let workspace { fields["workspace"] = .string(workspace) }
        if let project { fields["project"] = .string(project) }
        return fields
    }

    /// The string form, `github.com?owner=acme&repo=api`.
    public var text: String {
        var parts: [String] = []
        if let owner { parts.append("owner=\(owner)") }
        if let organization { parts.append("organization=\(organization)") }
        if let workspace { parts.append("workspace=\(workspace)") }
        if let project { parts.append("project=\(project)") }
        parts.append("repo=\(repo)")
        return host + "?" + parts.joined(separator: "&")
    }
}
