import Foundation

/// A push, as GitHub's `push` event or GitLab's `Push Hook` describes it: enough to find the
/// configured catalog sources it concerns.
struct GitPush: Sendable, Hashable {
    /// Every address the payload gives for the repository (clone, SSH, web).
    var repositoryURLs: [String]
    /// The pushed branch (`main` from `refs/heads/main`); nil for tags and other refs.
    var branch: String?
    /// The repository's default branch, for sources that follow it without naming a branch.
    var defaultBranch: String?
    /// The commit pushed; nil when the branch was deleted.
    var commit: String?
    /// The repository's name for logs and answers (`acme/catalog`).
    var repositoryName: String

    /// `refs/heads/main` → `main`; anything else (a tag) → nil.
    static func branch(ofRef ref: String?) -> String? {
        guard let ref, ref.hasPrefix("refs/heads/") else { return nil }
        return String(ref.dropFirst("refs/heads/".count))
    }

    /// A deleted branch leaves nothing to read: the push is acknowledged and ignored.
    static let zeroCommit = String(repeating: "0", count: 40)

    /// Reads GitHub's `push` event body.
    static func github(_ body: Data) throws -> GitPush {
        struct Payload: Decodable {
            struct Repository: Decodable {
                var full_name: String?
                var clone_url: String?
                var ssh_url: String?
                var git_url: String?
                var html_url: String?
                var url: String?
                var default_branch: String?
            }
            var ref: String?
            var after: String?
            var deleted: Bool?
            var repository: Repository
        }
        let payload = try JSONDecoder().decode(Payload.self, from: body)
        let repository = payload.repository
        let deleted = payload.deleted == true || payload.after == zeroCommit
        return GitPush(
            repositoryURLs: [repository.clone_url, repository.ssh_url, repository.git_url, repository.html_url, repository.url].compactMap { $0 },
            branch: branch(ofRef: payload.ref), defaultBranch: repository.default_branch, commit: deleted ? nil : payload.after,
            repositoryName: repository.full_name ?? repository.html_url ?? "a repository")
    }

    /// Reads GitLab's `Push Hook` body (`object_kind: push`).
    static func gitlab(_ body: Data) throws -> GitPush {
        struct Payload: Decodable {
            struct Project: Decodable {
                var path_with_namespace: String?
                var git_http_url: String?
                var git_ssh_url: String?
                var web_url: String?
                var default_branch: String?
            }
            struct Repository: Decodable {
                var url: String?
                var git_http_url: String?
                var git_ssh_url: String?
                var homepage: String?
            }
            var object_kind: String?
            var ref: String?
            var checkout_sha: String?
            var after: String?
            var project: Project?
            var repository: Repository?
        }
        let payload = try JSONDecoder().decode(Payload.self, from: body)
        guard payload.object_kind == "push" else { throw GitPushError.notAPush(payload.object_kind ?? "unknown") }
        let urls = [
            payload.project?.git_http_url, payload.project?.git_ssh_url, payload.project?.web_url, payload.repository?.git_http_url,
            payload.repository?.git_ssh_url, payload.repository?.url, payload.repository?.homepage,
        ].compactMap { $0 }
        let commit = payload.checkout_sha ?? (payload.after == zeroCommit ? nil : payload.after)
        return GitPush(
            repositoryURLs: urls, branch: branch(ofRef: payload.ref), defaultBranch: payload.project?.default_branch, commit: commit,
            repositoryName: payload.project?.path_with_namespace ?? payload.project?.web_url ?? "a project")
    }
}

/// A webhook body that is not a push Backline can act on.
enum GitPushError: Error, CustomStringConvertible {
    case notAPush(String)

    var description: String {
        switch self {
        case .notAPush(let kind): "not a push event (object_kind \(kind))"
        }
    }
}
