import Catalog
import Foundation

/// Read-only questions to the history of one git work tree, asked with `git log` through
/// ``TimedProcess`` so that no question can take longer than its deadline.
///
/// The repositories are untrusted (anyone who can push to them wrote them), so git runs with no
/// system configuration, no pager, no fsmonitor, no hooks, no signature checks, no external diff
/// or text conversion, no lazy fetch of missing objects in a partial clone and no credential
/// prompt: nothing in the repository's own configuration gets to run a command, reach the
/// network or wait for a person.
public struct GitHistory: Sendable {
    /// The work tree root (the folder holding `.git`).
    public let workTree: URL
    /// How long one `git log` may take before it is stopped.
    public let timeout: Duration
    /// The git executable and any leading arguments (tests may stand in another git).
    public let command: [String]

    /// Commit counts stop here: past a few hundred the number no longer changes any decision, and
    /// the output of git stays small on a repository with millions of commits.
    static let maxCountedCommits = 100_000

    /// Creates a reader of the history of the work tree at `workTree`.
    public init(workTree: URL, timeout: Duration = .seconds(20), command: [String] = ["git"]) {
        self.workTree = workTree
        self.timeout = timeout
        self.command = command
    }

    /// The nearest folder at or above `folder` that holds a `.git` (a folder, or the file a
    /// linked work tree or a submodule has), found by looking at the disk only; nil when none does.
    public static func workTreeRoot(containing folder: URL) -> URL? {
        var path = DocsFileAccess.normalized(folder.path)
        while true {
            if DocsFileAccess.kind(path + (path == "/" ? ".git" : "/.git")) != .missing { return URL(fileURLWithPath: path) }
            guard path != "/" else { return nil }
            path = DocsFileAccess.normalized(path + "/..")
        }
    }

    /// Whether the work tree has a `.git` at all; without one there is no history to ask.
    public var hasRepository: Bool {
        DocsFileAccess.kind(DocsFileAccess.normalized(workTree.path) + "/.git") != .missing
    }

    /// Whether the repository is a shallow clone: its history is cut off, so "when did the docs last
    /// change" may have been cut away and every answer would look fresher than it is.
    public var isShallow: Bool {
        guard let gitDirectory = gitDirectory() else { return false }
        // A linked work tree keeps its shared state (the `shallow` file among it) in the common
        // folder its `commondir` file names.
        var common = gitDirectory
        if let bytes = DocsFileAccess.readPrefix(of: gitDirectory + "/commondir", count: 4096) {
            let named = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if !named.isEmpty {
                common = named.hasPrefix("/") ? named : DocsFileAccess.normalized(gitDirectory + "/" + named)
            }
        }
        return DocsFileAccess.kind(common + "/shallow") != .missing || DocsFileAccess.kind(gitDirectory + "/shallow") != .missing
    }

    /// The folder git keeps the repository in: `.git` itself, or the folder a `.git` file names.
    private func gitDirectory() -> String? {
        let root = DocsFileAccess.normalized(workTree.path)
        let dotGit = root + "/.git"
        switch DocsFileAccess.kind(dotGit) {
        case .directory:
            return dotGit
        case .file:
            guard let bytes = DocsFileAccess.readPrefix(of: dotGit, count: 4096) else { return nil }
            let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard text.hasPrefix("gitdir:") else { return nil }
            let named = text.dropFirst("gitdir:".count).trimmingCharacters(in: .whitespaces)
            return named.hasPrefix("/") ? DocsFileAccess.normalized(named) : DocsFileAccess.normalized(root + "/" + named)
        default:
            return nil
        }
    }

    /// The newest commit reachable from `HEAD` that touches `pathspecs`; nil when none does (or the
    /// repository has no commits yet).
    func lastCommit(touching pathspecs: [String]) async throws(GitHistoryError) -> GitCommitStamp? {
        let text = try await log(["--max-count=1", "--format=%H%x09%ct"], pathspecs: pathspecs, maxBytes: 4096)
        guard let line = text.split(separator: "\n").first else { return nil }
        let fields = line.split(separator: "\t")
        guard fields.count == 2, let seconds = TimeInterval(fields[1]) else { throw .unreadableOutput }
        return GitCommitStamp(sha: String(fields[0]), date: Date(timeIntervalSince1970: seconds))
    }

    /// How many commits touching `pathspecs` are reachable from `HEAD` but not from `base` (all of
    /// them when `base` is nil): the commits that landed after it, merged branches included.
    /// Stops counting at ``maxCountedCommits``.
    func commitCount(after base: String?, touching pathspecs: [String]) async throws(GitHistoryError) -> Int {
        var arguments = ["--max-count=\(Self.maxCountedCommits)", "--format=tformat:x"]
        // The hash came from git itself; checking its shape keeps anything else out of the
        // revision argument.
        if let base {
            guard base.count >= 40, base.allSatisfy(\.isHexDigit) else { throw .unreadableOutput }
            arguments.append("\(base)..HEAD")
        }
        let text = try await log(arguments, pathspecs: pathspecs, maxBytes: 2 * Self.maxCountedCommits + 16)
        return text.utf8.reduce(0) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
    }

    /// Runs `git log` with `arguments`, then `--` and `pathspecs`, and returns what it printed.
    ///
    /// ``TimedProcess`` keeps only standard error, so git writes its answer to a file of ours
    /// (`--output`), which is then read up to `maxBytes`.
    private func log(_ arguments: [String], pathspecs: [String], maxBytes: Int) async throws(GitHistoryError) -> String {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("backline-gitlog-\(UUID().uuidString)").path
        guard FileManager.default.createFile(atPath: outputPath, contents: nil) else {
            throw .gitUnavailable("cannot create a file for its output in \(FileManager.default.temporaryDirectory.path)")
        }
        defer { try? FileManager.default.removeItem(atPath: outputPath) }

        let root = DocsFileAccess.normalized(workTree.path)
        let options = [
            "-C", root, "--no-pager",
            "-c", "core.quotePath=false",
            "-c", "core.fsmonitor=false",
            "-c", "core.hooksPath=/dev/null",
            "-c", "log.showSignature=false",
            "-c", "log.follow=false",
        ]
        let logOptions = ["log", "--no-color", "--no-ext-diff", "--no-textconv", "--no-mailmap", "--output=\(outputPath)"]
        let outcome = await TimedProcess.run(command + options + logOptions + arguments + ["--"] + pathspecs, environment: environment(root: root), timeout: timeout)
        switch outcome {
        case .failure(.couldNotStart(let reason)):
            throw .gitUnavailable(reason)
        case .failure(.timedOut):
            throw .timedOut(timeout)
        case .success(let run) where run.status != 0:
            let message = run.standardError.trimmingCharacters(in: .whitespacesAndNewlines)
            // A repository with no commit yet is a history with nothing in it, not a failure.
            if message.contains("does not have any commits yet") { return "" }
            throw .gitFailed(message.isEmpty ? "exit status \(run.status)" : String(message.prefix(500)))
        case .success:
            guard let bytes = DocsFileAccess.readPrefix(of: outputPath, count: maxBytes) else { throw .unreadableOutput }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// The environment git runs in: built from scratch rather than inherited, so a `GIT_DIR` or
    /// `GIT_INDEX_FILE` of the server's own cannot redirect it.
    private func environment(root: String) -> [String: String] {
        let inherited = ProcessInfo.processInfo.environment
        var environment: [String: String] = [
            "PATH": inherited["PATH"] ?? "/usr/local/bin:/usr/bin:/bin",
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_TERMINAL_PROMPT": "0",
            // Partial clones (`--filter=blob:none`) must never fetch from the network here.
            "GIT_NO_LAZY_FETCH": "1",
            // Reading must not take the index lock a concurrent `git pull` needs.
            "GIT_OPTIONAL_LOCKS": "0",
            "GIT_NO_REPLACE_OBJECTS": "1",
            // Only the work tree's own `.git` counts: a folder that is not a repository must not be
            // answered from a repository that happens to enclose it.
            "GIT_CEILING_DIRECTORIES": DocsFileAccess.normalized(root + "/.."),
            "LC_ALL": "C",
        ]
        // The global configuration stays: an operator may need `safe.directory` there.
        if let home = inherited["HOME"] { environment["HOME"] = home }
        if let global = inherited["GIT_CONFIG_GLOBAL"] { environment["GIT_CONFIG_GLOBAL"] = global }
        return environment
    }
}
