import Slack
import SlackTesting
import Testing

private func client(_ slack: FakeSlack) -> SlackWebAPIClient {
    SlackWebAPIClient(
        baseURL: slack.apiBaseURL, token: SlackToken(slack.botToken), rateLimits: .unlimited, clock: ManualClock(), maxRateLimitRetries: 0,
        logger: testLogger("webapi"))
}

/// `conversations.list` and `conversations.open` against the fake, and the fake's reading of a
/// channel name: posting takes one, reading history does not.
@Suite(.timeLimit(.minutes(3))) struct ConversationListTests {
    @Test func `conversations list follows the cursor to the last page, leaving archived channels and private ones without the bot out`() async throws {
        try await FakeSlack.withRunning(logger: testLogger("fake")) { slack in
            for index in 1...5 { slack.addConversation(SlackConversation(id: "C0LIST\(index)", name: "squad-\(index)")) }
            slack.addConversation(SlackConversation(id: "C0OLD", name: "old-squad", isArchived: true))
            slack.addConversation(SlackConversation(id: "G0SECRET", name: "secret", isPrivate: true))
            slack.addConversation(SlackConversation(id: "G0HIDDEN", name: "hidden", isPrivate: true))
            slack.removeBot(from: "G0HIDDEN")
            slack.limitConversationPages(to: 2)
            let api = client(slack)
            func everyPage(_ types: [SlackWebAPIClient.ConversationType], excludeArchived: Bool) async throws -> (names: [String], pages: Int) {
                var names: [String] = []
                var cursor: String?
                var pages = 0
                repeat {
                    let page = try await api.conversationList(types: types, excludeArchived: excludeArchived, limit: 1000, cursor: cursor)
                    #expect(page.channels.count <= 2, "the fake pages like Slack: fewer than asked")
                    names += page.channels.compactMap(\.name)
                    cursor = page.nextCursor
                    pages += 1
                } while cursor != nil && pages < 10
                return (names, pages)
            }
            let listed = try await everyPage([.publicChannel, .privateChannel], excludeArchived: true)
            #expect(listed.pages == 3)
            #expect(Set(listed.names) == ["squad-1", "squad-2", "squad-3", "squad-4", "squad-5", "secret"])
            let first = try await slack.calls.first { $0.method == "conversations.list" }
            #expect(first[string: "types"] == "public_channel,private_channel")
            #expect(first[string: "exclude_archived"] == "true")
            #expect(first[string: "limit"] == "1000")
            #expect(Set(try await everyPage([.publicChannel], excludeArchived: false).names) == ["squad-1", "squad-2", "squad-3", "squad-4", "squad-5", "old-squad"])
            await #expect(throws: SlackAPIError(method: "conversations.list", code: "invalid_cursor")) {
                try await api.conversationList(cursor: "not-a-cursor")
            }
        }
    }

    @Test func `a post to a channel name lands in that conversation, whose history takes the id and refuses the name`() async throws {
        try await FakeSlack.withRunning(logger: testLogger("fake")) { slack in
            slack.addConversation(SlackConversation(id: "C0PLAYLISTS", name: "squad-playlists"))
            let api = client(slack)
            let metadata = SlackMessageMetadata(eventType: "backline_outbox", eventPayload: ["outbox_id": "7"])
            let posted = try await api.postMessage(channel: "#squad-playlists", message: SlackMessage(text: "digest"), metadata: metadata)
            #expect(posted.channel == "C0PLAYLISTS", "Slack answers with the conversation id")
            let page = try await api.conversationHistory(channel: "C0PLAYLISTS")
            #expect(page.messages.map { $0.metadata?.eventPayload["outbox_id"] } == ["7"])
            await #expect(throws: SlackAPIError(method: "conversations.history", code: "channel_not_found")) {
                try await api.conversationHistory(channel: "#squad-playlists")
            }
            // A name the fake was not told about still exists, with an id of its own.
            let elsewhere = try await api.postMessage(channel: "#somewhere", message: SlackMessage(text: "hi"))
            #expect(elsewhere.channel.hasPrefix("C") && elsewhere.channel != "#somewhere")
        }
    }

    @Test func `conversations open gives the DM a post to a user id lands in`() async throws {
        try await FakeSlack.withRunning(logger: testLogger("fake")) { slack in
            let api = client(slack)
            let dm = try await api.openDirectMessage(user: "U0ADA")
            #expect(dm.hasPrefix("D"))
            let posted = try await api.postMessage(channel: "U0ADA", message: SlackMessage(text: "your alert"))
            #expect(posted.channel == dm)
            #expect(try await api.conversationHistory(channel: dm).messages.count == 1)
            slack.markNotInWorkspace("U0GONE")
            await #expect(throws: SlackAPIError(method: "conversations.open", code: "user_not_found")) { try await api.openDirectMessage(user: "U0GONE") }
        }
    }
}
