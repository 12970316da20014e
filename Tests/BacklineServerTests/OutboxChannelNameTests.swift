import BacklineServer
import Foundation
import Slack
import SlackTesting
import Testing

/// Channels given by name (`#squad-playlists`, what `slack.com/bot-notify` usually holds) and
/// direct messages given by user id: Slack posts to both, but `conversations.history` takes
/// conversation ids only, so the worker resolves them (`conversations.list`, `conversations.open`)
/// before the first send and keeps the id for the lookup after a crash.
@Suite("Outbox: channel names and user ids", .timeLimit(.minutes(3)))
struct OutboxChannelNameTests {
    static let base = Date(timeIntervalSince1970: 1_790_000_000)

    /// Twelve channels, listed two a page, so resolving a name reads every page.
    static func seed(_ fake: FakeSlack) {
        for index in 1...11 { fake.addConversation(SlackConversation(id: "C0SQUAD\(index)", name: "squad-\(index)")) }
        fake.addConversation(SlackConversation(id: "C0PLAYLISTS", name: "squad-playlists"))
        fake.limitConversationPages(to: 2)
    }

    @Test("a message to #name is posted to the conversation id found on the last page of conversations.list, and the id is kept; one list serves many messages")
    func resolvedBeforeTheFirstSend() async throws {
        let clock = ManualClock()
        try await OutboxRig.with(clock: clock, now: clock.wallClock(from: Self.base)) { rig in
            Self.seed(rig.fake)
            let ids = try rig.store.enqueue(
                [OutboxDraft(kind: "digest", channel: "#squad-playlists", text: "digest"), OutboxDraft(kind: "alert", channel: "#squad-playlists", text: "alert")],
                at: rig.now())
            try await rig.deliver(accepted: 2)
            let posts = rig.fake.calls.elements.filter { $0.method == "chat.postMessage" }
            #expect(posts.map { $0[string: "channel"] } == ["C0PLAYLISTS", "C0PLAYLISTS"])
            let lists = rig.fake.calls.elements.filter { $0.method == "conversations.list" }
            #expect(lists.count == 6, "12 channels two a page, read once for both messages")
            #expect(lists.allSatisfy { $0[string: "types"] == "public_channel,private_channel" && $0[string: "exclude_archived"] == "true" })
            for id in ids {
                let message = try #require(try await rig.store.message(id: id))
                #expect(message.state == .sent && message.conversationID == "C0PLAYLISTS" && message.channel == "#squad-playlists")
            }
        }
    }

    @Test("crash after Slack accepted a post to #name, before the id was kept: the name is resolved, the history read by id, and nothing is posted again")
    func crashAfterAcceptedByName() async throws {
        let clock = ManualClock()
        try await OutboxRig.with(clock: clock, now: clock.wallClock(from: Self.base)) { rig in
            Self.seed(rig.fake)
            let id = try #require(try rig.store.enqueue([OutboxDraft(kind: "digest", channel: "#squad-playlists", text: "digest")], at: rig.now()).first)
            let message = try #require(try await rig.store.message(id: id))
            // The dead process posted to the name; Slack accepted it; the process died before
            // recording anything about it, the conversation id included.
            _ = try await rig.slack.postMessage(
                channel: "#squad-playlists", message: SlackMessage(text: message.text),
                metadata: SlackMessageMetadata(eventType: "backline_outbox", eventPayload: ["outbox_id": String(id), "delivery_token": message.deliveryToken]))
            try await rig.leaveInFlight(id, holder: "test-host#41#dead", leaseExpiresAt: rig.now(), firstAttemptAt: rig.now(), outcomeUnknown: true)
            let store = rig.store
            try await rig.deliver { try await store.message(id: id)?.state == .sent }
            #expect(rig.fake.postedMessages.count == 1, "not doubled")
            let lookups = rig.fake.calls.elements.filter { $0.method == "conversations.history" }
            #expect(lookups.map { $0[string: "channel"] } == ["C0PLAYLISTS"], "the history is read by id, never by name")
            #expect(lookups.allSatisfy { $0.error == nil })
            #expect(try await rig.store.message(id: id)?.slackTS == rig.fake.postedMessages.first?.ts)
        }
    }

    @Test("crash after Slack accepted a DM posted to a user id: conversations.open gives the DM's id, the history finds it, nothing doubles")
    func crashAfterAcceptedDirectMessage() async throws {
        let clock = ManualClock()
        try await OutboxRig.with(clock: clock, now: clock.wallClock(from: Self.base)) { rig in
            let id = try #require(try rig.store.enqueue([OutboxDraft(kind: "alert", channel: "U0ADA", text: "your team has no channel")], at: rig.now()).first)
            let message = try #require(try await rig.store.message(id: id))
            _ = try await rig.slack.postMessage(
                channel: "U0ADA", message: SlackMessage(text: message.text),
                metadata: SlackMessageMetadata(eventType: "backline_outbox", eventPayload: ["outbox_id": String(id), "delivery_token": message.deliveryToken]))
            try await rig.leaveInFlight(id, holder: "test-host#41#dead", leaseExpiresAt: rig.now(), firstAttemptAt: rig.now(), outcomeUnknown: true)
            let store = rig.store
            try await rig.deliver { try await store.message(id: id)?.state == .sent }
            #expect(rig.fake.postedMessages.count == 1, "not doubled")
            #expect(rig.fake.calls.elements.contains { $0.method == "conversations.open" && $0[string: "users"] == "U0ADA" })
            #expect(rig.fake.calls.elements.filter { $0.method == "conversations.history" }.map { $0[string: "channel"] } == [FakeSlack.directMessageID(for: "U0ADA")])
        }
    }

    @Test("a name Slack does not list cannot be looked up: the worker says so and sends (at least once), and a list that fails for now delays the lookup instead")
    func unlistedName() async throws {
        let clock = ManualClock()
        try await OutboxRig.with(clock: clock, now: clock.wallClock(from: Self.base)) { rig in
            Self.seed(rig.fake)
            let ids = try rig.store.enqueue(
                [OutboxDraft(kind: "digest", channel: "#not-listed", text: "digest"), OutboxDraft(kind: "digest", channel: "#squad-3", text: "digest 3")],
                at: rig.now())
            for id in ids {
                try await rig.leaveInFlight(id, holder: "test-host#41#dead", leaseExpiresAt: rig.now(), firstAttemptAt: rig.now(), outcomeUnknown: true)
            }
            rig.fake.failNext("conversations.list", with: .httpStatus(503))
            try await rig.deliver(accepted: 2)
            let calls = rig.fake.calls.elements
            #expect(calls.first { $0.method == "conversations.list" }?.status == 503)
            #expect(calls.filter { $0.method == "conversations.history" }.map { $0[string: "channel"] } == ["C0SQUAD3"], "only the listed name could be looked up")
            #expect(Set(rig.fake.postedMessages.map(\.text)) == ["digest", "digest 3"])
            #expect(try await rig.store.counts() == OutboxCounts(sent: 2))
        }
    }
}
