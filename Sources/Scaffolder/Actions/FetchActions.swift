import Catalog
import Foundation

extension ActionContext {
    /// The local folder or file `url` names, relative to the template's folder. It may climb to
    /// sibling folders of the template's source, never outside that source's root; absolute paths
    /// and remote URLs (other than GitHub ones, see ``fetchSource(_:)``) are refused.
    func templateSource(_ url: String) throws -> URL {
        if url.contains("://") { throw ScaffolderError("\(url): only paths next to the template are fetched, not remote URLs") }
        if url.hasPrefix("/") || url.hasPrefix("~") { throw ScaffolderError("\(url): must be relative to the template's folder") }
        let candidate = template.origin.directory.appendingPathComponent(url).standardizedFileURL.resolvingSymlinksInPath()
        let root = template.origin.root.resolvingSymlinksInPath().standardizedFileURL.path
        let path = candidate.path
        guard path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/") else {
            throw ScaffolderError("\(url) leaves the template source \(template.origin.root.lastPathComponent)/; only folders inside it are fetched")
        }
        guard FileManager.default.fileExists(atPath: path) else { throw ScaffolderError("\(url) does not exist next to \(template.origin.displayName)") }
        return candidate
    }
}

/// A `fetch:*` source: a local folder or file, and the temporary clone to remove afterwards when
/// it came from GitHub.
struct FetchSource {
    let url: URL
    let clone: GitHubFetch.Fetched?
    func remove() { clone?.remove() }
}

extension ActionContext {
    /// The source `url` names: next to the template (``templateSource(_:)``), or a GitHub web URL
    /// on an allowed host (``GitHubFetch``). Any other remote URL is refused.
    func fetchSource(_ url: String) async throws -> FetchSource {
        if url.contains("://"), let connection = services.github, let remote = try GitHubFetch(url, settings: connection.settings) {
            let fetched = try await remote.fetch(self, connection: connection, original: url)
            return FetchSource(url: fetched.url, clone: fetched)
        }
        return FetchSource(url: try templateSource(url), clone: nil)
    }
}

/// `fetch:template`: copies a skeleton into the workspace, rendering file names and contents with
/// `values` (see ``SkeletonRenderer``).
public struct FetchTemplateAction: ScaffolderAction {
    public let id = "fetch:template"
    public let runsInDryRun = true

    /// Creates the action.
    public init() {}

    public func run(_ context: ActionContext) async throws -> [String: JSONValue] {
        let url = try context.requiredString("url")
        let fetched = try await context.fetchSource(url)
        defer { fetched.remove() }
        let source = fetched.url
        var options = SkeletonOptions()
        options.copyWithoutTemplating = (context.input["copyWithoutTemplating"]?.arrayValue ?? []).compactMap(\.stringValue)
        options.copyWithoutRender = (context.input["copyWithoutRender"]?.arrayValue ?? []).compactMap(\.stringValue)
        options.cookiecutterCompat = context.bool("cookiecutterCompat") ?? false
        switch context.input["templateFileExtension"] {
        case .bool(true)?: options.templateFileExtension = ".njk"
        case .string(let text)?: options.templateFileExtension = text.hasPrefix(".") ? text : "." + text
        default: break
        }
        if options.templateFileExtension != nil, !(options.copyWithoutTemplating.isEmpty && options.copyWithoutRender.isEmpty) {
            throw ScaffolderError("templateFileExtension cannot be combined with copyWithoutTemplating or copyWithoutRender")
        }
        let values = context.input["values"]?.objectValue ?? [:]
        let renderer = SkeletonRenderer(
            source: source, displayName: url.hasSuffix("/") ? String(url.dropLast()) : url, workspace: context.workspace, options: options)
        let written = try renderer.render(values: values, into: context.string("targetPath") ?? "./")
        context.log.info("fetch:template wrote \(written) file(s) from \(url) into \(context.string("targetPath") ?? "./")")
        return [:]
    }
}

/// `fetch:plain`: copies a folder into the workspace as it is.
public struct FetchPlainAction: ScaffolderAction {
    public let id = "fetch:plain"
    public let runsInDryRun = true

    /// Creates the action.
    public init() {}

    public func run(_ context: ActionContext) async throws -> [String: JSONValue] {
        let url = try context.requiredString("url")
        let fetched = try await context.fetchSource(url)
        defer { fetched.remove() }
        let source = fetched.url
        var options = SkeletonOptions()
        options.copyWithoutRender = ["**"]
        let renderer = SkeletonRenderer(source: source, displayName: url, workspace: context.workspace, options: options)
        let written = try renderer.render(values: [:], into: context.string("targetPath") ?? "./")
        context.log.info("fetch:plain copied \(written) file(s) from \(url)")
        return [:]
    }
}

/// `fetch:plain:file`: copies one file into the workspace as it is.
public struct FetchPlainFileAction: ScaffolderAction {
    public let id = "fetch:plain:file"
    public let runsInDryRun = true

    /// Creates the action.
    public init() {}

    public func run(_ context: ActionContext) async throws -> [String: JSONValue] {
        let url = try context.requiredString("url")
        let target = try context.requiredString("targetPath")
        let fetched = try await context.fetchSource(url)
        defer { fetched.remove() }
        let source = fetched.url
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: source.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw ScaffolderError("\(url) is a folder; fetch:plain:file copies one file (use fetch:plain)")
        }
        let data = try SkeletonRenderer.read(source, displayName: url, limits: context.workspace.limits)
        try context.workspace.write(data, to: target, executable: FileManager.default.isExecutableFile(atPath: source.path))
        context.log.info("fetch:plain:file copied \(url) to \(target)")
        return [:]
    }
}
