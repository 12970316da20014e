#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One text message Slack sends over a Socket Mode WebSocket.
public enum SocketModeMessage: Sendable, Hashable {
    /// Sent right after connecting.
    case hello(SocketModeHello)
    /// Slack is about to close (or wants us to replace) this connection.
    case disconnect(SocketModeDisconnect)
    /// Something to handle and acknowledge.
    case envelope(SocketModeEnvelope)

    /// Decodes one message.
    /// - Throws: ``SlackPayloadError`` for malformed JSON or a missing `envelope_id`.
    public init(text: String) throws(SlackPayloadError) {
        self = try SlackJSON.decode(SocketModeMessage.self, from: Data(text.utf8))
    }
}

/// The `hello` message.
public struct SocketModeHello: Sendable, Hashable {
    /// How many sockets this app has open, including this one (at most 10).
    public var numConnections: Int?
    /// The Slack host serving this socket, for support requests.
    public var debugHost: String?
    /// Seconds until Slack expects to refresh this connection.
    public var approximateConnectionTime: Int?

    /// Creates a hello.
    public init(numConnections: Int? = nil, debugHost: String? = nil, approximateConnectionTime: Int? = nil) {
        self.numConnections = numConnections
        self.debugHost = debugHost
        self.approximateConnectionTime = approximateConnectionTime
    }
}

/// The `disconnect` message.
public struct SocketModeDisconnect: Sendable, Hashable {
    /// Why Slack is disconnecting.
    public enum Reason: Sendable, Hashable {
        /// The connection will close in about ten seconds.
        case warning
        /// Slack wants a new connection now.
        case refreshRequested
        /// Socket Mode was turned off for the app; reconnecting would be futile.
        case linkDisabled
        /// Any other reason, e.g. `too_many_websockets`.
        case other(String)

        /// Maps Slack's reason string.
        public init(_ raw: String) {
            switch raw {
            case "warning": self = .warning
            case "refresh_requested": self = .refreshRequested
            case "link_disabled": self = .linkDisabled
            default: self = .other(raw)
            }
        }
    }

    /// Why.
    public var reason: Reason
    /// The Slack host, for support requests.
    public var debugHost: String?

    /// Creates a disconnect.
    public init(reason: Reason, debugHost: String? = nil) {
        self.reason = reason
        self.debugHost = debugHost
    }
}

/// A Socket Mode envelope: a payload plus what the acknowledgement needs.
public struct SocketModeEnvelope: Sendable, Hashable {
    /// What the handler learns about the envelope besides its payload.
    public var info: SocketModeEnvelopeInfo
    /// The payload, decoded exactly as the HTTP transport would decode it.
    public var inbound: SlackInbound

    /// Creates an envelope.
    public init(info: SocketModeEnvelopeInfo, inbound: SlackInbound) {
        self.info = info
        self.inbound = inbound
    }
}

/// Envelope metadata handed to the Socket Mode handler alongside the payload.
public struct SocketModeEnvelopeInfo: Sendable, Hashable {
    /// Echoed in the acknowledgement.
    public var envelopeID: String
    /// `slash_commands`, `events_api`, `interactive`, or something newer.
    public var type: String
    /// Whether the acknowledgement may carry a response payload (slash commands, some interactions).
    public var acceptsResponsePayload: Bool
    /// Set when Slack is redelivering.
    public var retry: SlackRetry?

    /// Creates envelope metadata.
    public init(envelopeID: String, type: String, acceptsResponsePayload: Bool, retry: SlackRetry? = nil) {
        self.envelopeID = envelopeID
        self.type = type
        self.acceptsResponsePayload = acceptsResponsePayload
        self.retry = retry
    }
}

extension SocketModeMessage: Decodable {
    private enum CodingKeys: String, CodingKey {
        case type, reason, payload
        case numConnections = "num_connections"
        case debugInfo = "debug_info"
        case envelopeID = "envelope_id"
        case acceptsResponsePayload = "accepts_response_payload"
        case retryAttempt = "retry_attempt"
        case retryReason = "retry_reason"
    }

    private struct DebugInfo: Decodable {
        var host: String?
        var approximateConnectionTime: Int?
        enum CodingKeys: String, CodingKey {
            case host
            case approximateConnectionTime = "approximate_connection_time"
        }
    }

    /// Decodes Slack's JSON shape, tolerating absent optional fields.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .type)
        // debug_info is diagnostics only; a change in its shape must not drop the connection.
        let debugInfo = try? container.decodeIfPresent(DebugInfo.self, forKey: .debugInfo)
        switch type {
        case "hello":
            self = .hello(
                SocketModeHello(
                    numConnections: try container.decodeIfPresent(Int.self, forKey: .numConnections),
                    debugHost: debugInfo?.host, approximateConnectionTime: debugInfo?.approximateConnectionTime))
        case "disconnect":
            let reason = try container.decodeIfPresent(String.self, forKey: .reason) ?? ""
            self = .disconnect(SocketModeDisconnect(reason: .init(reason), debugHost: debugInfo?.host))
        default:
            let info = SocketModeEnvelopeInfo(
                envelopeID: try container.decode(String.self, forKey: .envelopeID),
                type: type,
                acceptsResponsePayload: try container.decodeIfPresent(Bool.self, forKey: .acceptsResponsePayload) ?? false,
                retry: SlackRetry(
                    retryAttempt: try container.decodeIfPresent(Int.self, forKey: .retryAttempt),
                    retryReason: try container.decodeIfPresent(String.self, forKey: .retryReason)))
            let inbound: SlackInbound
            switch type {
            case "slash_commands":
                let fields = try container.decode([String: LenientString].self, forKey: .payload)
                inbound = .slashCommand(try SlashCommand(field: { fields[$0]?.value }))
            case "events_api":
                inbound = try container.decode(EventsAPIBody.self, forKey: .payload).inbound(retry: info.retry)
            case "interactive":
                inbound = try container.decode(InteractionBody.self, forKey: .payload).inbound()
            default:
                inbound = .unsupported(type: type)
            }
            self = .envelope(SocketModeEnvelope(info: info, inbound: inbound))
        }
    }
}
