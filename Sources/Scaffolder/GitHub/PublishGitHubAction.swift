import Catalog
import Foundation

/// `publish:github`, with Backstage's inputs and outputs: creates the repository through GitHub's
/// REST API (`POST /orgs/{org}/repos`, or `POST /user/repos` when the owner is the token's own
/// user), then makes the workspace (or `sourcePath`) a git repository and pushes `defaultBranch`
/// (Backstage's default: `master`) to the `clone_url` GitHub returned. Outputs `remoteUrl` (the
/// clone URL), `repoContentsUrl` (`html_url/blob/<branch>`, which `catalog:register` takes) and
/// `commitHash`.
///
/// A repository created but not pushed is said plainly: it exists on GitHub, empty.
public struct PublishGitHubAction: ScaffolderAction {
    public let id = "publish:github"
    public let runsInDryRun = false

    /// Inputs Backstage's action takes that Backline does not apply (branch protection,
    /// collaborators, secrets...); a template that sets one is told in the step's log.
    static let notApplied = [
        "access", "collaborators", "protectDefaultBranch", "protectEnforceAdmins", "requireCodeOwnerReviews", "dismissStaleReviews",
        "requiredStatusCheckContexts", "requireBranchesToBeUpToDate", "requiredConversationResolution", "requiredApprovingReviewCount",
        "bypassPullRequestAllowances", "restrictions", "repoVariables", "secrets", "oidcCustomization", "requiredCommitSigning",
        "customProperties", "subscribe",
    ]

    /// Creates the action.
    public init() {}

    public func unavailableReason(_ services: ScaffolderServices, input: JSONValue?) -> String? {
        GitHubTarget.unavailableReason(services, input: input)
    }

    public func run(_ context: ActionContext) async throws -> [String: JSONValue] {
        let target = try GitHubTarget(context, action: id)
        let branch = context.string("defaultBranch") ?? "master"
        guard GitHubNames.isBranch(branch) else { throw ScaffolderError("defaultBranch \(branch) is not a usable branch name") }
        let visibility = context.string("repoVisibility") ?? "private"
        guard ["private", "internal", "public"].contains(visibility) else {
            throw ScaffolderError("repoVisibility must be private, internal or public, not \(visibility)")
        }
        let directory = try context.workspace.resolve(context.string("sourcePath") ?? ".")
        let api = target.api

        let inOrganization = try await api.isOrganization(target.owner)
        if !inOrganization {
            let login = try await api.authenticatedLogin()
            guard login.lowercased() == target.owner.lowercased() else {
                throw ScaffolderError(
                    "\(target.owner) is a GitHub user other than the token's own (\(login)); GitHub creates user repositories only for the token's user")
            }
        }
        let created = try await api.createRepository(
            owner: target.owner, name: target.repo, inOrganization: inOrganization, fields: repositoryFields(context, visibility: visibility, inOrganization: inOrganization))
        let htmlURL = created["html_url"]?.stringValue ?? "https://\(target.host)/\(target.fullName)"
        context.log.info("created the \(visibility) repository \(htmlURL)")
        let ignored = Self.notApplied.filter { context.input[$0] != nil }
        if !ignored.isEmpty { context.log.info("not applied by Backline: \(ignored.joined(separator: ", "))") }

        let commitHash: String?
        do {
            let remote = try target.cloneURL(created["clone_url"]?.stringValue)
            commitHash = try await push(context, directory: directory, remote: remote, branch: branch, target: target)
        } catch {
            // The step fails, and what was done is said plainly: the repository exists, empty.
            throw ScaffolderError(
                "created the repository \(htmlURL), but pushing the files to it failed: \(error). The repository exists on GitHub without the files; delete it or push by hand before running the template again")
        }
        if let topics = context.input["topics"]?.arrayValue?.compactMap(\.stringValue), !topics.isEmpty {
            do {
                try await api.replaceTopics(owner: target.owner, name: target.repo, topics: topics.map { $0.lowercased() })
                context.log.info("topics: \(topics.joined(separator: ", "))")
            } catch {
                context.log.info("warning: the topics were not set: \(error)")
            }
        }
        var output: [String: JSONValue] = [
            "remoteUrl": .string(created["clone_url"]?.stringValue ?? ""), "repoContentsUrl": .string("\(htmlURL)/blob/\(branch)"),
        ]
        if let commitHash { output["commitHash"] = .string(commitHash) }
        return output
    }

    /// The creation request's fields, named as GitHub's API names them.
    private func repositoryFields(_ context: ActionContext, visibility: String, inOrganization: Bool) -> [String: JSONValue] {
        var fields: [String: JSONValue] = ["private": .bool(visibility == "private")]
        // `internal` exists only for organizations (of an enterprise account).
        if inOrganization { fields["visibility"] = .string(visibility) }
        if let text = context.string("description") { fields["description"] = .string(text) }
        if let text = context.string("homepage") { fields["homepage"] = .string(text) }
        let flags = [
            ("deleteBranchOnMerge", "delete_branch_on_merge"), ("allowMergeCommit", "allow_merge_commit"), ("allowSquashMerge", "allow_squash_merge"),
            ("allowRebaseMerge", "allow_rebase_merge"), ("allowAutoMerge", "allow_auto_merge"), ("hasProjects", "has_projects"),
            ("hasWiki", "has_wiki"), ("hasIssues", "has_issues"),
        ]
        for (input, field) in flags { if let value = context.bool(input) { fields[field] = .bool(value) } }
        for (input, field) in [("squashMergeCommitTitle", "squash_merge_commit_title"), ("squashMergeCommitMessage", "squash_merge_commit_message")] {
            if let value = context.string(input) { fields[field] = .string(value) }
        }
        return fields
    }

    /// `git init`, add, commit, push to `remote` with the token in a scoped header; the commit.
    private func push(_ context: ActionContext, directory: URL, remote: URL, branch: String, target: GitHubTarget) async throws -> String? {
        let message = context.string("gitCommitMessage") ?? "initial commit"
        let author = context.string("gitAuthorName") ?? "Backline Scaffolder"
        let email = context.string("gitAuthorEmail") ?? "scaffolder@backline.invalid"
        let git = Git(directory: directory, environment: target.gitEnvironment(context.services.environment, remote: remote), timeout: context.services.gitTimeout)
        let safe = Git.safeOptions
        try await git.run(["init", "-q", "-b", branch, directory.path], what: "git init")
        try await git.run(safe + ["-C", directory.path, "add", "-A"], what: "git add")
        try await git.run(
            safe + ["-C", directory.path, "-c", "user.name=\(author)", "-c", "user.email=\(email)", "commit", "-q", "--allow-empty", "-m", message],
            what: "git commit")
        let hash = git.head(branch: branch)
        try await git.run(safe + ["-C", directory.path, "push", "-q", remote.absoluteString, "HEAD:refs/heads/\(branch)"], what: "git push")
        context.log.info("pushed \(branch) (\(hash ?? "?")) to \(remote.absoluteString)")
        return hash
    }
}

extension GitHubAPI {
    /// `PUT /repos/{owner}/{repo}/topics`.
    func replaceTopics(owner: String, name: String, topics: [String]) async throws {
        _ = try await send("PUT", "/repos/\(owner)/\(name)/topics", body: .object(["names": .array(topics.map(JSONValue.string))]), purpose: "setting topics on \(owner)/\(name)")
    }
}

extension GitHubTarget {
    /// Why no GitHub action can run with these services, or nil when one can try.
    /// A step that passes its own `token` input needs no `GITHUB_TOKEN`.
    static func unavailableReason(_ services: ScaffolderServices, input: JSONValue?) -> String? {
        guard let github = services.github else { return "GitHub is not set up in this Backline (scaffolder.github in the configuration)" }
        guard github.settings.token != nil || input?["token"] != nil else { return "GITHUB_TOKEN is not set in Backline's environment" }
        return nil
    }
}
