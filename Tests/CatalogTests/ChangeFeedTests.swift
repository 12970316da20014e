import Foundation
import Testing
@testable import Catalog

@Suite("Refresh and the change feed", .timeLimit(.minutes(3)))
struct ChangeFeedTests {
    let at = Date(timeIntervalSince1970: 1_800_000_000)

    private func refresh(_ ingester: CatalogIngester, _ source: CatalogSource, minutes: Double = 0) async throws -> SourceRefresh {
        try await ingester.refresh(source, at: at.addingTimeInterval(minutes * 60))
    }

    @Test("the first refresh of a source records nothing; later ones record hand-overs, lifecycle changes, renames, moves, additions and removals")
    func kindsOfChange() async throws {
        let folder = try TemporaryDirectory()
        try folder.write("a/catalog-info.yaml", component("playlist-api"))
        try folder.write("b/catalog-info.yaml", component("track-service") + "\n---\n" + component("old-name"))
        try folder.write("c/catalog-info.yaml", component("going-away"))
        let store = try CatalogStore.inMemory()
        let ingester = CatalogIngester(store: store)
        let source = CatalogSource.path(folder.path)

        let first = try await refresh(ingester, source)
        #expect(first.changes.isEmpty)
        #expect(first.entityCount == 4)

        try folder.write("a/catalog-info.yaml", component("playlist-api").replacingOccurrences(of: "owner: playlists", with: "owner: playback"))
        try folder.write("b/catalog-info.yaml", component("track-service").replacingOccurrences(of: "lifecycle: production", with: "lifecycle: deprecated")
            + "\n---\n" + component("new-name"))
        try folder.remove("c/catalog-info.yaml")
        try folder.write("d/catalog-info.yaml", component("brand-new"))
        let second = try await refresh(ingester, source, minutes: 1)

        func change(_ kind: CatalogChange.Kind, _ name: String) -> CatalogChange? {
            second.changes.first { $0.kind == kind && $0.entity.name == name }
        }
        let handover = try #require(change(.ownerChanged, "playlist-api"))
        #expect(handover.ownerBefore?.name == "playlists")
        #expect(handover.ownerAfter?.name == "playback")
        #expect(handover.recordedAt == at.addingTimeInterval(60))
        #expect(change(.lifecycleChanged, "track-service")?.valueBefore == "production")
        #expect(change(.lifecycleChanged, "track-service")?.valueAfter == "deprecated")
        #expect(change(.renamed, "new-name")?.previousRef?.name == "old-name")
        #expect(change(.removed, "going-away") != nil)
        #expect(change(.added, "brand-new") != nil)
        #expect(second.changes.count == 5, "\(second.changes.map { "\($0.kind) \($0.entity)" })")

        // An entity that moves to another file is a move, not a removal and an addition.
        try folder.write("d/catalog-info.yaml", component("brand-new") + "\n---\n" + component("playlist-api").replacingOccurrences(of: "owner: playlists", with: "owner: playback"))
        try folder.remove("a/catalog-info.yaml")
        let third = try await refresh(ingester, source, minutes: 2)
        #expect(third.changes.map(\.kind) == [.moved], "\(third.changes)")

        // The feed answers by team and by time, newest first.
        let forPlayback = try await store.changes(since: at, team: EntityRef(kind: "group", name: "playback"))
        #expect(forPlayback.first?.kind == .moved)
        #expect(forPlayback.contains { $0.kind == .ownerChanged })
        #expect(try await store.changes(since: at.addingTimeInterval(90)).count == 1)

        // Nothing changed: nothing recorded, nothing parsed.
        let quiet = try await refresh(ingester, source, minutes: 3)
        #expect(quiet.changes.isEmpty)
        #expect(quiet.report.filesParsed == 0)
    }

    @Test("each handover is pending once per team until it is recorded as told")
    func handoverAnnouncements() async throws {
        let folder = try TemporaryDirectory()
        try folder.write("catalog-info.yaml", component("playlist-api"))
        let store = try CatalogStore.inMemory()
        let ingester = CatalogIngester(store: store)
        _ = try await refresh(ingester, .path(folder.path))
        try folder.write("catalog-info.yaml", component("playlist-api").replacingOccurrences(of: "owner: playlists", with: "owner: playback"))
        _ = try await refresh(ingester, .path(folder.path), minutes: 1)

        let pending = try await store.unannouncedHandovers()
        #expect(Set(pending.map(\.team.name)) == ["playlists", "playback"])
        let (change, team) = try #require(pending.first)
        try await store.recordAnnouncement(change: try #require(change.id), team: team, channel: "#squad", at: at)
        try await store.recordAnnouncement(change: try #require(change.id), team: team, channel: "#squad", at: at)
        #expect(try await store.unannouncedHandovers().map(\.team) == pending.dropFirst().map(\.team))
    }

    @Test("a git source is kept in the clone cache and fetched: a new commit is read, unchanged files are not, and the commit is recorded")
    func keptClone() async throws {
        let repository = try TemporaryDirectory()
        try repository.write("catalog-info.yaml", component("playlist-api"))
        try repository.write("other/catalog-info.yaml", component("track-service"))
        try commit(repository, "first")
        let cache = try TemporaryDirectory()
        let store = try CatalogStore.inMemory()
        let ingester = CatalogIngester(store: store, cloneCache: cache.url)
        let source = CatalogSource(argument: "git:\(repository.path)#main")

        let first = try await refresh(ingester, source)
        #expect(first.report.filesParsed == 2)
        let firstCommit = try #require(first.commit)
        #expect(first.directory.path.hasPrefix(cache.path))

        try repository.write("catalog-info.yaml", component("playlist-api").replacingOccurrences(of: "owner: playlists", with: "owner: playback"))
        try commit(repository, "hand playlist-api to playback")
        let second = try await refresh(ingester, source, minutes: 1)
        #expect(second.commit != firstCommit)
        #expect(second.report.filesParsed == 1)
        #expect(second.report.filesUnchanged == 1)
        #expect(second.changes.map(\.kind) == [.ownerChanged])
        #expect(second.changes.first?.commit == second.commit)
        #expect(try await store.headlines([EntityRef(kind: "component", name: "playlist-api")]).first?.ownerRef?.name == "playback")

        let quiet = try await refresh(ingester, source, minutes: 2)
        #expect(quiet.report.filesParsed == 0)
        #expect(quiet.commit == second.commit)
    }

    @Test("a broken file in a new commit keeps the last good entities and reports the error")
    func brokenCommit() async throws {
        let repository = try TemporaryDirectory()
        try repository.write("catalog-info.yaml", component("playlist-api"))
        try commit(repository, "first")
        let cache = try TemporaryDirectory()
        let store = try CatalogStore.inMemory()
        let ingester = CatalogIngester(store: store, cloneCache: cache.url)
        let source = CatalogSource(argument: "git:\(repository.path)#main")
        _ = try await refresh(ingester, source)

        try repository.write("catalog-info.yaml", "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: playlist-api\n")
        try commit(repository, "break it")
        let broken = try await refresh(ingester, source, minutes: 1)
        #expect(broken.report.hasErrors)
        #expect(broken.changes.isEmpty)
        #expect(broken.entityCount == 1)
        #expect(try await store.headlines([EntityRef(kind: "component", name: "playlist-api")]).first?.ownerRef?.name == "playlists")
    }

    @Test("a source that cannot be fetched throws and leaves the catalog as it was")
    func failedFetch() async throws {
        let repository = try TemporaryDirectory()
        try repository.write("catalog-info.yaml", component("playlist-api"))
        try commit(repository, "first")
        let cache = try TemporaryDirectory()
        let store = try CatalogStore.inMemory()
        let ingester = CatalogIngester(store: store, cloneCache: cache.url)
        _ = try await refresh(ingester, CatalogSource(argument: "git:\(repository.path)#main"))
        await #expect(throws: IngestError.self) {
            _ = try await refresh(ingester, CatalogSource(argument: "git:\(repository.path)#no-such-branch"))
        }
        #expect(try await store.entityCount() == 1)
    }

    private func commit(_ repository: TemporaryDirectory, _ message: String) throws {
        if !FileManager.default.fileExists(atPath: repository.url.appendingPathComponent(".git").path) {
            try Git.run(["init", "--quiet", "--initial-branch=main"], in: repository.url)
        }
        try Git.run(["add", "-A"], in: repository.url)
        try Git.run(["-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "--quiet", "-m", message], in: repository.url)
    }
}
