import ChatOps
import Slack

/// Incident handling's chat actions over the Slack Web API. Its posts are Backline speaking first
/// (tagging goalies, not answering anyone), so they go through the outbox: written to SQLite
/// before any network call and delivered, paced and retried by the outbox worker.
struct SlackIncidentActions: IncidentActions {
    let webAPI: SlackWebAPIClient
    let outbox: OutboxStore

    func channel(_ id: String) async throws -> IncidentChannel {
        try await translatingErrors {
            let conversation = try await webAPI.conversationInfo(channel: id)
            return IncidentChannel(
                id: conversation.id, name: conversation.name ?? id, topic: conversation.topic, purpose: conversation.purpose,
                isArchived: conversation.isArchived)
        }
    }

    func createChannel(named name: String) async throws -> IncidentChannel {
        try await translatingErrors {
            let conversation = try await webAPI.createConversation(name: name)
            return IncidentChannel(id: conversation.id, name: conversation.name ?? name)
        }
    }

    func join(_ channel: String) async throws {
        try await translatingErrors { _ = try await webAPI.joinConversation(channel: channel) }
    }

    func invite(_ userIDs: [String], to channel: String) async throws {
        try await translatingErrors { _ = try await webAPI.invite(users: userIDs, to: channel) }
    }

    func post(_ reply: Reply, to channel: String) async throws {
        try outbox.enqueue([try OutboxDraft(kind: "incident", slackMessage: SlackReplyRenderer.render(reply), channel: channel)])
    }

    /// Slack's error codes are what incident messages report (`is_archived`, `user_not_found`).
    private func translatingErrors<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as SlackAPIError {
            throw IncidentActionError(code: error.code)
        }
    }
}
