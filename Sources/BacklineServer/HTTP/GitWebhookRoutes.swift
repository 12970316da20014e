import Catalog
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Secrets

/// `POST /webhooks/github` and `POST /webhooks/gitlab`: a push to the branch a git catalog source
/// follows refreshes that source at once. Every request is authenticated first (GitHub's
/// `X-Hub-Signature-256` HMAC over the raw body, GitLab's `X-Gitlab-Token`); pushes to anything
/// else are acknowledged and ignored, so the forge does not mark the hook as failing.
struct GitWebhookRoutes {
    let refresher: CatalogRefresher
    let githubSecret: Secret?
    let gitlabToken: Secret?
    let maxBodySize: Int

    func register(on router: Router<BasicRequestContext>) {
        router.post("webhooks/github") { request, context in try await github(request, context: context) }
        router.post("webhooks/gitlab") { request, context in try await gitlab(request, context: context) }
    }

    private func github(_ request: Request, context: BasicRequestContext) async throws -> Response {
        guard let githubSecret else {
            context.logger.warning("refused a GitHub webhook: GITHUB_WEBHOOK_SECRET is not set")
            return .plainText("GitHub webhook secret not configured", status: .unauthorized)
        }
        var request = request
        let body = Data(try await request.collectBody(upTo: maxBodySize).readableBytesView)
        guard Self.verifyGitHubSignature(request.headers[.hubSignature256], body: body, secret: githubSecret) else {
            context.logger.notice("refused a GitHub webhook with a bad signature")
            return .plainText("invalid signature", status: .unauthorized)
        }
        switch request.headers[.githubEvent] {
        case "ping":
            return .plainText("pong")
        case "push":
            return await handle(try? GitPush.github(body), forge: "GitHub", context: context)
        case let event:
            return .plainText("ignored: Backline acts on push events only (got \(event ?? "no X-GitHub-Event"))")
        }
    }

    private func gitlab(_ request: Request, context: BasicRequestContext) async throws -> Response {
        guard let gitlabToken else {
            context.logger.warning("refused a GitLab webhook: GITLAB_WEBHOOK_TOKEN is not set")
            return .plainText("GitLab webhook token not configured", status: .unauthorized)
        }
        var request = request
        let body = Data(try await request.collectBody(upTo: maxBodySize).readableBytesView)
        guard let token = request.headers[.gitlabToken], gitlabToken.constantTimeEquals(token) else {
            context.logger.notice("refused a GitLab webhook with a wrong or missing token")
            return .plainText("invalid token", status: .unauthorized)
        }
        guard let event = request.headers[.gitlabEvent], event == "Push Hook" || event == "System Hook" else {
            return .plainText("ignored: Backline acts on push events only")
        }
        return await handle(try? GitPush.gitlab(body), forge: "GitLab", context: context)
    }

    private func handle(_ push: GitPush?, forge: String, context: BasicRequestContext) async -> Response {
        guard let push else { return .plainText("malformed push payload", status: .badRequest) }
        guard push.commit != nil else { return .plainText("ignored: the branch was deleted") }
        let sources = refresher.sources(forPushTo: push.repositoryURLs, branch: push.branch, defaultBranch: push.defaultBranch)
        guard !sources.isEmpty else {
            return .plainText("ignored: no catalog source follows \(push.repositoryName)#\(push.branch ?? "(not a branch)")")
        }
        await refresher.request(sources)
        context.logger.info("push webhook: refreshing catalog sources", metadata: [
            "forge": "\(forge)", "repository": "\(push.repositoryName)", "commit": "\(push.commit ?? "-")", "sources": "\(sources.count)",
        ])
        return .plainText("refreshing \(sources.count) catalog source(s)", status: .accepted)
    }

    /// `sha256=<hex>` of HMAC-SHA256 over the raw body, compared in constant time.
    static func verifyGitHubSignature(_ header: String?, body: Data, secret: Secret) -> Bool {
        guard let header, header.hasPrefix("sha256="), let expected = hexBytes(header.dropFirst("sha256=".count)) else { return false }
        let key = SymmetricKey(data: Data(secret.revealed.utf8))
        return HMAC<SHA256>.isValidAuthenticationCode(expected, authenticating: body, using: key)
    }

    private static func hexBytes(_ text: Substring) -> [UInt8]? {
        guard text.count == 64 else { return nil }
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            guard let byte = UInt8(text[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        return bytes
    }
}
