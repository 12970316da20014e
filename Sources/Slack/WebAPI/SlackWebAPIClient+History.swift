#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Message metadata: an app-defined event type and a flat payload, posted with a message and read
/// back from `conversations.history` with `include_all_metadata=true`.
public struct SlackMessageMetadata: Sendable, Hashable, Codable {
    /// The event type, e.g. `backline_outbox`.
    public var eventType: String
    /// Flat key/value payload; values travel as strings.
    public var eventPayload: [String: String]

    /// Creates metadata.
    public init(eventType: String, eventPayload: [String: String]) {
        self.eventType = eventType
        self.eventPayload = eventPayload
    }

    enum CodingKeys: String, CodingKey {
        case eventType = "event_type"
        case eventPayload = "event_payload"
    }

    /// Decodes Slack's shape; payload numbers and booleans are read as strings.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        eventType = try container.decode(String.self, forKey: .eventType)
        let payload = (try? container.decodeIfPresent([String: LenientString].self, forKey: .eventPayload)) ?? nil
        eventPayload = payload?.mapValues(\.value) ?? [:]
    }
}

/// A message as `conversations.history` returns it, reduced to what finding one again needs.
public struct SlackHistoryMessage: Sendable, Hashable, Decodable {
    /// The message timestamp (its id).
    public var ts: String
    /// The text.
    public var text: String
    /// The metadata, present when the history was asked for with `include_all_metadata`.
    public var metadata: SlackMessageMetadata?

    /// Creates a message.
    public init(ts: String, text: String = "", metadata: SlackMessageMetadata? = nil) {
        self.ts = ts
        self.text = text
        self.metadata = metadata
    }

    enum CodingKeys: String, CodingKey { case ts, text, metadata }

    /// Decodes Slack's shape; unreadable metadata counts as none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        ts = try container.decode(String.self, forKey: .ts)
        text = (try? container.decodeIfPresent(String.self, forKey: .text)) ?? ""
        metadata = (try? container.decodeIfPresent(SlackMessageMetadata.self, forKey: .metadata)) ?? nil
    }
}

/// One page of `conversations.history`.
public struct SlackHistoryPage: Sendable, Hashable, Decodable {
    /// Messages, newest first.
    public var messages: [SlackHistoryMessage]
    /// Whether older messages remain.
    public var hasMore: Bool
    /// The cursor for the next page, when there is one.
    public var nextCursor: String?

    private struct ResponseMetadata: Decodable {
        var nextCursor: String?
        enum CodingKeys: String, CodingKey { case nextCursor = "next_cursor" }
    }
    enum CodingKeys: String, CodingKey {
        case messages
        case hasMore = "has_more"
        case responseMetadata = "response_metadata"
    }

    /// Creates a page.
    public init(messages: [SlackHistoryMessage], hasMore: Bool = false, nextCursor: String? = nil) {
        self.messages = messages
        self.hasMore = hasMore
        self.nextCursor = nextCursor
    }

    /// Decodes Slack's shape; an empty cursor means none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        messages = try container.decodeIfPresent([SlackHistoryMessage].self, forKey: .messages) ?? []
        hasMore = try container.decodeIfPresent(Bool.self, forKey: .hasMore) ?? false
        let cursor = try container.decodeIfPresent(ResponseMetadata.self, forKey: .responseMetadata)?.nextCursor
        nextCursor = cursor?.isEmpty == false ? cursor : nil
    }
}

extension SlackWebAPIClient {
    /// `chat.postMessage` with message metadata (`metadata.event_type` / `event_payload`), which
    /// lets the sender recognise the message later in `conversations.history`.
    /// - Parameters:
    ///   - channel: A conversation ID.
    ///   - message: Text fallback and blocks.
    ///   - metadata: Carried with the message; Slack shows it to apps, not to people.
    ///   - token: Overrides the client's token for this call.
    public func postMessage(channel: String, message: SlackMessage, metadata: SlackMessageMetadata, token: SlackToken? = nil) async throws -> SlackPostedMessage {
        let body = MetadataMessageArguments(channel: channel, text: message.text, blocks: message.blocks.isEmpty ? nil : message.blocks, metadata: metadata)
        return try await call("chat.postMessage", arguments: .json(try SlackJSON.encode(body)), token: token, channel: channel)
    }

    /// `conversations.history`: one page of a conversation's messages, newest first.
    /// - Parameters:
    ///   - channel: The conversation ID.
    ///   - oldest: Only messages after this Unix time (Slack's `oldest`, exclusive).
    ///   - limit: Page size (Slack allows up to 999 and recommends 200 or fewer).
    ///   - includeAllMetadata: Return every app's message metadata, not only this app's.
    ///   - cursor: The previous page's ``SlackHistoryPage/nextCursor``.
    public func conversationHistory(
        channel: String, oldest: Date? = nil, limit: Int = 200, includeAllMetadata: Bool = true, cursor: String? = nil, token: SlackToken? = nil
    ) async throws -> SlackHistoryPage {
        var fields = [FormFields.Field(name: "channel", value: channel), FormFields.Field(name: "limit", value: String(max(1, min(limit, 999))))]
        if let oldest {
            // Slack's timestamps are seconds with six decimals; no exponent, no locale.
            let micros = Int64((oldest.timeIntervalSince1970 * 1_000_000).rounded(.down))
            let fraction = String(micros % 1_000_000)
            fields.append(FormFields.Field(name: "oldest", value: "\(micros / 1_000_000).\(String(repeating: "0", count: 6 - fraction.count))\(fraction)"))
        }
        if includeAllMetadata { fields.append(FormFields.Field(name: "include_all_metadata", value: "true")) }
        if let cursor { fields.append(FormFields.Field(name: "cursor", value: cursor)) }
        return try await call("conversations.history", arguments: .form(FormFields(fields)), token: token, as: SlackHistoryPage.self)
    }
}

private struct MetadataMessageArguments: Encodable {
    var channel: String
    var text: String
    var blocks: [Block]?
    var metadata: SlackMessageMetadata
}
