import Foundation
import Testing
@testable import BacklineServer

@Suite("Push webhook payloads and repository addresses")
struct PushPayloadTests {
    @Test("one repository, whichever address form each side writes", arguments: [
        ("https://github.com/Acme/Catalog.git", "git@github.com:acme/catalog"),
        ("ssh://git@github.com/acme/catalog.git", "https://github.com/acme/catalog"),
        ("https://token@github.example.com:8443/acme/catalog/", "git@github.example.com:acme/catalog.git"),
        ("/srv/git/catalog.git", "file:///srv/git/catalog.git/"),
    ])
    func sameRepository(_ left: String, _ right: String) {
        #expect(RepositoryAddress.key(left) == RepositoryAddress.key(right))
    }

    @Test("different owners, names or hosts are different repositories", arguments: [
        ("https://github.com/acme/catalog", "https://github.com/acme/catalog-archive"),
        ("https://github.com/acme/catalog", "https://gitlab.com/acme/catalog"),
        ("git@github.com:acme/catalog", "git@github.com:other/catalog"),
    ])
    func differentRepositories(_ left: String, _ right: String) {
        #expect(RepositoryAddress.key(left) != RepositoryAddress.key(right))
    }

    @Test("GitHub's push: the branch, every address, a deleted branch has no commit, a tag no branch")
    func github() throws {
        let body = #"{"ref":"refs/heads/main","after":"6113728f27ae82c7b1a177c8d03f9e96e0adf246","deleted":false,"repository":{"full_name":"acme/catalog","clone_url":"https://github.com/acme/catalog.git","ssh_url":"git@github.com:acme/catalog.git","html_url":"https://github.com/acme/catalog","default_branch":"main"}}"#
        let push = try GitPush.github(Data(body.utf8))
        #expect(push.branch == "main")
        #expect(push.defaultBranch == "main")
        #expect(push.commit == "6113728f27ae82c7b1a177c8d03f9e96e0adf246")
        #expect(push.repositoryURLs.count == 3)
        let deleted = try GitPush.github(Data(body.replacingOccurrences(of: #""deleted":false"#, with: #""deleted":true"#).utf8))
        #expect(deleted.commit == nil)
        let tag = try GitPush.github(Data(body.replacingOccurrences(of: "refs/heads/main", with: "refs/tags/v1.0").utf8))
        #expect(tag.branch == nil)
        #expect(throws: (any Error).self) { try GitPush.github(Data("{\"ref\":1}".utf8)) }
    }

    @Test("GitLab's push hook: project addresses and checkout_sha; other object kinds are refused")
    func gitlab() throws {
        let body = #"{"object_kind":"push","event_name":"push","ref":"refs/heads/main","checkout_sha":"da1560886d4f094c3e6c9ef40349f7d38b5d27d7","project":{"path_with_namespace":"acme/catalog","git_http_url":"https://gitlab.example.com/acme/catalog.git","git_ssh_url":"git@gitlab.example.com:acme/catalog.git","web_url":"https://gitlab.example.com/acme/catalog","default_branch":"main"}}"#
        let push = try GitPush.gitlab(Data(body.utf8))
        #expect(push.branch == "main")
        #expect(push.commit == "da1560886d4f094c3e6c9ef40349f7d38b5d27d7")
        #expect(push.repositoryName == "acme/catalog")
        #expect(push.repositoryURLs.contains("git@gitlab.example.com:acme/catalog.git"))
        #expect(throws: (any Error).self) { try GitPush.gitlab(Data(body.replacingOccurrences(of: #""object_kind":"push""#, with: #""object_kind":"tag_push""#).utf8)) }
    }
}
