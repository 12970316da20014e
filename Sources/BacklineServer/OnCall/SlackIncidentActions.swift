import ChatOps
import Slack

/// Incident handling's chat actions over the Slack Web API.
struct SlackIncidentActions: IncidentActions {
    let webAPI: SlackWebAPIClient

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
        var message = SlackReplyRenderer.render(reply)
        message.responseType = nil
        try await translatingErrors { _ = try await webAPI.postMessage(channel: channel, message: message) }
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
