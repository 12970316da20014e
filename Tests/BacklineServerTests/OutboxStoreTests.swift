import BacklineServer
import Foundation
import GRDB
import Testing

/// The outbox table: queuing, deduplication, counts, parking and what another process sees.
@Suite("The outbox store", .timeLimit(.minutes(3)))
struct OutboxStoreTests {
    static let start = Date(timeIntervalSince1970: 1_790_000_000)

    static func draft(_ channel: String = "C0TEAM01", key: String? = nil, notBefore: Date? = nil) -> OutboxDraft {
        OutboxDraft(kind: "digest", channel: channel, text: "Weekly digest for Playlists", dedupeKey: key, notBefore: notBefore)
    }

    @Test("enqueue returns one id per draft; a repeated dedupe key is a no-op that returns the first id")
    func dedupe() async throws {
        let store = try OutboxStore(writer: try DatabaseQueue())
        let first = try store.enqueue([Self.draft(key: "digest:playlists:2026-W12"), Self.draft("C0TEAM02")], at: Self.start)
        let again = try store.enqueue([Self.draft("C0OTHER", key: "digest:playlists:2026-W12")], at: Self.start)
        #expect(first.count == 2 && first[0] != first[1])
        #expect(again == [first[0]])
        #expect(try await store.counts() == OutboxCounts(queued: 2))
        let message = try #require(try await store.message(id: first[0]))
        #expect(message.channel == "C0TEAM01", "the repeat did not replace the first message")
        #expect(message.state == .queued && message.attempts == 0 && message.nextAttemptAt == Self.start)
        #expect(!message.deliveryToken.isEmpty)
    }

    @Test("a draft with notBefore is not due before then")
    func notBefore() async throws {
        let store = try OutboxStore(writer: try DatabaseQueue())
        let later = Self.start.addingTimeInterval(3600)
        let id = try #require(try store.enqueue([Self.draft(notBefore: later)], at: Self.start).first)
        #expect(try await store.message(id: id)?.nextAttemptAt == later)
    }

    @Test("an enqueue rings the doorbell, so this process's worker sends at once")
    func doorbell() async throws {
        let store = try OutboxStore(writer: try DatabaseQueue())
        try store.enqueue([Self.draft()], at: Self.start)
        // Rung while nobody waited: the next wait returns at once.
        await store.doorbell.wait()
    }

    @Test("another process's enqueue on the same file is visible (WAL), and a parked message can be requeued")
    func sharedFile() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("outbox-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let serve = try BacklineDatabase.open(path: path)
        let cli = try BacklineDatabase.open(path: path)
        let id = try #require(try cli.outbox.enqueue([Self.draft()], at: Self.start).first)
        #expect(try await serve.outbox.message(id: id)?.text == "Weekly digest for Playlists")
        #expect(try await serve.outbox.requeue(id: id) == false, "only parked messages are requeued")
    }
}
