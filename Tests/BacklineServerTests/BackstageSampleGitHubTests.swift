import BacklineServer
import Catalog
import Foundation
import Scaffolder
import Secrets
import Testing

/// Backstage's own `pull-request` sample (kept verbatim in ScaffolderTests' fixtures) run for
/// real against the fake GitHub: its `fetch:plain` of a GitHub tree URL and its
/// `publish:github:pull-request`.
@Suite("Backstage's pull-request sample against the fake GitHub", .timeLimit(.minutes(3)))
struct BackstageSampleGitHubTests {
    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ScaffolderTests/Fixtures/backstage-samples/pull-request/template.yaml")

    static func runner(_ fake: FakeGitHub, token: String?) -> TemplateRunner {
        let settings = GitHubSettings(apiBaseURL: fake.apiBaseURL, allowedHosts: ["github.com"], token: token.map(Secret.init))
        return TemplateRunner(services: ScaffolderServices(github: GitHubConnection(settings: settings, transport: AsyncHTTPGitHubTransport())))
    }

    @Test("the files it fetches from a GitHub tree URL and its skeleton land under targetPath in a pull request")
    func pullRequestSample() async throws {
        try await FakeGitHub.withRunning { fake in
            try await fake.seed(
                owner: "backstage", name: "community",
                files: ["backstage-community-sessions/README.md": "# Community sessions\n", "backstage-community-sessions/2024/01.md": "January\n", "other/x.md": "no\n"],
                isPrivate: false)
            try await fake.seed(owner: "tempo-music", name: "website", files: ["index.html": "<h1>Tempo</h1>\n"])
            let template = try TemplateLibrary.load(file: Self.sample)
            let result = await Self.runner(fake, token: fake.token).run(
                template, RunRequest(values: ["name": "shop", "description": "The web shop", "repoUrl": "github.com?owner=tempo-music&repo=website"]))
            #expect(result.status == .ok, "\(result.message ?? "")")
            let pull = try #require(fake.pullRequests.first)
            #expect(pull.title == "Create new project: shop")
            #expect(pull.head == "create-shop")
            #expect(pull.base == "main")
            #expect(pull.body == "# New project: shop\n\nThe web shop\n")
            #expect(!pull.draft)
            let files = try #require(try await fake.files(owner: "tempo-music", name: "website", branch: "create-shop"))
            #expect(files == [
                "index.html": "<h1>Tempo</h1>\n",
                "shop/catalog-info.yaml": "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: \"shop\"\nspec:\n  type: website\n  lifecycle: experimental\n  owner: user:guest\n",
                "shop/community/README.md": "# Community sessions\n", "shop/community/2024/01.md": "January\n",
            ])
            #expect(result.links.first?.target == "\(fake.webBaseURL)/tempo-music/website/pull/1")
        }
    }

    @Test("a dry run fetches and renders, and opens nothing; a GitHub URL on a host not allowed is refused")
    func dryRunAndRefusedHost() async throws {
        try await FakeGitHub.withRunning { fake in
            try await fake.seed(owner: "backstage", name: "community", files: ["backstage-community-sessions/README.md": "# Sessions\n"], isPrivate: false)
            let template = try TemplateLibrary.load(file: Self.sample)
            // Without a token: the public repository is fetched anonymously, the publish step only rendered.
            let dry = await Self.runner(fake, token: nil).run(
                template, RunRequest(values: ["name": "shop", "repoUrl": "github.com?owner=tempo-music&repo=website"], isDryRun: true))
            #expect(dry.status == .ok, "\(dry.message ?? "")")
            #expect(dry.files.map(\.path) == ["catalog-info.yaml", "community/README.md"])
            #expect(dry.steps.first { $0.id == "publish" }?.input?["targetPath"] == "shop")
            #expect(dry.steps.first { $0.id == "publish" }?.input?["description"] == "# New project: shop\n\n\n")
            #expect(fake.pullRequests.isEmpty)
            #expect(fake.received.filter { $0.path.hasPrefix("/api/v3") }.allSatisfy { $0.authorization == nil })

            let elsewhere = GitHubSettings(apiBaseURL: fake.apiBaseURL, allowedHosts: ["ghe.tempo.example"], token: Secret(fake.token))
            let runner = TemplateRunner(services: ScaffolderServices(github: GitHubConnection(settings: elsewhere, transport: AsyncHTTPGitHubTransport())))
            let before = fake.received.count
            let refused = await runner.run(template, RunRequest(values: ["name": "shop", "repoUrl": "github.com?owner=tempo-music&repo=website"], isDryRun: true))
            #expect(refused.status == .failed)
            #expect(refused.failedStep?.id == "fetch-docs")
            #expect(refused.failedStep?.error?.contains("only paths next to the template are fetched, not remote URLs") == true)
            #expect(fake.received.count == before)
        }
    }
}
