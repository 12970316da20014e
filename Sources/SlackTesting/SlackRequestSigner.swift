import Slack

/// Signs request bodies the way Slack does, so tests can send requests the server will accept
/// (checked against Slack's official test vector in SlackTests).
public struct SlackRequestSigner: Sendable {
    /// The two headers Slack adds to every signed request.
    public struct Headers: Sendable, Hashable {
        /// `X-Slack-Request-Timestamp`.
        public var timestamp: String
        /// `X-Slack-Signature`.
        public var signature: String

        /// The headers by name.
        public var fields: [(name: String, value: String)] {
            [("X-Slack-Request-Timestamp", timestamp), ("X-Slack-Signature", signature)]
        }
    }

    private let signingSecret: String

    /// Creates a signer for an app's signing secret.
    public init(signingSecret: String) {
        self.signingSecret = signingSecret
    }

    /// Signs raw body bytes sent at `timestamp` (Unix seconds).
    public func sign(body: some Sequence<UInt8>, timestamp: Int64) -> Headers {
        let stamp = String(timestamp)
        return Headers(timestamp: stamp, signature: SlackSignatureVerifier.signature(signingSecret: signingSecret, timestamp: stamp, body: body))
    }

    /// Signs a UTF-8 body sent at `timestamp` (Unix seconds).
    public func sign(body: String, timestamp: Int64) -> Headers {
        sign(body: Array(body.utf8), timestamp: timestamp)
    }
}
