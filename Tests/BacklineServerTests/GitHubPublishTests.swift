import BacklineServer
import Catalog
import Foundation
import GRDB
import Scaffolder
import Secrets
import Testing

/// `publish:github` and `publish:github:pull-request` against the fake GitHub: the REST API and a
/// real git push over smart HTTP, carried by the production transport (AsyncHTTPClient).
@Suite("Publishing to GitHub", .timeLimit(.minutes(3)))
struct GitHubPublishTests {
    /// A template folder: a skeleton with a templated name, an executable script and a catalog
    /// file, then the publish step given.
    static func template(publish: String, parameters: String = "") throws -> (Template, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("github-template-\(UUID().uuidString)")
        let files = [
            "skeleton/catalog-info.yaml": """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: ${{ values.name | dump }}
                spec:
                  type: service
                  lifecycle: experimental
                  owner: playback

                """,
            "skeleton/${{ values.name }}.sh": "#!/bin/sh\necho ${{ values.name }}\n",
            "skeleton/docs/index.md": "# ${{ values.name }}\n",
            "template.yaml": """
                apiVersion: scaffolder.backstage.io/v1beta3
                kind: Template
                metadata:
                  name: github-service
                spec:
                  owner: playback
                  type: service
                  parameters:
                    - required: [name, repoUrl]
                      properties:
                        name: { type: string }
                        repoUrl: { type: string, ui:field: RepoUrlPicker, ui:options: { allowedHosts: [github.com, evil.example.com] } }
                \(parameters)
                  steps:
                    - id: fetch
                      action: fetch:template
                      input:
                        url: ./skeleton
                        values: { name: "${{ parameters.name }}" }
                \(publish)
                  output:
                    links:
                      - title: Repository
                        url: ${{ steps.publish.output.remoteUrl }}

                """,
        ]
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let script = folder.appendingPathComponent("skeleton/${{ values.name }}.sh")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        return (try TemplateLibrary.load(file: folder.appendingPathComponent("template.yaml")), folder)
    }

    static let publishStep = """
            - id: publish
              action: publish:github
              input:
                repoUrl: ${{ parameters.repoUrl }}
                description: The ${{ parameters.name }} service
                defaultBranch: main
                topics: [Swift, tempo]
        """

    static func runner(_ fake: FakeGitHub, token: String? = nil, store: ScaffolderStore? = nil) -> TemplateRunner {
        let settings = GitHubSettings(apiBaseURL: fake.apiBaseURL, allowedHosts: ["github.com"], token: Secret(token ?? fake.token))
        return TemplateRunner(
            services: ScaffolderServices(github: GitHubConnection(settings: settings, transport: AsyncHTTPGitHubTransport())), store: store)
    }

    static func temporary() -> URL { FileManager.default.temporaryDirectory.appendingPathComponent("github-workspace-\(UUID().uuidString)") }

    @Test("an organization repository is created through the API and the files pushed over git; the token never shows")
    func publishesToOrganization() async throws {
        try await FakeGitHub.withRunning { fake in
            let (template, folder) = try Self.template(publish: Self.publishStep)
            defer { try? FileManager.default.removeItem(at: folder) }
            let database = try DatabaseQueue()
            let store = try ScaffolderStore(writer: database)
            let workspace = Self.temporary()
            defer { try? FileManager.default.removeItem(at: workspace) }
            let result = await Self.runner(fake, store: store).run(
                template, RunRequest(values: ["name": "greeter", "repoUrl": "github.com?owner=tempo-music&repo=greeter"], outputDirectory: workspace))
            #expect(result.status == .ok, "\(result.message ?? "")")

            let repository = try #require(fake.repository("tempo-music", "greeter"))
            #expect(repository.isPrivate)
            #expect(repository.description == "The greeter service")
            #expect(repository.topics == ["swift", "tempo"])
            let files = try #require(try await fake.files(owner: "tempo-music", name: "greeter", branch: "main"))
            #expect(Set(files.keys) == ["catalog-info.yaml", "greeter.sh", "docs/index.md"])
            #expect(files["catalog-info.yaml"]?.contains("name: \"greeter\"") == true)
            #expect(try await fake.isExecutable(owner: "tempo-music", name: "greeter", branch: "main", path: "greeter.sh"))

            let output = try #require(result.steps.first { $0.id == "publish" }?.output)
            #expect(output["remoteUrl"] == .string("\(fake.webBaseURL)/tempo-music/greeter.git"))
            #expect(output["repoContentsUrl"] == .string("\(fake.webBaseURL)/tempo-music/greeter/blob/main"))
            #expect(output["commitHash"]?.stringValue?.count == 40)
            #expect(result.links.first?.target == "\(fake.webBaseURL)/tempo-music/greeter.git")

            let api = fake.received.filter { $0.path.hasPrefix("/api/v3/") }
            #expect(api.map { "\($0.method) \($0.path)" } == [
                "GET /api/v3/users/tempo-music", "POST /api/v3/orgs/tempo-music/repos", "PUT /api/v3/repos/tempo-music/greeter/topics",
            ])
            #expect(api.allSatisfy { $0.authorization == "Bearer \(fake.token)" })
            let pushes = fake.received.filter { $0.path.hasSuffix("git-receive-pack") && $0.method == "POST" }
            #expect(pushes.count == 1)
            #expect(pushes.allSatisfy { $0.authorization?.hasPrefix("Basic ") == true })

            // The token is in no record, no log, no remote URL and no git configuration.
            let kept = try await database.read { db in
                try String.fetchAll(db, sql: "SELECT parameters || output || coalesce(message, '') FROM scaffolderRun")
                    + String.fetchAll(db, sql: "SELECT coalesce(input, '') || log || output || coalesce(error, '') FROM scaffolderRunStep")
            }.joined()
            #expect(!kept.isEmpty)
            #expect(!kept.contains(fake.token))
            #expect(!result.log.joined().contains(fake.token))
            #expect(!RunReport.text(result).contains(fake.token))
            let gitConfig = try String(contentsOf: workspace.appendingPathComponent(".git/config"), encoding: .utf8)
            #expect(!gitConfig.contains(fake.token))
            #expect(!gitConfig.contains(Data("x-access-token:\(fake.token)".utf8).base64EncodedString()))
        }
    }

    @Test("the token's own user gets its repository through POST /user/repos, public when asked")
    func publishesToUser() async throws {
        try await FakeGitHub.withRunning { fake in
            let step = """
                    - id: publish
                      action: publish:github
                      input:
                        repoUrl: ${{ parameters.repoUrl }}
                        repoVisibility: public
                """
            let (template, folder) = try Self.template(publish: step)
            defer { try? FileManager.default.removeItem(at: folder) }
            let result = await Self.runner(fake).run(template, RunRequest(values: ["name": "notes", "repoUrl": "github.com?owner=backline-bot&repo=notes"]))
            #expect(result.status == .ok, "\(result.message ?? "")")
            #expect(fake.received.contains { $0.method == "POST" && $0.path == "/api/v3/user/repos" })
            #expect(fake.repository("backline-bot", "notes")?.isPrivate == false)
            // Backstage's default branch.
            #expect(try await fake.files(owner: "backline-bot", name: "notes", branch: "master")?["docs/index.md"] == "# notes\n")
        }
    }

    @Test("a token GitHub refuses (401) fails the step, naming GITHUB_TOKEN, and creates nothing")
    func badCredentials() async throws {
        try await FakeGitHub.withRunning { fake in
            let (template, folder) = try Self.template(publish: Self.publishStep)
            defer { try? FileManager.default.removeItem(at: folder) }
            let wrong = "ghp_wrongTokenWrongToken0000"
            let result = await Self.runner(fake, token: wrong).run(template, RunRequest(values: ["name": "greeter", "repoUrl": "github.com?owner=tempo-music&repo=greeter"]))
            #expect(result.status == .failed)
            let message = try #require(result.message)
            #expect(message.contains("step publish (publish:github) failed: GitHub refused the token while looking up the owner tempo-music (401 Bad credentials); check GITHUB_TOKEN"))
            #expect(message.contains("done before it: fetch (fetch:template)"))
            #expect(!message.contains(wrong))
            #expect(fake.repository("tempo-music", "greeter") == nil)
        }
    }

    @Test("a name already taken (422) is a clear error and nothing is pushed")
    func nameTaken() async throws {
        try await FakeGitHub.withRunning { fake in
            try await fake.seed(owner: "tempo-music", name: "greeter", files: ["README.md": "taken\n"])
            let (template, folder) = try Self.template(publish: Self.publishStep)
            defer { try? FileManager.default.removeItem(at: folder) }
            let result = await Self.runner(fake).run(template, RunRequest(values: ["name": "greeter", "repoUrl": "github.com?owner=tempo-music&repo=greeter"]))
            #expect(result.status == .failed)
            #expect(result.failedStep?.error == "the repository tempo-music/greeter already exists on GitHub; choose another name (nothing was changed)")
            #expect(!fake.received.contains { $0.path.hasSuffix("git-receive-pack") })
            #expect(try await fake.files(owner: "tempo-music", name: "greeter", branch: "main") == ["README.md": "taken\n"])
        }
    }

    @Test("a repository created but not pushed is said plainly")
    func pushRefused() async throws {
        try await FakeGitHub.withRunning { fake in
            fake.rejectPushes()
            let (template, folder) = try Self.template(publish: Self.publishStep)
            defer { try? FileManager.default.removeItem(at: folder) }
            let result = await Self.runner(fake).run(template, RunRequest(values: ["name": "greeter", "repoUrl": "github.com?owner=tempo-music&repo=greeter"]))
            #expect(result.status == .failed)
            let error = try #require(result.failedStep?.error)
            #expect(error.hasPrefix("created the repository \(fake.webBaseURL)/tempo-music/greeter, but pushing the files to it failed: git push failed"))
            #expect(error.contains("The repository exists on GitHub without the files"))
            #expect(!error.contains(fake.token))
            #expect(result.message?.contains("step publish (publish:github) failed: created the repository") == true)
            #expect(fake.repository("tempo-music", "greeter") != nil)
            #expect(try await fake.files(owner: "tempo-music", name: "greeter", branch: "main") == nil)
        }
    }

    @Test("a repoUrl host outside the allowed hosts is refused before any request")
    func hostNotAllowed() async throws {
        try await FakeGitHub.withRunning { fake in
            let (template, folder) = try Self.template(publish: Self.publishStep)
            defer { try? FileManager.default.removeItem(at: folder) }
            let result = await Self.runner(fake).run(template, RunRequest(values: ["name": "greeter", "repoUrl": "evil.example.com?owner=tempo-music&repo=greeter"]))
            #expect(result.status == .failed)
            #expect(result.failedStep?.error == "repoUrl names the host evil.example.com, which is not an allowed GitHub host (allowed: github.com); nothing was sent")
            #expect(fake.received.isEmpty)
        }
    }

    @Test("without GITHUB_TOKEN a template that publishes is refused before anything runs; a dry run still renders it")
    func noToken() async throws {
        try await FakeGitHub.withRunning { fake in
            let (template, folder) = try Self.template(publish: Self.publishStep)
            defer { try? FileManager.default.removeItem(at: folder) }
            let settings = GitHubSettings(apiBaseURL: fake.apiBaseURL, allowedHosts: ["github.com"], token: nil)
            let runner = TemplateRunner(services: ScaffolderServices(github: GitHubConnection(settings: settings, transport: AsyncHTTPGitHubTransport())))
            let values: [String: JSONValue] = ["name": "greeter", "repoUrl": "github.com?owner=tempo-music&repo=greeter"]
            let result = await runner.run(template, RunRequest(values: values))
            #expect(result.status == .failed)
            #expect(result.message == "github-service cannot run here: step publish (publish:github): GITHUB_TOKEN is not set in Backline's environment; nothing was run")
            #expect(result.steps.allSatisfy { $0.status == .notRun })
            #expect(fake.received.isEmpty)

            let dry = await runner.run(template, RunRequest(values: values, isDryRun: true))
            #expect(dry.status == .ok)
            #expect(dry.steps.first { $0.id == "publish" }?.status == .skipped)
            #expect(dry.steps.first { $0.id == "publish" }?.input?["description"] == "The greeter service")
            #expect(fake.received.isEmpty)
        }
    }

    static let pullRequestStep = """
            - id: publish
              action: publish:github:pull-request
              input:
                repoUrl: ${{ parameters.repoUrl }}
                branchName: add-${{ parameters.name }}
                title: "Add ${{ parameters.name }}"
                description: Adds ${{ parameters.name }}.
                targetPath: services/${{ parameters.name }}
                draft: true
        """

    @Test("a pull request: the default branch cloned, the files committed under targetPath on a new branch, pushed, and the PR opened as a draft")
    func pullRequest() async throws {
        try await FakeGitHub.withRunning { fake in
            try await fake.seed(owner: "tempo-music", name: "monorepo", files: ["README.md": "# Monorepo\n", "services/.keep": ""], branch: "trunk")
            let (template, folder) = try Self.template(publish: Self.pullRequestStep)
            defer { try? FileManager.default.removeItem(at: folder) }
            let result = await Self.runner(fake).run(template, RunRequest(values: ["name": "greeter", "repoUrl": "github.com?owner=tempo-music&repo=monorepo"]))
            #expect(result.status == .ok, "\(result.message ?? "")")
            let output = try #require(result.steps.first { $0.id == "publish" }?.output)
            #expect(output["remoteUrl"] == .string("\(fake.webBaseURL)/tempo-music/monorepo/pull/1"))
            #expect(output["pullRequestNumber"] == .number(1))
            #expect(output["targetBranchName"] == "trunk")

            let pull = try #require(fake.pullRequests.first)
            #expect(pull.title == "Add greeter")
            #expect(pull.body == "Adds greeter.")
            #expect(pull.head == "add-greeter")
            #expect(pull.base == "trunk")
            #expect(pull.draft)
            let branch = try #require(try await fake.files(owner: "tempo-music", name: "monorepo", branch: "add-greeter"))
            #expect(branch == [
                "README.md": "# Monorepo\n", "services/.keep": "", "services/greeter/catalog-info.yaml": branch["services/greeter/catalog-info.yaml"] ?? "-",
                "services/greeter/greeter.sh": "#!/bin/sh\necho greeter\n", "services/greeter/docs/index.md": "# greeter\n",
            ])
            #expect(try await fake.isExecutable(owner: "tempo-music", name: "monorepo", branch: "add-greeter", path: "services/greeter/greeter.sh"))
            #expect(try await fake.files(owner: "tempo-music", name: "monorepo", branch: "trunk") == ["README.md": "# Monorepo\n", "services/.keep": ""])
            #expect(fake.received.filter { $0.path.hasPrefix("/api/v3/") }.allSatisfy { $0.authorization == "Bearer \(fake.token)" })
        }
    }

    @Test("a pull request whose branch exists already says it was committed but not pushed; none is opened")
    func pullRequestBranchTaken() async throws {
        try await FakeGitHub.withRunning { fake in
            try await fake.seed(owner: "tempo-music", name: "monorepo", files: ["README.md": "# Monorepo\n"])
            let (template, folder) = try Self.template(publish: Self.pullRequestStep)
            defer { try? FileManager.default.removeItem(at: folder) }
            let first = await Self.runner(fake).run(template, RunRequest(values: ["name": "greeter", "repoUrl": "github.com?owner=tempo-music&repo=monorepo"]))
            #expect(first.status == .ok, "\(first.message ?? "")")
            // The same files again on the same branch: the branch is taken.
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("skeleton/more"), withIntermediateDirectories: true)
            try Data("x\n".utf8).write(to: folder.appendingPathComponent("skeleton/more/new.txt"))
            let second = await Self.runner(fake).run(template, RunRequest(values: ["name": "greeter", "repoUrl": "github.com?owner=tempo-music&repo=monorepo"]))
            #expect(second.status == .failed)
            #expect(second.failedStep?.error?.hasPrefix("committed 4 file(s) on add-greeter, but pushing the branch to tempo-music/monorepo failed") == true)
            #expect(fake.pullRequests.count == 1)
        }
    }

    @Test("a pull request to a private repository with a refused token: 404/401 reported, nothing pushed")
    func pullRequestRefused() async throws {
        try await FakeGitHub.withRunning { fake in
            let (template, folder) = try Self.template(publish: Self.pullRequestStep)
            defer { try? FileManager.default.removeItem(at: folder) }
            let missing = await Self.runner(fake).run(template, RunRequest(values: ["name": "greeter", "repoUrl": "github.com?owner=tempo-music&repo=nowhere"]))
            #expect(missing.failedStep?.error == "reading the repository tempo-music/nowhere: GitHub answered 404 Not Found (it does not exist, or the token cannot see it)")
            try await fake.seed(owner: "tempo-music", name: "monorepo", files: ["README.md": "# Monorepo\n"])
            let refused = await Self.runner(fake, token: "ghp_notTheRightOne000").run(
                template, RunRequest(values: ["name": "greeter", "repoUrl": "github.com?owner=tempo-music&repo=monorepo"]))
            #expect(refused.failedStep?.error?.hasPrefix("GitHub refused the token while reading the repository tempo-music/monorepo (401 Bad credentials)") == true)
            #expect(!fake.received.contains { $0.path.contains("git-") })
            #expect(fake.pullRequests.isEmpty)
        }
    }

    @Test("scaffolder.github in the configuration file, GITHUB_TOKEN from the environment, bad URLs refused")
    func configuration() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("github-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("backline.yaml")
        try Data("scaffolder:\n  github:\n    apiURL: https://ghe.tempo.example/api/v3/\n    allowedHosts: [ghe.tempo.example]\n    timeoutSeconds: 10\n".utf8).write(to: file)
        let configuration = try BacklineConfiguration.load(file: file.path, environment: ["GITHUB_TOKEN": "ghp_fromTheEnvironment"])
        #expect(configuration.scaffolder.github.apiBaseURL == "https://ghe.tempo.example/api/v3")
        #expect(configuration.scaffolder.github.allowedHosts == ["ghe.tempo.example"])
        #expect(configuration.scaffolder.github.timeout == .seconds(10))
        #expect(configuration.scaffolder.github.token?.revealed == "ghp_fromTheEnvironment")
        #expect(!"\(configuration.scaffolder.github)".contains("ghp_fromTheEnvironment"))

        try Data("scaffolder:\n  github:\n    apiURL: https://user:pass@ghe.tempo.example/api/v3\n".utf8).write(to: file)
        #expect(throws: ConfigurationError.self) { try BacklineConfiguration.load(file: file.path, environment: [:]) }
        let shipped = try BacklineConfiguration.load(file: TestServer.repositoryRoot.appendingPathComponent("config/backline.yaml").path, environment: [:])
        #expect(shipped.scaffolder.github.apiBaseURL == "https://api.github.com")
        #expect(shipped.scaffolder.github.allowedHosts == ["github.com"])
        let defaults = try BacklineConfiguration.load(file: nil, environment: [:])
        #expect(defaults.scaffolder.github.apiBaseURL == "https://api.github.com")
        #expect(defaults.scaffolder.github.allowedHosts == ["github.com"])
        #expect(defaults.scaffolder.github.token == nil)
    }
}
