import Foundation
import Testing
@testable import Catalog

@Suite("Cloning git sources", .timeLimit(.minutes(3)))
struct GitCloneTests {
    @Test("a clone that fails reports git's own message")
    func failingClone() async throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("backline-no-repo-\(UUID().uuidString)").path
        do {
            _ = try await CatalogIngester(store: try CatalogStore.inMemory()).ingest([.git(repository: missing, reference: nil)])
            Issue.record("cloning a repository that does not exist succeeded")
        } catch let error as IngestError {
            guard case .gitFailed(let message) = error else {
                Issue.record("expected gitFailed, got \(error)")
                return
            }
            #expect(message.contains(missing), "\(message)")
        }
    }

    @Test("a clone that never finishes is stopped at the timeout")
    func stalledClone() async throws {
        // A stand-in git that never exits by itself (`tail -f` on an empty stream waits forever),
        // so only the timeout can end it.
        let bin = try TemporaryDirectory()
        let fake = try bin.write("git", "#!/bin/sh\nexec tail -f /dev/null\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.path)
        do {
            _ = try await GitCheckout.clone(bin.path, reference: nil, timeout: .milliseconds(300), command: [fake.path])
            Issue.record("a clone that never finishes returned")
        } catch let error as IngestError {
            guard case .gitTimedOut(let timeout) = error else {
                Issue.record("expected gitTimedOut, got \(error)")
                return
            }
            #expect(timeout == .milliseconds(300))
            #expect(error.description.contains("timed out"))
        }
        // Returning at all is the proof that it was killed: the stand-in never exits on its own.
        // (No wall-clock assertion: on loaded cores that would measure the machine, not the code.)
    }

    @Test("the timeout is the ingester's to set")
    func ingesterTimeout() async throws {
        let ingester = CatalogIngester(store: try CatalogStore.inMemory(), gitTimeout: .seconds(7))
        #expect(ingester.gitTimeout == .seconds(7))
        #expect(CatalogIngester(store: try CatalogStore.inMemory()).gitTimeout == .seconds(120))
    }
}
