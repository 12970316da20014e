import Foundation
import Slack

/// What one send attempt came to.
enum OutboxSendResult: Sendable, Equatable {
    /// Accepted; Slack's `ts` and the conversation it landed in, when the platform gives them.
    case sent(ts: String?, conversation: String?)
    /// 429: not delivered; try again after this long.
    case rateLimited(retryAfter: Duration)
    /// Failed for now. `maybeDelivered` when the platform may have taken it anyway (a timeout, a 5xx).
    case transient(error: String, maybeDelivered: Bool)
    /// Another try cannot help (`channel_not_found`, `is_archived`, a private channel the bot is
    /// not in, invalid blocks): park it.
    case permanent(error: String)
}

/// What looking for an earlier delivery found.
enum OutboxLookupResult: Sendable, Equatable {
    /// The message is in the channel already: it was delivered before the crash or timeout.
    case found(ts: String)
    /// Not there: sending is safe.
    case notFound
    /// The history cannot be read (no `channels:history` scope, …): sending may double it.
    case unverifiable(error: String)
    /// Slack asked to wait.
    case rateLimited(retryAfter: Duration)
    /// Failed for now; look again later.
    case transient(error: String)
}

/// Sends outbox messages over the platforms' APIs and classifies every answer for the worker.
struct OutboxSender: Sendable {
    /// The metadata event type that marks Backline's outbox messages in Slack.
    static let eventType = "backline_outbox"
    /// Slack errors another try cannot fix. `not_in_channel` is here because a join is tried first.
    static let permanentErrors: Set<String> = [
        "channel_not_found", "is_archived", "channel_is_archived", "not_in_channel", "invalid_blocks", "invalid_blocks_format",
        "msg_too_long", "msg_blocks_too_long", "no_text", "too_many_attachments", "restricted_action", "missing_scope",
        "invalid_metadata_format", "invalid_metadata_schema", "metadata_too_large", "metadata_must_be_sent_from_app",
        "user_not_found", "cannot_dm_bot", "invalid_arguments", "access_denied", "team_access_not_granted", "ekm_access_denied",
        "no_permission", "method_not_supported_for_channel_type", "posting_to_general_channel_denied",
    ]
    /// How many history pages a lookup reads before giving up on finding the message.
    static let maxHistoryPages = 10

    let slack: SlackWebAPIClient?
    /// Resolves channel names and user ids to conversation ids; nil without Slack.
    let directory: SlackConversationDirectory?
    let mattermost: MattermostClient?
    /// Whether `not_in_channel` on a public channel may be fixed with `conversations.join`.
    let joinPublicChannels: Bool
    /// How far before the first attempt a history lookup starts (clock skew between us and Slack).
    let lookupMargin: TimeInterval

    /// The conversation id a Slack message will go to when its channel is a name or a user id and
    /// Slack can tell now; nil when the channel is already an id or cannot be resolved now (the
    /// post then goes to the name, which Slack accepts, and a later lookup resolves it again).
    func conversation(for message: OutboxMessage) async -> String? {
        guard message.platform == .slack, let directory else { return nil }
        if let known = message.conversationID { return known }
        guard case .id(let id) = await directory.resolve(message.channel), id != message.channel else { return nil }
        return id
    }

    /// Sends one message, to `conversation` when given (the resolved id of its channel).
    func send(_ message: OutboxMessage, conversation: String? = nil) async -> OutboxSendResult {
        switch message.platform {
        case .slack: await sendToSlack(message, to: conversation ?? message.conversationID ?? message.channel)
        case .mattermost: await sendToMattermost(message)
        }
    }

    private func sendToSlack(_ message: OutboxMessage, to target: String) async -> OutboxSendResult {
        guard let slack else { return .permanent(error: "no Slack bot token configured") }
        var blocks: [Block] = []
        if let json = message.blocksJSON, !json.isEmpty {
            do {
                blocks = try JSONDecoder().decode([Block].self, from: Data(json.utf8))
            } catch {
                return .permanent(error: "invalid_blocks_format: the queued blocks are not Block Kit Backline can send")
            }
        }
        let body = SlackMessage(text: message.text, blocks: blocks)
        let metadata = SlackMessageMetadata(
            eventType: Self.eventType, eventPayload: ["outbox_id": String(message.id), "delivery_token": message.deliveryToken])
        var joined = false
        while true {
            do {
                let posted = try await slack.postMessage(channel: target, message: body, metadata: metadata)
                if target != posted.channel { await directory?.learn(name: target, id: posted.channel) }
                return .sent(ts: posted.ts, conversation: posted.channel)
            } catch let error as SlackAPIError where error.code == "not_in_channel" && !joined {
                guard joinPublicChannels else { return .permanent(error: "not_in_channel (joining channels is turned off: invite the bot)") }
                switch await join(target) {
                case nil:
                    joined = true
                    continue
                case .permanent(let reason)?:
                    return .permanent(error: "not_in_channel; \(reason)")
                case let other?:
                    return other
                }
            } catch {
                return Self.classify(error)
            }
        }
    }

    /// Joins a public channel; nil when joined, else what to do with the message.
    private func join(_ channel: String) async -> OutboxSendResult? {
        guard let slack else { return .permanent(error: "no Slack bot token configured") }
        do {
            _ = try await slack.joinConversation(channel: channel)
            return nil
        } catch let error as SlackAPIError where error.code == "method_not_supported_for_channel_type" {
            return .permanent(error: "the channel is private: invite the bot to it")
        } catch let error as SlackAPIError where Self.permanentErrors.contains(error.code) {
            return .permanent(error: "joining failed: \(error.code)")
        } catch {
            // A join that failed for now changes nothing in the channel: the post was not delivered.
            if case .transient(let reason, _) = Self.classify(error) { return .transient(error: reason, maybeDelivered: false) }
            return Self.classify(error)
        }
    }

    /// Looks for the message in the channel's history since just before its first attempt, by the
    /// outbox id and delivery token in its metadata.
    func lookUp(_ message: OutboxMessage) async -> OutboxLookupResult {
        guard message.platform == .slack, let slack else { return .unverifiable(error: "\(message.platform.rawValue) has no message metadata") }
        // The history takes conversation ids only: a channel given by name (or a user id, for a
        // DM) is read through the id kept before the send, else resolved now.
        let channel: String
        if let known = message.conversationID {
            channel = known
        } else {
            switch await directory?.resolve(message.channel) ?? .id(message.channel) {
            case .id(let id): channel = id
            case .unknown(let reason): return .unverifiable(error: "no conversation id for \(message.channel) (\(reason))")
            case .failed(let reason): return .transient(error: reason)
            }
        }
        let oldest = (message.firstAttemptAt ?? message.enqueuedAt).addingTimeInterval(-lookupMargin)
        var cursor: String?
        var joined = false
        var pages = 0
        while pages < Self.maxHistoryPages {
            do {
                let page = try await slack.conversationHistory(channel: channel, oldest: oldest, limit: 200, includeAllMetadata: true, cursor: cursor)
                pages += 1
                if let match = page.messages.first(where: { isOurs($0, message) }) { return .found(ts: match.ts) }
                guard page.hasMore, let next = page.nextCursor else { return .notFound }
                cursor = next
            } catch let error as SlackAPIError where error.code == "not_in_channel" && joinPublicChannels && !joined {
                // Posting needs no membership with chat:write.public, reading history does.
                joined = true
                if case let problem? = await join(channel) {
                    if case .permanent(let reason) = problem { return .unverifiable(error: "not_in_channel; \(reason)") }
                    return .transient(error: "not_in_channel; joining failed for now")
                }
            } catch let error as SlackAPIError where error.code == "ratelimited" {
                return .rateLimited(retryAfter: .seconds(max(1, error.retryAfterSeconds ?? 1)))
            } catch let error as SlackAPIError where ["channel_not_found", "is_archived"].contains(error.code) {
                // The send will fail the same way and park the message; nothing can double.
                return .notFound
            } catch let error as SlackAPIError where Self.permanentErrors.contains(error.code) || error.isInvalidToken {
                return .unverifiable(error: error.description)
            } catch {
                return .transient(error: "\(error)")
            }
        }
        return .unverifiable(error: "more than \(Self.maxHistoryPages * 200) messages since the first attempt")
    }

    private func isOurs(_ candidate: SlackHistoryMessage, _ message: OutboxMessage) -> Bool {
        guard let metadata = candidate.metadata, metadata.eventType == Self.eventType else { return false }
        return metadata.eventPayload["outbox_id"] == String(message.id) && metadata.eventPayload["delivery_token"] == message.deliveryToken
    }

    /// Sorts a failed call into the worker's outcomes.
    static func classify(_ error: any Error) -> OutboxSendResult {
        switch error {
        case let error as SlackAPIError where error.code == "ratelimited":
            return .rateLimited(retryAfter: .seconds(max(1, error.retryAfterSeconds ?? 1)))
        case let error as SlackAPIError where permanentErrors.contains(error.code):
            return .permanent(error: error.code)
        case let error as SlackAPIError where error.isInvalidToken:
            // The token, not the message, is wrong: keep the message and retry with backoff.
            return .transient(error: error.description, maybeDelivered: false)
        case let error as SlackAPIError:
            // internal_error, fatal_error, request_timeout…: Slack may have posted it anyway.
            return .transient(error: error.description, maybeDelivered: true)
        case let error as SlackHTTPError:
            return .transient(error: error.description, maybeDelivered: true)
        case is CancellationError:
            return .transient(error: "cancelled", maybeDelivered: true)
        default:
            return .transient(error: "\(error)", maybeDelivered: true)
        }
    }

    private func sendToMattermost(_ message: OutboxMessage) async -> OutboxSendResult {
        guard let mattermost else { return .permanent(error: "no Mattermost client configured") }
        do {
            try await mattermost.post(text: message.text, channel: message.channel)
            return .sent(ts: nil, conversation: nil)
        } catch let error as MattermostClient.PostError {
            switch error.status {
            case 0: return .permanent(error: error.description)
            case 429: return .rateLimited(retryAfter: .seconds(1))
            case 400..<500: return .permanent(error: error.description)
            default: return .transient(error: error.description, maybeDelivered: true)
            }
        } catch {
            return .transient(error: "\(error)", maybeDelivered: true)
        }
    }
}
