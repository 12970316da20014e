import Foundation
import TechHealth
import Testing

/// Swift packages' releases from a real bare repository's tags, reached through a `file://`
/// mirror base the way an operator's mirror folder would be.
@Suite("Git tags as Swift releases", .timeLimit(.minutes(3)))
struct GitTagsClientTests {
    /// A mirror folder holding `github.com/acme/swift-thing` as a bare repository with tags.
    func mirror() throws -> (base: URL, repository: GitHistoryTestRepository) {
        let repository = try GitHistoryTestRepository()
        try repository.change("Package.swift", at: GitHistoryTestRepository.day(0))
        for tag in ["1.0.0", "v1.1.0", "1.2.0-beta.1", "nightly-2024", "2.0.0"] {
            try repository.change("Sources/Thing.swift", at: GitHistoryTestRepository.day(10))
            try repository.run(["tag", tag])
        }
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("backline-mirror-\(UUID().uuidString)")
        let bare = base.appendingPathComponent("github.com/acme/swift-thing")
        try FileManager.default.createDirectory(at: bare.deletingLastPathComponent(), withIntermediateDirectories: true)
        _ = try repository.output(["clone", "--bare", "--quiet", repository.root.path, bare.path])
        return (base, repository)
    }

    @Test("version tags become releases (undated); other tags are left out; latest is the newest stable")
    func tags() async throws {
        let (base, repository) = try mirror()
        defer {
            repository.remove()
            try? FileManager.default.removeItem(at: base)
        }
        let client = GitTagsClient(baseURL: "file://" + base.path + "/", timeout: .seconds(30))
        let releases = try #require(try await client.fetchReleases(of: "github.com/acme/swift-thing"))
        #expect(Set(releases.map(\.version)) == ["1.0.0", "v1.1.0", "1.2.0-beta.1", "2.0.0"])
        #expect(releases.allSatisfy { $0.released == nil })
        let package = PackageReleases(ecosystem: .swift, name: "github.com/acme/swift-thing", releases: releases)
        #expect(package.latestStable?.version == "2.0.0")
        #expect(package.release(matching: "1.1.0") != nil)

        // A repository that is not there is an unknown package, not an outage.
        #expect(try await client.fetchReleases(of: "github.com/acme/absent") == nil)
    }

    @Test("names that could act as git options or leave the mirror are refused before git runs")
    func hostileNames() async throws {
        let client = GitTagsClient(baseURL: "file:///nonexistent/", timeout: .seconds(5))
        for name in ["--upload-pack=touch /tmp/x", "github.com/../../etc", "-oProxyCommand=x", "host/a b", "host//x", ""] {
            do throws(RegistryError) {
                _ = try await client.fetchReleases(of: name)
                Issue.record("\(name.debugDescription) reached git")
            } catch {
                #expect(error.kind == .invalidName)
            }
        }
    }
}
