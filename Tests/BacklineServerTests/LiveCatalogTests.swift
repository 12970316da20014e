import BacklineServer
import Catalog
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Secrets
import Slack
import SlackTesting
import Testing

/// `serve` keeps up with its catalog sources: the refresh interval, push webhooks, the change
/// feed's handover messages and `/catalog status`, through the real application.
@Suite("A live catalog", .timeLimit(.minutes(3)))
struct LiveCatalogTests {
    static let webhookSecret = "It's a Secret to Everybody"

    /// A catalog folder (or git work tree) with two teams and one service owned by the first.
    final class CatalogFolder: Sendable {
        let url: URL

        init() throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("backline-live-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            try write("teams/catalog-info.yaml", Self.team("playlists", "Playlists") + "\n---\n" + Self.team("playback", "Playback"))
            try write("playlist-api/catalog-info.yaml", Self.service(owner: "playlists"))
        }

        deinit { try? FileManager.default.removeItem(at: url) }

        func write(_ path: String, _ text: String) throws {
            let file = url.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }

        static func team(_ name: String, _ title: String) -> String {
            """
            apiVersion: backstage.io/v1alpha1
            kind: Group
            metadata:
              name: \(name)
              title: \(title)
              annotations:
                slack.com/bot-notify: "#squad-\(name)"
            spec:
              type: team
              children: []
            """
        }

        static func service(owner: String) -> String {
            """
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: playlist-api
              description: Stores and serves playlists
            spec:
              type: service
              lifecycle: production
              owner: \(owner)
            """
        }

        /// Commits everything (creating the repository the first time) and returns the commit id.
        @discardableResult
        func commit(_ message: String) async throws -> String {
            if !FileManager.default.fileExists(atPath: url.appendingPathComponent(".git").path) {
                try await git("init", "--quiet", "--initial-branch=main")
            }
            try await git("add", "-A")
            try await git("-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "--quiet", "-m", message)
            return try String(contentsOf: url.appendingPathComponent(".git/refs/heads/main"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        }

        /// Runs git in this folder, stopped after 30 s so a stuck git fails the test instead of hanging it.
        func git(_ arguments: String...) async throws {
            let outcome = await TimedProcess.run(
                ["git", "-C", url.path] + arguments, environment: ProcessInfo.processInfo.environment, timeout: .seconds(30))
            guard case .success(let run) = outcome, run.status == 0 else { throw TestFailure("git \(arguments.joined(separator: " ")) failed") }
        }
    }

    struct TestFailure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// The service on `source`, with the interval on `clock` and every refresh recorded.
    static func parts(source: String, fake: FakeSlack? = nil) async throws -> (BacklineParts, BacklineConfiguration, Recorder<CatalogRefresher.Outcome>) {
        var configuration = TestServer.configuration(fake: fake)
        configuration.catalogPaths = [source]
        configuration.catalog.githubWebhookSecret = Secret(webhookSecret)
        configuration.catalog.gitlabWebhookToken = Secret("gitlab-token")
        configuration.catalog.cloneDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("backline-clones-\(UUID().uuidString)")
        let parts = try await BacklineParts(configuration: configuration, logger: Logger(label: "test"), mode: .service)
        let refreshes = Recorder<CatalogRefresher.Outcome>()
        await parts.catalogRefresher.observe { refreshes.record($0) }
        return (parts, configuration, refreshes)
    }

    static func owner(_ client: some TestClientProtocol) async throws -> String {
        try await command("playlist-api", command: "/owner", client)
    }

    static func command(_ text: String, command: String, _ client: some TestClientProtocol) async throws -> String {
        let body = TestServer.slashCommandBody(text, command: command)
        return try await client.execute(
            uri: "/slack/commands", method: .post, headers: TestServer.signedHeaders(body, contentType: "application/x-www-form-urlencoded"),
            body: ByteBuffer(string: body)
        ) { response in
            #expect(response.status == .ok)
            return TestServer.body(response)
        }
    }

    static func githubPush(repository: URL, commit: String, branch: String = "main") -> String {
        """
        {"ref":"refs/heads/\(branch)","before":"0000000000000000000000000000000000000001","after":"\(commit)","created":false,"deleted":false,
         "repository":{"id":1296269,"name":"catalog","full_name":"acme/catalog","clone_url":"\(repository.absoluteString)",
         "html_url":"https://github.example.com/acme/catalog","default_branch":"main"},
         "pusher":{"name":"maria","email":"maria@example.com"},"commits":[]}
        """
    }

    static func deliverGitHub(_ body: String, event: String = "push", secret: String = webhookSecret, to client: some TestClientProtocol) async throws -> HTTPResponse.Status {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(body.utf8), using: SymmetricKey(data: Data(secret.utf8)))
        let signature = "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
        var headers: HTTPFields = [.contentType: "application/json"]
        headers[HTTPField.Name("X-GitHub-Event")!] = event
        headers[HTTPField.Name("X-GitHub-Delivery")!] = UUID().uuidString
        headers[HTTPField.Name("X-Hub-Signature-256")!] = signature
        return try await client.execute(uri: "/webhooks/github", method: .post, headers: headers, body: ByteBuffer(string: body)) { $0.status }
    }

    @Test("a file edited in a local catalog folder is answered differently after one refresh interval")
    func intervalRefresh() async throws {
        let folder = try CatalogFolder()
        let (parts, configuration, refreshes) = try await Self.parts(source: folder.url.path)
        let clock = ManualClock()
        let app = buildApplication(parts: parts, configuration: configuration, logger: Logger(label: "test"), refreshClock: clock)
        try await app.test(.router) { client in
            #expect(try await Self.owner(client).contains("Playlists"))
            try folder.write("playlist-api/catalog-info.yaml", CatalogFolder.service(owner: "playback"))
            // The interval is waiting on the clock; one interval later the folder is read again.
            let interval = try await clock.sleeps.first("the refresh interval")
            #expect(interval == .seconds(60))
            clock.advance(by: .seconds(60))
            let outcome = try await refreshes.first("a refresh")
            #expect(outcome.changes.map(\.kind) == [.ownerChanged])
            let answer = try await Self.owner(client)
            #expect(answer.contains("Playback"), "\(answer)")
            #expect(!answer.contains("Playlists"), "\(answer)")
        }
    }

    @Test("a commit pushed to a bare repository and a signed GitHub push webhook change /owner without a restart")
    func pushWebhook() async throws {
        let work = try CatalogFolder()
        try await work.commit("catalog")
        let bare = FileManager.default.temporaryDirectory.appendingPathComponent("backline-bare-\(UUID().uuidString).git")
        defer { try? FileManager.default.removeItem(at: bare) }
        try await work.git("clone", "--quiet", "--bare", work.url.path, bare.path)
        try await work.git("remote", "add", "origin", bare.path)
        let (parts, configuration, refreshes) = try await Self.parts(source: "git:\(bare.path)#main")
        let app = buildApplication(parts: parts, configuration: configuration, logger: Logger(label: "test"))
        try await app.test(.router) { client in
            #expect(try await Self.owner(client).contains("Playlists"))
            #expect(try await Self.deliverGitHub("{\"zen\":\"Design for failure.\",\"hook_id\":1}", event: "ping", to: client) == .ok)

            try work.write("playlist-api/catalog-info.yaml", CatalogFolder.service(owner: "playback"))
            let commit = try await work.commit("hand playlist-api to playback")
            try await work.git("push", "--quiet", "origin", "main")

            // A wrong signature and a push to another branch change nothing.
            let push = Self.githubPush(repository: bare, commit: commit)
            #expect(try await Self.deliverGitHub(push, secret: "wrong", to: client) == .unauthorized)
            #expect(try await Self.deliverGitHub(Self.githubPush(repository: bare, commit: commit, branch: "feature"), to: client) == .ok)
            #expect(try await Self.owner(client).contains("Playlists"))
            #expect(refreshes.elements.isEmpty)

            #expect(try await Self.deliverGitHub(push, to: client) == .accepted)
            let outcome = try await refreshes.first("the pushed commit")
            #expect(outcome.status.commit == commit)
            let answer = try await Self.owner(client)
            #expect(answer.contains("Playback"), "\(answer)")

            // A broken file in the next commit keeps the last good entities and shows in /catalog status.
            try work.write("playlist-api/catalog-info.yaml", "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: playlist-api\n")
            let broken = try await work.commit("break the descriptor")
            try await work.git("push", "--quiet", "origin", "main")
            #expect(try await Self.deliverGitHub(Self.githubPush(repository: bare, commit: broken), to: client) == .accepted)
            let brokenOutcome = try await refreshes.matches(count: 2, "the broken commit") { _ in true }[1]
            #expect(brokenOutcome.status.problemCount > 0)
            #expect(try await Self.owner(client).contains("Playback"))
            let status = try await Self.command("status", command: "/catalog", client)
            #expect(status.contains(String(broken.prefix(12))), "\(status)")
            #expect(status.contains("error"), "\(status)")
            #expect(status.contains("playlist-api/catalog-info.yaml"), "\(status)")
        }
    }

    @Test("webhooks refuse unsigned, wrongly signed and oversized requests, and GitLab needs its token")
    func webhookAuthentication() async throws {
        let folder = try CatalogFolder()
        let (parts, configuration, refreshes) = try await Self.parts(source: folder.url.path)
        let app = buildApplication(parts: parts, configuration: configuration, logger: Logger(label: "test"))
        try await app.test(.router) { client in
            let push = Self.githubPush(repository: folder.url, commit: String(repeating: "a", count: 40))
            try await client.execute(uri: "/webhooks/github", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: push)) { response in
                #expect(response.status == .unauthorized)
            }
            let huge = String(repeating: "x", count: configuration.catalog.maxWebhookBodySize + 1)
            #expect(try await Self.deliverGitHub(huge, to: client) == .contentTooLarge)

            let gitlab = #"{"object_kind":"push","ref":"refs/heads/main","checkout_sha":"abc","project":{"git_http_url":"https://gitlab.example.com/acme/catalog.git","default_branch":"main","path_with_namespace":"acme/catalog"}}"#
            var headers: HTTPFields = [.contentType: "application/json"]
            headers[HTTPField.Name("X-Gitlab-Event")!] = "Push Hook"
            headers[HTTPField.Name("X-Gitlab-Token")!] = "not-the-token"
            try await client.execute(uri: "/webhooks/gitlab", method: .post, headers: headers, body: ByteBuffer(string: gitlab)) { response in
                #expect(response.status == .unauthorized)
            }
            headers[HTTPField.Name("X-Gitlab-Token")!] = "gitlab-token"
            try await client.execute(uri: "/webhooks/gitlab", method: .post, headers: headers, body: ByteBuffer(string: gitlab)) { response in
                // Authenticated, but no configured source follows that project: acknowledged and ignored.
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("ignored"))
            }
        }
        #expect(refreshes.elements.isEmpty)
    }

    @Test("an owner change posts one handover message to each team's channel, and a repeated refresh posts nothing more")
    func handoverMessages() async throws {
        try await FakeSlack.withRunning { fake in
            let folder = try CatalogFolder()
            let (parts, configuration, refreshes) = try await Self.parts(source: folder.url.path, fake: fake)
            let app = buildApplication(parts: parts, configuration: configuration, logger: Logger(label: "test"))
            try await app.test(.router) { _ in
                try folder.write("playlist-api/catalog-info.yaml", CatalogFolder.service(owner: "playback"))
                await parts.catalogRefresher.request()
                _ = try await refreshes.first("the hand-over refresh")
                let posts = try await fake.calls.matches(count: 2, "handover posts") { $0.method == "chat.postMessage" }
                #expect(Set(posts.compactMap { $0[string: "channel"] }) == ["#squad-playlists", "#squad-playback"])
                #expect(posts.allSatisfy { $0.error == nil }, "the fake validates Block Kit")
                let texts = posts.compactMap { $0.arguments["text"]?.stringValue }
                #expect(texts.allSatisfy { $0.contains("playlist-api") && $0.contains("Playlists") && $0.contains("Playback") }, "\(texts)")

                await parts.catalogRefresher.request()
                _ = try await refreshes.matches(count: 2, "a second refresh") { _ in true }
            }
            let posted = fake.calls.elements.filter { $0.method == "chat.postMessage" }.count
            #expect(posted == 2)
        }
    }
}
