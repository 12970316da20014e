/// The acknowledgement for one envelope: `{"envelope_id": …}` plus `payload` when there is one.
public struct SocketModeAck: Sendable, Hashable, Encodable {
    /// What an acknowledgement may carry back to Slack.
    public enum Payload: Sendable, Hashable, Encodable {
        /// A slash command's immediate reply.
        case message(SlackMessage)
        /// A `view_submission`'s answer: field errors, the next view, or closing the modal.
        case viewResponse(ViewResponse)

        public func encode(to encoder: any Encoder) throws {
            switch self {
            case .message(let message): try message.encode(to: encoder)
            case .viewResponse(let response): try response.encode(to: encoder)
            }
        }
    }

    /// The envelope being acknowledged.
    public var envelopeID: String
    /// The immediate response, e.g. a slash command's reply; omitted when nil.
    public var payload: Payload?

    /// Creates an acknowledgement.
    public init(envelopeID: String, payload: Payload? = nil) {
        self.envelopeID = envelopeID
        self.payload = payload
    }

    /// Creates an acknowledgement carrying a message.
    public init(envelopeID: String, payload: SlackMessage) {
        self.init(envelopeID: envelopeID, payload: .message(payload))
    }

    enum CodingKeys: String, CodingKey {
        case payload
        case envelopeID = "envelope_id"
    }

    /// The JSON text frame to send.
    public func jsonText() throws -> String {
        String(decoding: try SlackJSON.encode(self), as: UTF8.self)
    }
}
