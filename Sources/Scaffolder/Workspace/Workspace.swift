import Foundation

/// How much a run may write: a template is untrusted input, and a skeleton (or a loop) could
/// otherwise fill the disk.
public struct WorkspaceLimits: Sendable, Hashable {
    /// Files in the workspace at most.
    public var maxFiles: Int
    /// Bytes of one file at most.
    public var maxFileBytes: Int
    /// Bytes of all files at most.
    public var maxTotalBytes: Int

    /// Creates limits.
    public init(maxFiles: Int = 5000, maxFileBytes: Int = 20 << 20, maxTotalBytes: Int = 200 << 20) {
        self.maxFiles = maxFiles
        self.maxFileBytes = maxFileBytes
        self.maxTotalBytes = maxTotalBytes
    }
}

/// One file of a workspace, as a dry run shows it.
public struct WorkspaceFile: Sendable, Hashable {
    /// The path relative to the workspace.
    public var path: String
    /// The bytes.
    public var content: Data
    /// Whether it is executable.
    public var isExecutable: Bool
}

/// The folder a run builds the new project in. Every path a step names is resolved here, and one
/// that would leave it (`..`, an absolute path, a symbolic link on the way) is refused, naming it.
public struct Workspace: Sendable {
    /// The folder (symbolic links resolved).
    public let root: URL
    /// What it may hold.
    public let limits: WorkspaceLimits

    /// A workspace at `root`, created when missing.
    public init(root: URL, limits: WorkspaceLimits = WorkspaceLimits()) throws {
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        self.root = root.resolvingSymlinksInPath().standardizedFileURL
        self.limits = limits
    }

    /// The normalised relative form of `path` (`./a//b/../c` → `a/c`), or a refusal when it is
    /// absolute or climbs out.
    public static func normalize(_ path: String) throws(ScaffolderError) -> String {
        guard !path.hasPrefix("/"), !path.hasPrefix("~") else { throw ScaffolderError("path \(path) is absolute; paths must stay inside the workspace") }
        guard !path.contains("\0") else { throw ScaffolderError("path \(path.debugDescription) holds a NUL character") }
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { throw ScaffolderError("path \(path) leaves the workspace") }
                parts.removeLast()
            default: parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }

    /// The URL of `path` inside the workspace, refusing a path that leaves it or passes through a
    /// symbolic link (which could point anywhere).
    public func resolve(_ path: String) throws(ScaffolderError) -> URL {
        let relative = try Self.normalize(path)
        var current = root
        for part in relative.split(separator: "/") {
            current = current.appendingPathComponent(String(part))
            if (try? FileManager.default.destinationOfSymbolicLink(atPath: current.path)) != nil {
                throw ScaffolderError("path \(path) passes through the symbolic link \(relativePath(of: current)); links are not followed")
            }
        }
        return current
    }

    /// `url`'s path relative to the root.
    public func relativePath(of url: URL) -> String {
        let base = root.path.hasSuffix("/") ? root.path : root.path + "/"
        let path = url.standardizedFileURL.path
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }

    /// Writes `data` at `path`, making folders on the way.
    public func write(_ data: Data, to path: String, executable: Bool = false) throws(ScaffolderError) {
        guard data.count <= limits.maxFileBytes else { throw ScaffolderError("file \(path) is larger than the limit of \(limits.maxFileBytes) bytes") }
        let url = try resolve(path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
            if executable { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path) }
        } catch {
            throw ScaffolderError("cannot write \(path): \(error.localizedDescription)")
        }
    }

    /// Every regular file, sorted by path; a symbolic link anywhere (made by a step) is refused.
    /// `.git` folders (made by publishing) are left out.
    public func files(readingContents: Bool) throws(ScaffolderError) -> [WorkspaceFile] {
        var files: [WorkspaceFile] = []
        var total = 0
        for (url, relative) in try walk(root) {
            let attributes = (try? FileManager.default.attributesOfItem(atPath: url.path)) ?? [:]
            let size = (attributes[.size] as? Int) ?? 0
            total += size
            guard files.count < limits.maxFiles else { throw ScaffolderError("the workspace holds more than \(limits.maxFiles) files") }
            guard total <= limits.maxTotalBytes else { throw ScaffolderError("the workspace holds more than \(limits.maxTotalBytes) bytes") }
            let permissions = (attributes[.posixPermissions] as? Int) ?? 0
            let content = readingContents ? ((try? Data(contentsOf: url)) ?? Data()) : Data()
            files.append(WorkspaceFile(path: relative, content: content, isExecutable: permissions & 0o100 != 0))
        }
        return files.sorted { $0.path < $1.path }
    }

    /// The regular files under `folder`, refusing symbolic links and skipping `.git`.
    func walk(_ folder: URL) throws(ScaffolderError) -> [(URL, String)] {
        var found: [(URL, String)] = []
        var pending = [folder]
        while let directory = pending.popLast() {
            let names: [String]
            do { names = try FileManager.default.contentsOfDirectory(atPath: directory.path) } catch { continue }
            for name in names.sorted() where name != ".git" {
                let url = directory.appendingPathComponent(name)
                let type = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.type] as? FileAttributeType
                switch type {
                case .typeSymbolicLink?: throw ScaffolderError("\(relativePath(of: url)) is a symbolic link; the workspace may not hold links")
                case .typeDirectory?: pending.append(url)
                case .typeRegular?: found.append((url, relativePath(of: url)))
                default: continue
                }
            }
        }
        return found
    }
}
