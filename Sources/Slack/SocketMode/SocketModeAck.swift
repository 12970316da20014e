/// The acknowledgement for one envelope: `{"envelope_id": …}` plus `payload` when there is one.
public struct SocketModeAck: Sendable, Hashable, Encodable {
    /// The envelope being acknowledged.
    public var envelopeID: String
    /// The immediate response, e.g. a slash command's reply; omitted when nil.
    public var payload: SlackMessage?

    /// Creates an acknowledgement.
    public init(envelopeID: String, payload: SlackMessage? = nil) {
        self.envelopeID = envelopeID
        self.payload = payload
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
