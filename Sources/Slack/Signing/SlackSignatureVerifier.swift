import Crypto

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Checks that an HTTP request really comes from Slack (docs.slack.dev, "Verifying requests from Slack").
///
/// The HMAC covers `v0:<timestamp>:<raw body>`, so call this with the body bytes exactly as received,
/// before any form or JSON decoding.
///
/// ```swift
/// let verifier = SlackSignatureVerifier(signingSecret: secret)
/// try verifier.verify(body: bytes, timestamp: headers["X-Slack-Request-Timestamp"],
///                     signature: headers["X-Slack-Signature"])
/// ```
public struct SlackSignatureVerifier: Sendable, CustomReflectable {
    /// Slack's replay window: requests more than five minutes away from `now` are refused.
    public static let defaultReplayWindow: Int64 = 300

    /// `dump` and `Mirror` never see the signing secret.
    public var customMirror: Mirror { Mirror(self, children: ["signingSecret": "<redacted>", "replayWindow": replayWindow], displayStyle: .struct) }

    // Raw bytes rather than a SymmetricKey, which swift-crypto does not mark Sendable.
    private let secret: [UInt8]
    private let replayWindow: Int64
    private let now: @Sendable () -> Int64

    /// Creates a verifier.
    /// - Parameters:
    ///   - signingSecret: The app's signing secret, used as UTF-8 bytes (it is not hex-decoded).
    ///   - replayWindow: Largest accepted distance, in seconds, between the timestamp and `now`.
    ///   - now: The current Unix time in seconds; injected so tests can replay Slack's 2018 vector.
    public init(
        signingSecret: String,
        replayWindow: Int64 = SlackSignatureVerifier.defaultReplayWindow,
        now: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }
    ) {
        self.secret = Array(signingSecret.utf8)
        self.replayWindow = replayWindow
        self.now = now
    }

    /// Verifies one request, throwing ``SlackSignatureError`` when it must be rejected.
    /// - Parameters:
    ///   - body: The raw request body bytes.
    ///   - timestamp: The `X-Slack-Request-Timestamp` header value, if present.
    ///   - signature: The `X-Slack-Signature` header value, if present.
    public func verify(body: some Sequence<UInt8>, timestamp: String?, signature: String?) throws(SlackSignatureError) {
        guard let timestamp else { throw .missingTimestamp }
        guard let signature else { throw .missingSignature }
        guard let seconds = Self.parseTimestamp(timestamp) else { throw .malformedTimestamp }
        guard let mac = Self.parseSignature(signature) else { throw .malformedSignature }
        let current = now()
        // Subtracting two Int64 Unix times cannot overflow for any plausible clock, but a hostile
        // header could be near Int64.max, so compare with overflow-safe arithmetic.
        let (distance, overflow) = current.subtractingReportingOverflow(seconds)
        guard !overflow, distance.magnitude <= UInt64(replayWindow) else {
            throw .staleTimestamp(timestamp: seconds, now: current)
        }
        var message = Array("v0:\(timestamp):".utf8)
        message.append(contentsOf: body)
        // Constant-time comparison: timing must not reveal how many leading bytes matched.
        guard HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: message, using: SymmetricKey(data: secret)) else {
            throw .mismatch
        }
    }

    /// Returns `v0=<hex>` for a body and timestamp; what Slack would send. Used by the request signer.
    public static func signature(signingSecret: String, timestamp: String, body: some Sequence<UInt8>) -> String {
        var message = Array("v0:\(timestamp):".utf8)
        message.append(contentsOf: body)
        let code = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Array(signingSecret.utf8)))
        return "v0=" + Hex.encode(Array(code))
    }

    private static func parseTimestamp(_ text: String) -> Int64? {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        return Int64(text)
    }

    private static func parseSignature(_ text: String) -> [UInt8]? {
        guard text.hasPrefix("v0=") else { return nil }
        let hex = text.utf8.dropFirst(3)
        guard hex.count == SHA256.byteCount * 2 else { return nil }
        return Hex.decode(hex)
    }
}
