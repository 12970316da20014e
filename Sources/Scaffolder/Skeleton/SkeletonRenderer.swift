import Catalog
import Foundation

/// `fetch:template`'s options.
struct SkeletonOptions: Sendable {
    /// Globs whose files are copied as they are; their paths are still rendered.
    var copyWithoutTemplating: [String] = []
    /// Globs (the deprecated option) whose files and paths are copied as they are.
    var copyWithoutRender: [String] = []
    /// `{{ }}` as the output delimiter and `cookiecutter.*` for the values.
    var cookiecutterCompat = false
    /// When set, only files with this extension are rendered, and lose it.
    var templateFileExtension: String?
}

/// Copies a skeleton folder into the workspace, rendering names and contents. A name that renders
/// empty skips its file (how templates make files optional); binary files are copied byte for
/// byte; symbolic links in the skeleton, paths that render out of the workspace and skeletons over
/// the workspace's limits are refused, naming the path.
struct SkeletonRenderer {
    let source: URL
    let displayName: String
    let workspace: Workspace
    let options: SkeletonOptions

    /// Renders every file; returns how many were written.
    func render(values: [String: JSONValue], into targetPath: String) throws -> Int {
        let target = try Workspace.normalize(targetPath)
        let context: [String: JSONValue] = options.cookiecutterCompat ? ["cookiecutter": .object(values)] : ["values": .object(values)]
        let verbatimPaths = GlobSet(options.copyWithoutRender)
        let verbatimContents = GlobSet(options.copyWithoutTemplating)
        let files = try skeletonFiles()
        var written = 0
        var renderedNames: [String: String?] = [:]
        file: for (url, relative) in files {
            let display = "\(displayName)/\(relative)"
            var outputParts: [String] = []
            let keepPath = verbatimPaths.matches(relative)
            let parts = relative.split(separator: "/").map(String.init)
            for (index, part) in parts.enumerated() {
                var name = part
                if index == parts.count - 1, let extensionText = options.templateFileExtension, name.hasSuffix(extensionText), name.count > extensionText.count {
                    name = String(name.dropLast(extensionText.count))
                }
                if !keepPath, TextTemplate.mayContainSyntax(name, cookiecutter: options.cookiecutterCompat) {
                    let key = parts[0..<index].joined(separator: "/") + "/" + name
                    if let cached = renderedNames[key] {
                        guard let cached else { continue file }
                        name = cached
                    } else {
                        let rendered = try TextTemplate(name, file: display, cookiecutter: options.cookiecutterCompat).render(context)
                            .trimmingCharacters(in: .whitespacesAndNewlines)
                        renderedNames[key] = rendered.isEmpty ? .some(nil) : .some(rendered)
                        guard !rendered.isEmpty else { continue file }
                        name = rendered
                    }
                }
                outputParts.append(name)
            }
            let outputPath = ([target] + outputParts).filter { !$0.isEmpty }.joined(separator: "/")
            do {
                _ = try Workspace.normalize(outputPath)
            } catch {
                throw ScaffolderError("\(display) renders to the path \(outputPath), which leaves the workspace")
            }
            let data = try Self.read(url, displayName: display, limits: workspace.limits)
            var output = data
            let renderContents: Bool
            if keepPath || verbatimContents.matches(relative) {
                renderContents = false
            } else if let extensionText = options.templateFileExtension {
                renderContents = relative.hasSuffix(extensionText)
            } else {
                renderContents = true
            }
            if renderContents, !Self.isBinary(data), let text = String(data: data, encoding: .utf8),
                TextTemplate.mayContainSyntax(text, cookiecutter: options.cookiecutterCompat)
            {
                output = Data(try TextTemplate(text, file: display, cookiecutter: options.cookiecutterCompat).render(context).utf8)
            }
            try workspace.write(output, to: outputPath, executable: FileManager.default.isExecutableFile(atPath: url.path))
            written += 1
        }
        return written
    }

    /// The skeleton's regular files, sorted, with their paths relative to it; a symbolic link or
    /// too many files is refused.
    func skeletonFiles() throws -> [(URL, String)] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: source.path, isDirectory: &isDirectory) else { throw ScaffolderError("\(displayName) does not exist") }
        guard isDirectory.boolValue else { return [(source, source.lastPathComponent)] }
        var found: [(URL, String)] = []
        var pending: [(URL, String)] = [(source, "")]
        while let next = pending.popLast() {
            let (directory, prefix) = next
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            for name in names.sorted() where name != ".git" {
                let url = directory.appendingPathComponent(name)
                let relative = prefix.isEmpty ? name : "\(prefix)/\(name)"
                let type = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.type] as? FileAttributeType
                switch type {
                case .typeSymbolicLink?:
                    throw ScaffolderError("\(displayName)/\(relative) is a symbolic link; skeletons may not hold links")
                case .typeDirectory?: pending.append((url, relative))
                case .typeRegular?:
                    found.append((url, relative))
                    if found.count > workspace.limits.maxFiles {
                        throw ScaffolderError("\(displayName) holds more than \(workspace.limits.maxFiles) files")
                    }
                default: continue
                }
            }
        }
        return found.sorted { $0.1 < $1.1 }
    }

    /// A file's bytes, refusing one over the limit before reading it.
    static func read(_ url: URL, displayName: String, limits: WorkspaceLimits) throws -> Data {
        let size = ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int) ?? 0
        guard size <= limits.maxFileBytes else { throw ScaffolderError("\(displayName) is larger than the limit of \(limits.maxFileBytes) bytes") }
        do { return try Data(contentsOf: url) } catch { throw ScaffolderError("\(displayName) cannot be read") }
    }

    /// Whether bytes are binary: a NUL in the first 8 KB, as git decides.
    static func isBinary(_ data: Data) -> Bool { data.prefix(8000).contains(0) }
}

/// Globs with `!` negation: a path matches when some plain pattern matches and no negated one does.
struct GlobSet {
    private let include: [Glob]
    private let exclude: [Glob]

    init(_ patterns: [String]) {
        func clean(_ pattern: String) -> String { pattern.hasPrefix("./") ? String(pattern.dropFirst(2)) : pattern }
        include = patterns.filter { !$0.hasPrefix("!") }.map { Glob(clean($0)) }
        exclude = patterns.filter { $0.hasPrefix("!") }.map { Glob(clean(String($0.dropFirst()))) }
    }

    func matches(_ path: String) -> Bool {
        include.contains { $0.matches(path) } && !exclude.contains { $0.matches(path) }
    }
}
