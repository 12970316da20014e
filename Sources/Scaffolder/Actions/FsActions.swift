import Catalog
import Foundation

/// `fs:rename`: moves files within the workspace (`files: [{from, to, overwrite}]`).
public struct FsRenameAction: ScaffolderAction {
    public let id = "fs:rename"
    public let runsInDryRun = true

    /// Creates the action.
    public init() {}

    public func run(_ context: ActionContext) async throws -> [String: JSONValue] {
        guard let files = context.input["files"]?.arrayValue else { throw ScaffolderError("input files is required (a list of {from, to})") }
        for file in files {
            guard let from = file["from"]?.stringValue, let to = file["to"]?.stringValue else {
                throw ScaffolderError("each of files needs from and to")
            }
            let source = try context.workspace.resolve(from)
            let destination = try context.workspace.resolve(to)
            guard FileManager.default.fileExists(atPath: source.path) else { throw ScaffolderError("fs:rename: \(from) does not exist") }
            if FileManager.default.fileExists(atPath: destination.path) {
                guard file["overwrite"] == .bool(true) else { throw ScaffolderError("fs:rename: \(to) exists (set overwrite: true to replace it)") }
                try FileManager.default.removeItem(at: destination)
            }
            try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.moveItem(at: source, to: destination)
            context.log.info("renamed \(from) to \(to)")
        }
        return [:]
    }
}

/// `fs:delete`: removes files and folders matching globs, relative to the workspace.
public struct FsDeleteAction: ScaffolderAction {
    public let id = "fs:delete"
    public let runsInDryRun = true

    /// Creates the action.
    public init() {}

    public func run(_ context: ActionContext) async throws -> [String: JSONValue] {
        guard let patterns = context.input["files"]?.arrayValue?.compactMap(\.stringValue) else {
            throw ScaffolderError("input files is required (a list of paths or globs)")
        }
        for pattern in patterns {
            let normalized = try Workspace.normalize(pattern)
            guard !normalized.isEmpty else { throw ScaffolderError("fs:delete will not delete the whole workspace (\(pattern))") }
            if Glob.isPattern(normalized) {
                let glob = Glob(normalized)
                for file in try context.workspace.files(readingContents: false) where glob.matches(file.path) {
                    try FileManager.default.removeItem(at: try context.workspace.resolve(file.path))
                    context.log.info("deleted \(file.path)")
                }
            } else {
                let url = try context.workspace.resolve(normalized)
                if FileManager.default.fileExists(atPath: url.path) {
                    try FileManager.default.removeItem(at: url)
                    context.log.info("deleted \(normalized)")
                }
            }
        }
        return [:]
    }
}

/// `debug:log`: writes a message (and, with `listWorkspace`, the workspace's files) to the step log.
public struct DebugLogAction: ScaffolderAction {
    public let id = "debug:log"
    public let runsInDryRun = true

    /// Creates the action.
    public init() {}

    public func run(_ context: ActionContext) async throws -> [String: JSONValue] {
        if let message = context.string("message") { context.log.info(message) }
        if let extra = context.input["extra"] { context.log.info(TemplateValues.json(extra)) }
        if context.bool("listWorkspace") == true {
            for file in try context.workspace.files(readingContents: false) { context.log.info("  \(file.path)") }
        }
        return [:]
    }
}
