import Foundation
import Testing
@testable import TechHealth

/// Broken links and missing code paths, read from real files with their lines.
@Suite(.timeLimit(.minutes(3)))
struct DocsContentTests {
    static let now = GitHistoryTestRepository.day(10)
    static let dirRef = [DocsFreshness.techDocsRefAnnotation: "dir:."]

    func check(_ repository: GitHistoryTestRepository, folder: String = "", limits: DocsScanLimits = DocsScanLimits()) async -> DocsFreshness {
        let request = DocsFreshnessRequest(workTreeRoot: repository.root, componentFolder: repository.url(folder), annotations: Self.dirRef)
        return await DocsFreshnessChecker(limits: limits).check(request, now: Self.now)
    }

    static let page = """
        # Playlist API

        Start with [the guide](guide/start.md) and the [API](api.md#auth).
        ![diagram](img/flow.png) and ![missing diagram](img/gone.png#x)
        The server lives in `src/server/routes.ts`, the entry point in `src/app.ts`.
        See [the code](../src/app.ts) and [old code](../src/legacy.ts).
        [Home](https://example.com/a.md), [mail](mailto:team@example.com), [site](/other/page.md), [top](#top).
        The binary is built from `cmd/api/`; config in `.github/workflows/ci.yml`.
        Not paths: `--config/file.yml`, `https://x.io/a.ts`, `src/*.ts`, `a b/c.ts`, `application/json`, `github.com/org/repo/main.go`, `/etc/hosts.conf`.
        `[not a link](nowhere.md)` is code.

        ```markdown
        [in a fence](fenced-away.md) and `src/in/fence.ts`
        ```

        <!-- [commented](commented.md) -->
        [ref]: ./missing-ref.md "Title"
        [ok-ref]: guide/start.md
        [^1]: a footnote, not a link.
        """

    func seed(_ repository: GitHistoryTestRepository, folder: String = "") throws {
        let prefix = folder.isEmpty ? "" : folder + "/"
        try repository.write(prefix + "catalog-info.yaml", "kind: Component\n")
        try repository.write(prefix + "mkdocs.yml", "site_name: Playlist\n")
        try repository.write(prefix + "docs/index.md", Self.page)
        try repository.write(prefix + "docs/guide/start.md", "# Start\n\nBack to [index](../index.md), on to [next](next.md).\n")
        try repository.write(prefix + "docs/api.md", "# API\n")
        try repository.write(prefix + "docs/img/flow.png", "png")
        try repository.write(prefix + "src/app.ts", "export {}\n")
        try repository.write(prefix + ".github/workflows/ci.yml", "on: push\n")
        try repository.commit("docs", at: GitHistoryTestRepository.day(0))
    }

    @Test func brokenLinksAreReportedWithFileAndLine() async throws {
        let repository = try GitHistoryTestRepository()
        defer { repository.remove() }
        try seed(repository)

        let result = await check(repository)

        #expect(result.brokenLinks == [
            DocsBrokenLink(file: "docs/guide/start.md", line: 3, target: "next.md"),
            DocsBrokenLink(file: "docs/index.md", line: 4, target: "img/gone.png#x"),
            DocsBrokenLink(file: "docs/index.md", line: 6, target: "../src/legacy.ts"),
            DocsBrokenLink(file: "docs/index.md", line: 17, target: "./missing-ref.md"),
        ])
    }

    @Test func missingCodePathsAreReportedWithFileAndLine() async throws {
        let repository = try GitHistoryTestRepository()
        defer { repository.remove() }
        try seed(repository)

        let result = await check(repository)

        #expect(result.missingPaths == [
            DocsMissingPath(file: "docs/index.md", line: 5, path: "src/server/routes.ts"),
            DocsMissingPath(file: "docs/index.md", line: 8, path: "cmd/api/"),
        ])
        #expect(result.status == .fresh)
    }

    @Test func pathsAreFoundAtTheRepositoryRootToo() async throws {
        let repository = try GitHistoryTestRepository()
        defer { repository.remove() }
        try seed(repository, folder: "services/playlist")
        try repository.write("cmd/api/main.go", "package main\n")
        try repository.write("services/playlist/docs/shared.md", "Shared build in `cmd/api/` and [the root readme](../../../README.md).\n")
        try repository.write("README.md", "# Repo\n")

        let result = await check(repository, folder: "services/playlist")

        #expect(!result.missingPaths.contains { $0.path == "cmd/api/" })
        #expect(!result.brokenLinks.contains { $0.file == "docs/shared.md" })
    }

    @Test func aLinkOutOfTheRepositoryIsBrokenAndNeverLookedAt() async throws {
        let repository = try GitHistoryTestRepository()
        defer { repository.remove() }
        try seed(repository)
        try repository.write("docs/escape.md", "[passwd](../../../../../../../../etc/passwd)\n")

        let result = await check(repository)

        #expect(result.brokenLinks.contains(DocsBrokenLink(file: "docs/escape.md", line: 1, target: "../../../../../../../../etc/passwd")))
    }

    @Test func symbolicLinksOutOfTheTreeAreNotFollowed() async throws {
        let repository = try GitHistoryTestRepository()
        defer { repository.remove() }
        try seed(repository)
        let outside = try GitHistoryTestRepository(git: false)
        defer { outside.remove() }
        try outside.write("secret.md", "[leak](nothing-here.md)\n")
        try outside.write("sub/page.md", "[leak](nothing-here.md)\n")
        try FileManager.default.createSymbolicLink(atPath: repository.url("docs/linked.md").path, withDestinationPath: outside.url("secret.md").path)
        try FileManager.default.createSymbolicLink(atPath: repository.url("docs/linked-folder").path, withDestinationPath: outside.url("sub").path)
        try FileManager.default.createSymbolicLink(atPath: repository.url("docs/hosts.txt").path, withDestinationPath: "/etc/hostname")
        try repository.write("docs/uses-link.md", "[host](hosts.txt)\n")

        let result = await check(repository)

        #expect(!result.brokenLinks.contains { $0.target == "nothing-here.md" })
        #expect(result.brokenLinks.contains(DocsBrokenLink(file: "docs/uses-link.md", line: 1, target: "hosts.txt")))
    }

    @Test func oversizedFilesAndTooManyFilesAreSkippedAsProblems() async throws {
        let repository = try GitHistoryTestRepository()
        defer { repository.remove() }
        try seed(repository)
        try repository.write("docs/huge.md", String(repeating: "[x](nope.md)\n", count: 200))

        let limits = DocsScanLimits(maxMarkdownFiles: 3, maxFileBytes: 1024)
        let result = await check(repository, limits: limits)

        #expect(result.problems.contains { $0.message.contains("only the first were checked") })
        #expect(result.problems.contains { $0.file == "docs/huge.md" && $0.message.contains("not checked") })
        #expect(!result.brokenLinks.contains { $0.file == "docs/huge.md" })
    }

    @Test func dotFilesAndNonMarkdownAreNotRead() async throws {
        let repository = try GitHistoryTestRepository()
        defer { repository.remove() }
        try seed(repository)
        try repository.write("docs/.drafts/wip.md", "[x](nope.md)\n")
        try repository.write("docs/notes.txt", "[x](nope.md)\n")
        try repository.write("docs/other.markdown", "[x](nope.md)\n")

        let result = await check(repository)

        #expect(result.brokenLinks.filter { $0.target == "nope.md" }.map(\.file) == ["docs/other.markdown"])
    }
}
