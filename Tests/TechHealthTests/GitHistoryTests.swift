import Foundation
import Testing
@testable import TechHealth

/// The git-history reader on real repositories.
@Suite(.timeLimit(.minutes(3)))
struct GitHistoryTests {
    @Test func theWorkTreeRootIsFoundFromAFolderInside() throws {
        let repository = try GitHistoryTestRepository()
        defer { repository.remove() }
        try repository.write("services/a/src/x.ts", "x\n")

        let root = GitHistory.workTreeRoot(containing: repository.url("services/a/src"))

        #expect(root?.standardizedFileURL.path == repository.root.standardizedFileURL.path)
    }

    @Test func folderNamesWithGlobCharactersAreOnlyNames() async throws {
        let repository = try GitHistoryTestRepository()
        defer { repository.remove() }
        let plain = try repository.change("svc/a1/x.txt", at: GitHistoryTestRepository.day(1))
        let bracketed = try repository.change("svc/a[1]/x.txt", at: GitHistoryTestRepository.day(2))
        try repository.change("svc/a[1]/yarn.lock", at: GitHistoryTestRepository.day(3))
        let history = GitHistory(workTree: repository.root)

        // As a glob, `a[1]` would match `a1`.
        let last = try await history.lastCommit(touching: [GitPathspec.including("svc/a[1]"), GitPathspec.excluding(fileNamed: "yarn.lock", under: "svc/a[1]")])
        #expect(last == GitCommitStamp(sha: bracketed, date: GitHistoryTestRepository.day(2)))
        #expect(try await history.lastCommit(touching: [GitPathspec.including("svc/a1")])?.sha == plain)
        #expect(try await history.commitCount(after: plain, touching: [GitPathspec.including("")]) == 2)
        #expect(try await history.commitCount(after: nil, touching: [GitPathspec.including("svc")]) == 3)
    }

    @Test func aRepositoryWithoutCommitsHasNoHistoryRatherThanAFailure() async throws {
        let repository = try GitHistoryTestRepository()
        defer { repository.remove() }
        let history = GitHistory(workTree: repository.root)

        #expect(history.hasRepository)
        #expect(!history.isShallow)
        #expect(try await history.lastCommit(touching: [GitPathspec.including("")]) == nil)
    }

    @Test func aFolderInsideAnotherRepositoryIsNotAnsweredFromIt() async throws {
        let repository = try GitHistoryTestRepository()
        defer { repository.remove() }
        try repository.change("inner/x.txt", at: GitHistoryTestRepository.day(1))
        let history = GitHistory(workTree: repository.url("inner"))

        #expect(!history.hasRepository)
        await #expect(throws: GitHistoryError.self) {
            try await history.lastCommit(touching: [GitPathspec.including("")])
        }
    }
}
