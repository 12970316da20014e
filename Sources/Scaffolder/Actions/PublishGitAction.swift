import Catalog
import Foundation

/// `publish:git`, Backline's own: makes the workspace (or `sourcePath` in it) a git repository,
/// commits everything, and pushes `branch` (default `main`) to an existing remote, a local bare
/// repository included. Outputs `remoteUrl`, `commitHash` and `repoContentsUrl` (the remote at the
/// branch, which `catalog:register` takes). git runs through ``TimedProcess`` with a deadline.
public struct PublishGitAction: ScaffolderAction {
    public let id = "publish:git"
    public let runsInDryRun = false

    /// Creates the action.
    public init() {}

    public func run(_ context: ActionContext) async throws -> [String: JSONValue] {
        let remote = try context.requiredString("remoteUrl")
        guard !remote.hasPrefix("-"), !remote.lowercased().hasPrefix("ext::"), !remote.lowercased().hasPrefix("fd::") else {
            throw ScaffolderError("remoteUrl \(remote) is not a git remote")
        }
        let branch = context.string("branch") ?? "main"
        guard branch.range(of: "^[A-Za-z0-9._/-]+$", options: .regularExpression) != nil, !branch.hasPrefix("-"), !branch.contains("..") else {
            throw ScaffolderError("branch \(branch) is not a usable branch name")
        }
        let directory = try context.workspace.resolve(context.string("sourcePath") ?? ".")
        let message = context.string("gitCommitMessage") ?? "Initial commit"
        let author = context.string("gitAuthorName") ?? "Backline Scaffolder"
        let email = context.string("gitAuthorEmail") ?? "scaffolder@backline.invalid"
        let git = Git(directory: directory, environment: context.services.environment, timeout: context.services.gitTimeout)

        try await git.run(["init", "-q", "-b", branch, directory.path], what: "git init")
        try await git.run(["-C", directory.path, "add", "-A"], what: "git add")
        try await git.run(
            ["-C", directory.path, "-c", "user.name=\(author)", "-c", "user.email=\(email)", "-c", "commit.gpgsign=false", "commit", "-q", "--allow-empty", "-m", message],
            what: "git commit")
        let hash = git.head(branch: branch)
        context.log.info("committed \(hash ?? "?") on \(branch) in \(context.workspace.relativePath(of: directory).isEmpty ? "the workspace" : context.workspace.relativePath(of: directory))")
        do {
            try await git.run(["-C", directory.path, "-c", "protocol.ext.allow=never", "push", "-q", remote, "HEAD:refs/heads/\(branch)"], what: "git push")
        } catch {
            // Said plainly: the work exists as a local commit, but the remote does not have it.
            throw ScaffolderError("committed \(hash ?? "the files") locally, but the push to \(remote) failed: \(error)")
        }
        context.log.info("pushed \(branch) to \(remote)")
        var output: [String: JSONValue] = ["remoteUrl": .string(remote), "repoContentsUrl": .string("\(remote)#\(branch)")]
        if let hash { output["commitHash"] = .string(hash) }
        return output
    }
}

/// The `git` command, run with a deadline and without prompts.
struct Git {
    let directory: URL
    let environment: [String: String]
    let timeout: Duration

    func run(_ arguments: [String], what: String) async throws {
        var environment = environment
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["GIT_ASKPASS"] = "true"
        switch await TimedProcess.run(["git"] + arguments, environment: environment, timeout: timeout) {
        case .success(let outcome) where outcome.status == 0: return
        case .success(let outcome):
            let detail = outcome.standardError.split(separator: "\n").prefix(3).joined(separator: " ")
            throw ScaffolderError("\(what) failed (exit \(outcome.status)): \(detail)")
        case .failure(.timedOut): throw ScaffolderError("\(what) took longer than \(timeout) and was stopped")
        case .failure(.couldNotStart(let reason)): throw ScaffolderError("\(what) could not start: \(reason)")
        }
    }

    /// The commit `branch` points at, read from the repository's files (TimedProcess keeps no
    /// standard output).
    func head(branch: String) -> String? {
        let gitDirectory = directory.appendingPathComponent(".git")
        if let text = try? String(contentsOf: gitDirectory.appendingPathComponent("refs/heads/\(branch)"), encoding: .utf8) {
            return text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard let packed = try? String(contentsOf: gitDirectory.appendingPathComponent("packed-refs"), encoding: .utf8) else { return nil }
        for line in packed.split(separator: "\n") where line.hasSuffix(" refs/heads/\(branch)") {
            return String(line.split(separator: " ")[0])
        }
        return nil
    }
}
