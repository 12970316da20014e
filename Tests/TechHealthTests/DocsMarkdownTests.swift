import Testing
@testable import TechHealth

/// The line scanner, the link rule, the path heuristic, the staleness rule and mkdocs.yml reading,
/// each on its own.
struct DocsMarkdownTests {
    @Test func linksAndCodeSpansComeWithTheirLines() {
        let text = "# T\n\n[a](one.md \"title\") and ![b](<two words.png>)\n`x/y.ts` then ``a `b` c/d.md``\n~~~\n[no](fence.md)\n~~~\n[c]: three.md\n"
        let found = MarkdownReferences.scan(text)
        #expect(found.links == [.init(line: 3, text: "one.md"), .init(line: 3, text: "two words.png"), .init(line: 8, text: "three.md")])
        #expect(found.codeSpans == [.init(line: 4, text: "x/y.ts"), .init(line: 4, text: "a `b` c/d.md")])
    }

    @Test func linksWithParenthesesAndCommentsAcrossLines() {
        let text = "[w](page_(v2).md)\n<!-- start\n[hidden](h.md)\nend --> [shown](s.md)\n"
        let found = MarkdownReferences.scan(text)
        #expect(found.links.map(\.text) == ["page_(v2).md", "s.md"])
        #expect(found.links.last?.line == 4)
    }

    @Test func onlyRelativeFileLinksAreChecked() {
        #expect(DocsLinkTarget.relativePath("../a.md#sec") == "../a.md")
        #expect(DocsLinkTarget.relativePath("img/a%20b.png?raw=1") == "img/a b.png")
        #expect(DocsLinkTarget.relativePath("https://example.com/x.md") == nil)
        #expect(DocsLinkTarget.relativePath("mailto:a@b.c") == nil)
        #expect(DocsLinkTarget.relativePath("/site/abs.md") == nil)
        #expect(DocsLinkTarget.relativePath("#anchor") == nil)
        #expect(DocsLinkTarget.relativePath("{{ config.repo_url }}/x.md") == nil)
        #expect(DocsLinkTarget.relativePath("") == nil)
    }

    @Test(arguments: [
        ("src/server/routes.ts", "src/server/routes.ts"),
        ("cmd/api/", "cmd/api/"),
        (".github/workflows/ci.yml", ".github/workflows/ci.yml"),
        ("./lib/util.py", "./lib/util.py"),
        ("src/app.ts:42", "src/app.ts"),
        ("src/app.ts#L10", "src/app.ts"),
        ("pkg/v1.2/x.go", "pkg/v1.2/x.go"),
    ])
    func pathLikeTokensAreTaken(token: String, path: String) {
        #expect(CodePathMention.path(token) == path)
    }

    @Test(arguments: [
        "https://example.com/a.ts", "http://x/y/", "--out/file.txt", "src/*.ts", "a b/c.ts", "application/json", "and/or",
        "/etc/hosts.conf", "~/bin/tool.sh", "github.com/org/repo/main.go", "npm run build/x.js", "$HOME/x.sh", "src/app",
        "lib/v1.2", "@scope/pkg.js", "{a,b}/c.ts", "x=y/z.ts", "./", "../", "C:\\win\\a.txt", "README.md", "1/2.5",
    ])
    func otherTokensAreNot(token: String) {
        #expect(CodePathMention.path(token) == nil)
    }

    @Test func stalenessRuleCountsCommitsAndDaysStrictly() {
        let policy = DocsFreshnessPolicy()
        #expect(StalenessRule.staleReasons(codeCommitsSinceDocs: 20, codeDaysAheadOfDocs: 90, policy: policy).isEmpty)
        #expect(StalenessRule.staleReasons(codeCommitsSinceDocs: 21, codeDaysAheadOfDocs: 91, policy: policy).count == 2)
        let docs = GitCommitStamp(sha: "a", date: GitHistoryTestRepository.day(10))
        let code = GitCommitStamp(sha: "b", date: GitHistoryTestRepository.day(5))
        // Code dated before the docs but landed after them is not "days ahead".
        #expect(StalenessRule.codeDaysAhead(docs: docs, code: code, codeCommitsSinceDocs: 3) == 0)
        #expect(StalenessRule.codeDaysAhead(docs: code, code: docs, codeCommitsSinceDocs: 0) == 0)
        #expect(StalenessRule.codeDaysAhead(docs: code, code: docs, codeCommitsSinceDocs: 1) == 5)
    }

    @Test func mkdocsConfigDocsDirWithItsLine() {
        #expect(MkDocsConfig.parse("site_name: X\ndocs_dir: site\n") == MkDocsConfig(docsDir: "site", docsDirLine: 2))
        #expect(MkDocsConfig.parse("site_name: X\n").docsDir == nil)
        #expect(MkDocsConfig.parse("docs_dir: !ENV [DOCS, docs]\n").problem != nil)
        #expect(MkDocsConfig.parse("docs_dir: [unclosed\n").problem != nil)
        #expect(MkDocsConfig.parse("theme:\n  icon: !!python/name:material.icons\ndocs_dir: d\n").docsDir == "d")
    }

    @Test func techDocsRefPrefixes() {
        #expect(TechDocsRef("dir:.") == .directory("."))
        #expect(TechDocsRef("dir:./docs-site") == .directory("./docs-site"))
        #expect(TechDocsRef("dir:") == .directory("."))
        #expect(TechDocsRef("url:https://github.com/o/r/tree/main") == .url("https://github.com/o/r/tree/main"))
        #expect(TechDocsRef("docs/") == .unrecognised("docs/"))
    }

    @Test func pathspecsKeepFolderNamesLiteral() {
        #expect(GitPathspec.including("") == ":(top)")
        #expect(GitPathspec.including("svc/a[1]") == ":(top,literal)svc/a[1]")
        #expect(GitPathspec.excluding(fileNamed: "yarn.lock", under: "svc/a[1]*") == ":(top,exclude,glob)svc/a\\[1\\]\\*/**/yarn.lock")
    }
}
