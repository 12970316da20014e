import Slack
import SlackTesting
import Testing

@Suite(.timeLimit(.minutes(3))) struct UserGroupMethodsTests {
    private func client(_ slack: FakeSlack) -> SlackWebAPIClient {
        SlackWebAPIClient(baseURL: slack.apiBaseURL, token: SlackToken(slack.botToken), rateLimits: .unlimited, logger: testLogger("webapi"))
    }

    @Test func `user groups are created, listed and given members`() async throws {
        try await FakeSlack.withRunning(logger: testLogger("fake")) { slack in
            let api = client(slack)
            let created = try await api.createUserGroup(name: "Playlists goalie", handle: "playlists-goalie", description: "Whoever is goalie")
            #expect(created.handle == "playlists-goalie")
            #expect(created.id.hasPrefix("S"))
            await #expect(throws: SlackAPIError(method: "usergroups.create", code: "name_already_exists")) {
                try await api.createUserGroup(name: "Playlists goalie", handle: "playlists-goalie")
            }
            let updated = try await api.updateUserGroupUsers(created.id, users: ["U1", "U2"])
            #expect(updated.users == ["U1", "U2"])
            let listed = try await api.userGroups()
            #expect(listed.map(\.handle) == ["playlists-goalie"])
            #expect(listed.first?.isDisabled == false)
            let call = try #require(slack.calls.elements.first { $0.method == "usergroups.users.update" })
            #expect(call[string: "users"] == "U1,U2")
        }
    }

    @Test func `empty member lists are refused with Slack's own error, without a call and without a crash`() async throws {
        try await FakeSlack.withRunning(logger: testLogger("fake")) { slack in
            let api = client(slack)
            await #expect(throws: SlackAPIError(method: "usergroups.users.update", code: "no_users_provided")) {
                try await api.updateUserGroupUsers("S1", users: [])
            }
            await #expect(throws: SlackAPIError(method: "conversations.invite", code: "no_user")) {
                try await api.invite(users: [], to: "C1")
            }
            #expect(slack.calls.elements.isEmpty)
        }
    }

    @Test func `conversations.create makes a channel and refuses a taken name`() async throws {
        try await FakeSlack.withRunning(logger: testLogger("fake")) { slack in
            let api = client(slack)
            let channel = try await api.createConversation(name: "inc-20260325-playlist-api")
            #expect(channel.name == "inc-20260325-playlist-api")
            #expect(slack.conversation(named: "inc-20260325-playlist-api")?.id == channel.id)
            await #expect(throws: SlackAPIError(method: "conversations.create", code: "name_taken")) {
                try await api.createConversation(name: "inc-20260325-playlist-api")
            }
        }
    }

    @Test func `invites into archived channels and of people outside the workspace fail as Slack says`() async throws {
        try await FakeSlack.withRunning(logger: testLogger("fake")) { slack in
            let api = client(slack)
            slack.addConversation(SlackConversation(id: "C0OLD", name: "inc-old", isArchived: true))
            await #expect(throws: SlackAPIError(method: "conversations.invite", code: "is_archived")) {
                try await api.invite(users: ["U1"], to: "C0OLD")
            }
            slack.markNotInWorkspace("U0GONE")
            await #expect(throws: SlackAPIError(method: "conversations.invite", code: "user_not_found")) {
                try await api.invite(users: ["U1", "U0GONE"], to: "C0NEW")
            }
        }
    }
}
