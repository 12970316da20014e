import Foundation
import Testing
@testable import TechHealth

/// Freshness measured from real git histories built with dated commits.
@Suite(.timeLimit(.minutes(3)))
struct DocsFreshnessTests {
    static let now = GitHistoryTestRepository.day(400)
    static let dirRef = [DocsFreshness.techDocsRefAnnotation: "dir:."]

    /// A component at `folder` with a descriptor, `mkdocs.yml`, one docs page and one code file,
    /// committed on day 0.
    @discardableResult
    func seedComponent(_ repository: GitHistoryTestRepository, folder: String = "", docs: String = "# Service\n", commit: Bool = true) throws -> String {
        let prefix = folder.isEmpty ? "" : folder + "/"
        try repository.write(prefix + "catalog-info.yaml", "apiVersion: backstage.io/v1alpha1\nkind: Component\n")
        try repository.write(prefix + "mkdocs.yml", "site_name: Service\nplugins:\n  - techdocs-core\n")
        try repository.write(prefix + "docs/index.md", docs)
        try repository.write(prefix + "src/app.ts", "export {}\n")
        return commit ? try repository.commit("component \(folder)", at: GitHistoryTestRepository.day(0)) : ""
    }

    func check(_ repository: GitHistoryTestRepository, folder: String = "", annotations: [String: String] = dirRef,
               policy: DocsFreshnessPolicy = .standard, excluded: [String] = []) async -> DocsFreshness {
        let request = DocsFreshnessRequest(workTreeRoot: repository.root, componentFolder: repository.url(folder), annotations: annotations, excludedCodeFolders: excluded)
        return await DocsFreshnessChecker(policy: policy).check(request, now: Self.now)
    }

    @Test func codeMovingOnForManyCommitsAndDaysIsStaleForBothReasons() async throws {
        let repository = try GitHistoryTestRepository()
        defer { repository.remove() }
        let docsCommit = try seedComponent(repository)
        var lastCode = ""
        for index in 1...25 {
            lastCode = try repository.change("src/app.ts", at: GitHistoryTestRepository.day(Double(index) * 4))
        }

        let result = await check(repository)

        #expect(result.status == .stale)
        #expect(result.reasons.count == 2)
        #expect(result.reasons.contains { $0.contains("25 code commits") })
        #expect(result.reasons.contains { $0.contains("100 days") })
        #expect(result.docsLastChanged == GitCommitStamp(sha: docsCommit, date: GitHistoryTestRepository.day(0)))
        #expect(result.codeLastChanged == GitCommitStamp(sha: lastCode, date: GitHistoryTestRepository.day(100)))
        #expect(result.codeCommitsSinceDocs == 25)
        #expect(result.codeDaysAheadOfDocs == 100)
        #expect(result.docsDir == "docs")
        #expect(result.checkedAt == Self.now)
    }

    @Test func docsUpdatedAfterTheCodeAreFresh() async throws {
        let repository = try GitHistoryTestRepository()
        defer { repository.remove() }
        try seedComponent(repository)
        for index in 1...25 {
            try repository.change("src/app.ts", at: GitHistoryTestRepository.day(Double(index) * 4))
        }
        let docsCommit = try repository.change("docs/index.md", at: GitHistoryTestRepository.day(101))

        let result = await check(repository)

        #expect(result.status == .fresh)
        #expect(result.reasons.isEmpty)
        #expect(result.docsLastChanged?.sha == docsCommit)
        #expect(result.codeCommitsSinceDocs == 0)
        #expect(result.codeDaysAheadOfDocs == 0)
    }

    @Test func aChangeToMkdocsYmlCountsAsADocsChange() async throws {
        let repository = try GitHistoryTestRepository()
        defer { repository.remove() }
        try seedComponent(repository)
        for index in 1...25 {
            try repository.change("src/app.ts", at: GitHistoryTestRepository.day(Double(index)))
        }
        let configCommit = try repository.change("mkdocs.yml", at: GitHistoryTestRepository.day(30))

        let result = await check(repository)

        #expect(result.status == .fresh)
        #expect(result.docsLastChanged?.sha == configCommit)
    }

    @Test func theDateAloneNeverMakesDocsStale() async throws {
        // Nothing has changed for 400 days: old docs of an untouched component are still right.
        let repository = try GitHistoryTestRepository()
        defer { repository.remove() }
        try seedComponent(repository)

        let result = await check(repository)

        #expect(result.status == .fresh)
        #expect(result.codeCommitsSinceDocs == 0)
    }

    @Test func descriptorsAndLockFilesAreNotCode() async throws {
        let repository = try GitHistoryTestRepository()
        defer { repository.remove() }
        try seedComponent(repository)
        for index in 1...30 {
            let file = ["catalog-info.yaml", "package-lock.json", "web/yarn.lock"][index % 3]
            try repository.change(file, at: GitHistoryTestRepository.day(Double(index) * 5))
        }

        let result = await check(repository)

        #expect(result.status == .fresh)
        #expect(result.codeCommitsSinceDocs == 0)
        #expect(result.codeLastChanged?.date == GitHistoryTestRepository.day(0))
    }

    @Test func theCommitLimitIsMoreThanTwentyAndConfigurable() async throws {
        let repository = try GitHistoryTestRepository()
        defer { repository.remove() }
        try seedComponent(repository)
        for index in 1...20 {
            try repository.change("src/app.ts", at: GitHistoryTestRepository.day(Double(index) / 4))
        }

        let twenty = await check(repository)
        #expect(twenty.status == .fresh)
        #expect(twenty.codeCommitsSinceDocs == 20)

        try repository.change("src/app.ts", at: GitHistoryTestRepository.day(6))
        let twentyOne = await check(repository)
        #expect(twentyOne.status == .stale)
        #expect(twentyOne.reasons == ["21 code commits landed since the docs last changed (limit 20)"])

        let lenient = await check(repository, policy: DocsFreshnessPolicy(maxCodeCommits: 50))
        #expect(lenient.status == .fresh)
    }

    @Test func oneCodeChangeFarAheadOfTheDocsIsStaleByDays() async throws {
        let repository = try GitHistoryTestRepository()
        defer { repository.remove() }
        try seedComponent(repository)
        try repository.change("src/app.ts", at: GitHistoryTestRepository.day(91.5))

        let result = await check(repository)
        #expect(result.status == .stale)
        #expect(result.codeDaysAheadOfDocs == 91)
        #expect(result.reasons == ["the code changed 91 days after the docs last did (limit 90)"])

        let lenient = await check(repository, policy: DocsFreshnessPolicy(maxCodeDays: 120))
        #expect(lenient.status == .fresh)
    }

    @Test func evergreenDocsOptOutButKeepTheirDates() async throws {
        let repository = try GitHistoryTestRepository()
        defer { repository.remove() }
        try seedComponent(repository)
        for index in 1...25 {
            try repository.change("src/app.ts", at: GitHistoryTestRepository.day(Double(index) * 4))
        }
        var annotations = Self.dirRef
        annotations[DocsFreshness.evergreenAnnotation] = "true"

        let result = await check(repository, annotations: annotations)

        #expect(result.status == .evergreen)
        #expect(result.codeCommitsSinceDocs == 25)
        #expect(result.docsLastChanged != nil)
    }

    @Test func inAMonorepoOnlyTheComponentWhoseCodeMovedIsStale() async throws {
        let repository = try GitHistoryTestRepository()
        defer { repository.remove() }
        try seedComponent(repository, folder: "services/billing")
        try seedComponent(repository, folder: "services/search")
        for index in 1...25 {
            try repository.change("services/search/src/app.ts", at: GitHistoryTestRepository.day(Double(index) * 4))
        }
        // A commit outside both components touches neither.
        try repository.change("README.md", at: GitHistoryTestRepository.day(150))

        let billing = await check(repository, folder: "services/billing")
        let search = await check(repository, folder: "services/search")

        #expect(billing.status == .fresh)
        #expect(billing.codeCommitsSinceDocs == 0)
        #expect(search.status == .stale)
        #expect(search.codeCommitsSinceDocs == 25)
        #expect(search.codeDaysAheadOfDocs == 100)
    }

    @Test func aRootComponentCanLeaveNestedComponentsOut() async throws {
        let repository = try GitHistoryTestRepository()
        defer { repository.remove() }
        try seedComponent(repository)
        try seedComponent(repository, folder: "services/search")
        for index in 1...25 {
            try repository.change("services/search/src/app.ts", at: GitHistoryTestRepository.day(Double(index)))
        }

        let counted = await check(repository)
        let excluded = await check(repository, excluded: ["services/search"])

        #expect(counted.status == .stale)
        #expect(excluded.status == .fresh)
    }

    @Test func docsDirFromMkdocsYmlInASubFolder() async throws {
        let repository = try GitHistoryTestRepository()
        defer { repository.remove() }
        try repository.write("catalog-info.yaml", "kind: Component\n")
        try repository.write("docs-site/mkdocs.yml", "site_name: X\ndocs_dir: pages\nmarkdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n")
        try repository.write("docs-site/pages/index.md", "See [guide](guide.md).\n")
        try repository.write("docs-site/pages/guide.md", "# Guide\n")
        try repository.write("main.go", "package main\n")
        try repository.commit("start", at: GitHistoryTestRepository.day(0))
        for index in 1...22 {
            try repository.change("main.go", at: GitHistoryTestRepository.day(Double(index)))
        }

        let result = await check(repository, annotations: [DocsFreshness.techDocsRefAnnotation: "dir:./docs-site"])

        #expect(result.docsDir == "docs-site/pages")
        #expect(result.brokenLinks.isEmpty)
        #expect(result.problems.isEmpty)
        #expect(result.status == .stale)
        #expect(result.codeCommitsSinceDocs == 22)
    }

    @Test func aDocsDirLeadingOutOfTheComponentIsAFindingNotFollowed() async throws {
        let repository = try GitHistoryTestRepository()
        defer { repository.remove() }
        try seedComponent(repository, folder: "services/a")
        try repository.write("services/a/mkdocs.yml", "site_name: A\n\ndocs_dir: ../../etc\n")
        try repository.commit("escape", at: GitHistoryTestRepository.day(1))

        let climbing = await check(repository, folder: "services/a")
        #expect(climbing.status == .unknown)
        #expect(climbing.problems == [DocsProblem(file: "mkdocs.yml", line: 3, message: "docs_dir `../../etc` leads out of the component folder")])

        try repository.write("services/a/mkdocs.yml", "site_name: A\ndocs_dir: /etc\n")
        let absolute = await check(repository, folder: "services/a")
        #expect(absolute.status == .unknown)
        #expect(absolute.problems.first?.line == 2)
        #expect(absolute.problems.first?.message.contains("absolute") == true)
    }

    @Test func aTechDocsRefLeadingOutOfTheComponentIsAFinding() async throws {
        let repository = try GitHistoryTestRepository()
        defer { repository.remove() }
        try seedComponent(repository, folder: "services/a")

        let result = await check(repository, folder: "services/a", annotations: [DocsFreshness.techDocsRefAnnotation: "dir:../.."])

        #expect(result.status == .unknown)
        #expect(result.problems.first?.file == "catalog-info.yaml")
    }

    @Test func aFolderOutsideGitIsCheckedForLinksButItsFreshnessIsUnknown() async throws {
        let folder = try GitHistoryTestRepository(git: false)
        defer { folder.remove() }
        try seedComponent(folder, docs: "# X\n\nSee [missing](missing.md).\n", commit: false)

        let result = await check(folder)

        #expect(result.status == .unknown)
        #expect(result.reasons == ["no git history: the component is not in a git repository"])
        #expect(result.brokenLinks == [DocsBrokenLink(file: "docs/index.md", line: 3, target: "missing.md")])
        #expect(result.docsLastChanged == nil)
        #expect(result.codeCommitsSinceDocs == nil)
    }

    @Test func docsNeverCommittedAreUnknown() async throws {
        let repository = try GitHistoryTestRepository()
        defer { repository.remove() }
        try repository.write("src/app.ts", "x\n")
        try repository.commit("code only", at: GitHistoryTestRepository.day(0))
        try repository.write("docs/index.md", "# Draft\n")

        let result = await check(repository)

        #expect(result.status == .unknown)
        #expect(result.reasons == ["the docs have never been committed"])
        #expect(result.codeCommitsSinceDocs == 1)
    }

    @Test func aShallowCloneIsUnknown() async throws {
        let repository = try GitHistoryTestRepository()
        defer { repository.remove() }
        try seedComponent(repository)
        for index in 1...3 {
            try repository.change("src/app.ts", at: GitHistoryTestRepository.day(Double(index)))
        }
        let clone = try GitHistoryTestRepository(git: false)
        defer { clone.remove() }
        _ = try repository.output(["clone", "--quiet", "--depth", "1", "file://\(repository.root.path)", clone.root.appendingPathComponent("c").path])

        let request = DocsFreshnessRequest(workTreeRoot: clone.url("c"), componentFolder: clone.url("c"), annotations: Self.dirRef)
        let result = await DocsFreshnessChecker().check(request, now: Self.now)

        #expect(result.status == .unknown)
        #expect(result.reasons.first?.contains("shallow") == true)
    }

    @Test func missingAndElsewhereDocsAreSaidSo() async throws {
        let repository = try GitHistoryTestRepository()
        defer { repository.remove() }
        try repository.write("src/app.ts", "x\n")
        try repository.commit("code only", at: GitHistoryTestRepository.day(0))

        let none = await check(repository, annotations: [:])
        #expect(none.status == .noDocs)
        let empty = await check(repository)
        #expect(empty.status == .noDocs)
        let elsewhere = await check(repository, annotations: [DocsFreshness.techDocsRefAnnotation: "url:https://github.com/org/repo/tree/main"])
        #expect(elsewhere.status == .unknown)
        #expect(elsewhere.reasons.first?.contains("URL") == true)
    }

    @Test func aSlowGitIsStoppedAndTheFreshnessIsUnknown() async throws {
        let repository = try GitHistoryTestRepository()
        defer { repository.remove() }
        try seedComponent(repository)
        let request = DocsFreshnessRequest(workTreeRoot: repository.root, componentFolder: repository.root, annotations: Self.dirRef)
        // A shell that sleeps whatever arguments it is given stands in for a git that hangs.
        let checker = DocsFreshnessChecker(gitTimeout: .milliseconds(200), gitCommand: ["sh", "-c", "exec sleep 30", "git"])

        let result = await checker.check(request, now: Self.now)

        #expect(result.status == .unknown)
        #expect(result.reasons.first?.contains("stopped") == true)
    }

    @Test func theJSONShapeUsesSimpleNames() throws {
        let result = DocsFreshness(status: .noDocs, reasons: ["none"], checkedAt: GitHistoryTestRepository.start)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = String(decoding: try encoder.encode(result), as: UTF8.self)
        #expect(text.contains(#""status":"no-docs""#))
        #expect(text.contains(#""brokenLinks":[]"#))
        #expect(text.contains(#""missingPaths":[]"#))
    }
}
