import Catalog
import Foundation

/// `publish:github:pull-request`, with Backstage's inputs and outputs: clones the repository's
/// target branch (its default branch unless `targetBranchName` says otherwise), writes the
/// workspace's files (or `sourcePath`'s) under `targetPath`, commits them on the new branch
/// `branchName`, pushes it and opens the pull request (`draft` when asked). Outputs `remoteUrl`
/// (the pull request's page), `pullRequestNumber` and `targetBranchName`.
public struct PublishGitHubPullRequestAction: ScaffolderAction {
    public let id = "publish:github:pull-request"
    public let runsInDryRun = false

    /// Creates the action.
    public init() {}

    public func unavailableReason(_ services: ScaffolderServices, input: JSONValue?) -> String? {
        GitHubTarget.unavailableReason(services, input: input)
    }

    public func run(_ context: ActionContext) async throws -> [String: JSONValue] {
        let target = try GitHubTarget(context, action: id)
        let branch = try context.requiredString("branchName")
        guard GitHubNames.isBranch(branch) else { throw ScaffolderError("branchName \(branch) is not a usable branch name") }
        let title = try context.requiredString("title")
        let description = try context.requiredString("description")
        let targetPath = try Workspace.normalize(context.string("targetPath") ?? "")
        // Files under .git would rewrite the clone's configuration or hooks, not the repository.
        if targetPath.split(separator: "/").first?.lowercased() == ".git" {
            throw ScaffolderError("targetPath \(targetPath) is inside .git; files go into the repository's tree only")
        }
        let sourcePath = try Workspace.normalize(context.string("sourcePath") ?? "")
        let api = target.api

        let repository = try await api.repository(owner: target.owner, name: target.repo)
        let base = context.string("targetBranchName") ?? repository["default_branch"]?.stringValue ?? "main"
        guard GitHubNames.isBranch(base) else { throw ScaffolderError("the target branch \(base) is not a usable branch name") }
        let remote = try target.cloneURL(repository["clone_url"]?.stringValue)

        let clone = FileManager.default.temporaryDirectory.appendingPathComponent("backline-pull-request-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: clone) }
        let git = Git(directory: clone, environment: target.gitEnvironment(context.services.environment, remote: remote), timeout: context.services.gitTimeout)
        let safe = Git.safeOptions
        try await git.run(
            safe + ["clone", "-q", "--depth", "1", "--no-tags", "--branch", base, "--", remote.absoluteString, clone.path], what: "git clone of \(target.fullName)")
        try await git.run(safe + ["-C", clone.path, "checkout", "-q", "-b", branch], what: "git checkout -b \(branch)")

        let written = try copyFiles(context, from: sourcePath, into: clone, under: targetPath)
        try await git.run(safe + ["-C", clone.path, "add", "-A"], what: "git add")
        guard try await git.status(safe + ["-C", clone.path, "diff", "--cached", "--quiet"]) == 1 else {
            throw ScaffolderError("the \(written) file(s) are already in \(target.fullName) on \(base) as they are; there is nothing to propose")
        }
        let author = context.string("gitAuthorName") ?? "Backline Scaffolder"
        let email = context.string("gitAuthorEmail") ?? "scaffolder@backline.invalid"
        try await git.run(
            safe + ["-C", clone.path, "-c", "user.name=\(author)", "-c", "user.email=\(email)", "commit", "-q", "-m", context.string("commitMessage") ?? title],
            what: "git commit")
        do {
            try await git.run(safe + ["-C", clone.path, "push", "-q", remote.absoluteString, "HEAD:refs/heads/\(branch)"], what: "git push")
        } catch {
            throw ScaffolderError("committed \(written) file(s) on \(branch), but pushing the branch to \(target.fullName) failed (does the branch exist already?): \(error)")
        }
        context.log.info("pushed \(written) file(s) on \(branch) to \(target.fullName)")

        var fields: [String: JSONValue] = [
            "title": .string(title), "body": .string(description), "head": .string(branch), "base": .string(base),
        ]
        if let draft = context.bool("draft") { fields["draft"] = .bool(draft) }
        let pull: JSONValue
        do {
            pull = try await api.createPullRequest(owner: target.owner, name: target.repo, fields: fields)
        } catch {
            throw ScaffolderError("pushed the branch \(branch) to \(target.fullName), but opening the pull request failed: \(error)")
        }
        let url = pull["html_url"]?.stringValue ?? ""
        context.log.info("opened \(url)")
        var output: [String: JSONValue] = [
            "remoteUrl": .string(url), "targetBranchName": .string(pull["base"]?["ref"]?.stringValue ?? base),
        ]
        if let number = pull["number"] { output["pullRequestNumber"] = number }
        return output
    }

    /// Writes the workspace's files under `sourcePath` into the clone under `targetPath`, through a
    /// ``Workspace`` on the clone so a symbolic link in the repository cannot lead a write outside.
    private func copyFiles(_ context: ActionContext, from sourcePath: String, into clone: URL, under targetPath: String) throws -> Int {
        let destination = try Workspace(root: clone, limits: context.workspace.limits)
        let prefix = sourcePath.isEmpty ? "" : sourcePath + "/"
        var count = 0
        for file in try context.workspace.files(readingContents: true) where prefix.isEmpty || file.path.hasPrefix(prefix) {
            let relative = String(file.path.dropFirst(prefix.count))
            let path = targetPath.isEmpty ? relative : targetPath + "/" + relative
            try destination.write(file.content, to: path, executable: file.isExecutable)
            count += 1
        }
        guard count > 0 else { throw ScaffolderError("there are no files in \(sourcePath.isEmpty ? "the workspace" : sourcePath) to propose") }
        return count
    }
}
