import Testing
@testable import TechHealth

/// `backstage.io/source-location` values: which are cloned, and which are refused.
struct SourceLocationTests {
    @Test func gitHubFolderAddressesNameTheRepositoryBranchAndFolder() throws {
        let location = try #require(GitSourceLocation(annotation: "url:https://github.com/acme/api/tree/main/services/api"))
        #expect(location == GitSourceLocation(repository: "https://github.com/acme/api", branch: "main", path: "services/api"))
        let root = try #require(GitSourceLocation(annotation: "url:https://github.com/acme/api/tree/release-2/"))
        #expect(root == GitSourceLocation(repository: "https://github.com/acme/api", branch: "release-2", path: ""))
    }

    @Test func cloneAddressesEndingInDotGitAreTheRepositoryRoot() throws {
        #expect(GitSourceLocation(annotation: "url:https://gitlab.example.com/acme/api.git")
            == GitSourceLocation(repository: "https://gitlab.example.com/acme/api.git", branch: nil, path: ""))
        #expect(GitSourceLocation(annotation: "url:git@github.com:acme/api.git")?.repository == "git@github.com:acme/api.git")
        #expect(GitSourceLocation(annotation: "url:ssh://git@github.com/acme/api.git/")?.repository == "ssh://git@github.com/acme/api.git")
    }

    @Test(arguments: [
        "url:https://github.com/tempo-music/playlist-web/",  // a web page, not a clone address
        "dir:.",
        "url:file:///etc/passwd.git",
        "url:/srv/repos/api.git",
        "url:../api.git",
        "url:ext::sh -c touch% /tmp/pwned.git",
        "url:ssh://-oProxyCommand=touch%20x/api.git",
        "url:git@-oProxyCommand=x:api.git",
        "url:https://github.com/acme/api/tree/main/../../etc",
        "url:https://github.com/acme/api/tree/-upload-pack=x/svc",
        "url:https://github.com/acme/api/tree/a:b/svc",
        "url:http://github.com/acme/api.git",
        "url:https://github.com/acme/api.git\nmalicious",
    ])
    func anythingElseIsRefused(_ value: String) {
        #expect(GitSourceLocation(annotation: value) == nil)
    }
}
