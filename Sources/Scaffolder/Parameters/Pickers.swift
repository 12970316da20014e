import Catalog
import Foundation

/// Why a picker refused a value.
struct PickerError: Error {
    let message: String
}

/// Backstage's `ui:field` pickers, answered from the catalog instead of a drop-down:
/// `OwnerPicker`, `EntityPicker`, `OwnedEntityPicker` and `MyGroupsPicker` turn a name or ref into
/// the full ref of a catalog entity of an allowed kind (matching `catalogFilter`);
/// `RepoUrlPicker` turns `host?owner=…&repo=…`, `{host, owner, repo}` or `owner/repo` into
/// Backstage's string, within `allowedHosts`/`allowedOwners`/`allowedRepos`; `EntityNamePicker`
/// checks the entity-name format.
enum Pickers {
    static func resolve(_ picker: String, value: JSONValue, schema: JSONValue, catalog: PickerCatalog?) async -> Result<JSONValue, PickerError> {
        let options = schema["ui:options"] ?? .object([:])
        switch picker {
        case "OwnerPicker", "EntityPicker", "OwnedEntityPicker", "MyGroupsPicker":
            guard case .string(let text) = value else { return .success(value) }
            let defaultKinds: [String] = picker == "OwnerPicker" || picker == "MyGroupsPicker" ? ["Group", "User"] : []
            return await entity(text, options: options, defaultKinds: defaultKinds, catalog: catalog).map(JSONValue.string)
        case "RepoUrlPicker":
            return repoURL(value, options: options).map { .string($0.text) }
        case "EntityNamePicker":
            guard case .string(let text) = value else { return .success(value) }
            let valid = text.count <= 63 && text.range(of: "^[A-Za-z0-9]([-_.]?[A-Za-z0-9])*$", options: .regularExpression) != nil
            return valid ? .success(value) : .failure(PickerError(message: "must be an entity name: letters, digits and single - _ . between them, at most 63 characters"))
        default:
            return .success(value)
        }
    }

    /// The filters of `catalogFilter` (one object or a list: any may match) or `allowedKinds`.
    static func filters(_ options: JSONValue, defaultKinds: [String]) -> [[String: JSONValue]] {
        switch options["catalogFilter"] {
        case .object(let filter)?: return [filter]
        case .array(let list)?: return list.compactMap(\.objectValue)
        default:
            let kinds = options["allowedKinds"]?.arrayValue?.compactMap(\.stringValue) ?? defaultKinds
            return kinds.isEmpty ? [[:]] : [["kind": .array(kinds.map(JSONValue.string))]]
        }
    }

    static func kinds(in filters: [[String: JSONValue]]) -> [String]? {
        var kinds: [String] = []
        for filter in filters {
            switch filter["kind"] {
            case .string(let kind)?: kinds.append(kind)
            case .array(let list)?: kinds += list.compactMap(\.stringValue)
            default: return nil
            }
        }
        return kinds
    }

    private static func entity(_ text: String, options: JSONValue, defaultKinds: [String], catalog: PickerCatalog?) async -> Result<String, PickerError> {
        let filters = filters(options, defaultKinds: defaultKinds)
        let kinds = kinds(in: filters)
        let defaultNamespace = options["defaultNamespace"]?.stringValue ?? EntityRef.defaultNamespace
        let defaultKind = options["defaultKind"]?.stringValue ?? kinds?.first
        guard let catalog else {
            // No catalog to ask (a fixture's dry run): the value is taken as written, made a full ref.
            guard let kind = defaultKind ?? text.split(separator: ":").first.map(String.init), text.contains(":") || defaultKind != nil else {
                return .success(text)
            }
            return .success(fullRef(text, kind: kind, namespace: defaultNamespace))
        }
        let candidates: [Entity]
        do {
            candidates = try await catalog.entities(ofKinds: kinds ?? ["Component", "API", "Resource", "System", "Domain", "Group", "User", "Template"])
        } catch {
            return .failure(PickerError(message: "the catalog cannot be read right now"))
        }
        let matching = candidates.filter { entity in filters.contains { Self.matches(entity.document, filter: $0) } }
        let lowered = text.lowercased()
        let found = matching.filter { entity in
            let ref = entity.ref.description.lowercased()
            return ref == lowered || ref == fullRef(lowered, kind: defaultKind ?? entity.kind, namespace: defaultNamespace).lowercased()
                || (entity.metadata.name.lowercased() == lowered && entity.metadata.namespace.lowercased() == defaultNamespace.lowercased())
        }
        if found.count == 1 { return .success(found[0].ref.description) }
        if found.count > 1 {
            return .failure(PickerError(message: "\"\(text)\" is ambiguous: \(found.prefix(5).map(\.ref.description).joined(separator: ", ")); give the full ref"))
        }
        if options["allowArbitraryValues"] == .bool(true) { return .success(text) }
        let kindText = kinds.map { $0.joined(separator: " or ") } ?? "entity"
        let names = matching.prefix(8).map(\.metadata.name).sorted().joined(separator: ", ")
        return .failure(PickerError(message: "no \(kindText) \"\(text)\" in the catalog\(names.isEmpty ? "" : " (for example: \(names))")"))
    }

    private static func fullRef(_ text: String, kind: String, namespace: String) -> String {
        var rest = text
        var kindPart = kind
        if let colon = rest.firstIndex(of: ":") {
            kindPart = String(rest[..<colon])
            rest = String(rest[rest.index(after: colon)...])
        }
        if !rest.contains("/") { rest = "\(namespace)/\(rest)" }
        return "\(kindPart.lowercased()):\(rest)"
    }

    /// Whether an entity document matches a filter: every key (`kind`, `spec.type`,
    /// `metadata.tags`) has one of the listed values (case-insensitively), or a list containing one.
    static func matches(_ document: JSONValue, filter: [String: JSONValue]) -> Bool {
        filter.allSatisfy { path, wanted in
            var current: JSONValue? = document
            for key in path.split(separator: ".") { current = current?[String(key)] }
            let wantedValues = (wanted.arrayValue ?? [wanted]).map { TemplateValues.text($0).lowercased() }
            if case .object(let special) = wanted, special["exists"] != nil { return (current != nil) == (special["exists"] == .bool(true)) }
            let actual = (current?.arrayValue ?? current.map { [$0] } ?? []).map { TemplateValues.text($0).lowercased() }
            return actual.contains { wantedValues.contains($0) }
        }
    }

    private static func repoURL(_ value: JSONValue, options: JSONValue) -> Result<RepoURL, PickerError> {
        let allowedHosts = options["allowedHosts"]?.arrayValue?.compactMap(\.stringValue) ?? []
        var url: RepoURL
        switch value {
        case .string(let text) where text.contains("?"):
            do throws(FilterError) {
                url = try RepoURL(parsing: text)
            } catch {
                return .failure(PickerError(message: error.message))
            }
        case .string(let text):
            let parts = text.split(separator: "/").map(String.init)
            guard parts.count == 2 || parts.count == 3 else {
                return .failure(PickerError(message: "must be host?owner=…&repo=…, owner/repo or host/owner/repo"))
            }
            url = parts.count == 3
                ? RepoURL(host: parts[0], owner: parts[1], repo: parts[2]) : RepoURL(host: allowedHosts.first ?? "github.com", owner: parts[0], repo: parts[1])
        case .object(let members):
            guard let owner = members["owner"]?.stringValue, let repo = members["repo"]?.stringValue else {
                return .failure(PickerError(message: "needs owner and repo (--set NAME.owner=… --set NAME.repo=…)"))
            }
            url = RepoURL(host: members["host"]?.stringValue ?? allowedHosts.first ?? "github.com", owner: owner, repo: repo)
        default:
            return .failure(PickerError(message: "must be a repository location"))
        }
        if !allowedHosts.isEmpty, !allowedHosts.contains(url.host) {
            return .failure(PickerError(message: "host \(url.host) is not allowed (allowed: \(allowedHosts.joined(separator: ", ")))"))
        }
        if let owners = options["allowedOwners"]?.arrayValue?.compactMap(\.stringValue), !owners.isEmpty, !owners.contains(url.owner ?? "") {
            return .failure(PickerError(message: "owner \(url.owner ?? "") is not allowed (allowed: \(owners.joined(separator: ", ")))"))
        }
        if let repos = options["allowedRepos"]?.arrayValue?.compactMap(\.stringValue), !repos.isEmpty, !repos.contains(url.repo) {
            return .failure(PickerError(message: "repository \(url.repo) is not allowed (allowed: \(repos.joined(separator: ", ")))"))
        }
        let namePattern = "^[A-Za-z0-9_.-]+$"
        guard url.repo.range(of: namePattern, options: .regularExpression) != nil, url.owner.map({ $0.range(of: namePattern, options: .regularExpression) != nil }) ?? true,
            url.repo != "..", url.repo != "."
        else {
            return .failure(PickerError(message: "owner and repository may hold only letters, digits, - _ and ."))
        }
        return .success(url)
    }
}
