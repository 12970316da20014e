#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Everything Slack can deliver to the bot, decoded once into one typed value that HTTP routes and the
/// Socket Mode client share, so handlers never see which transport carried it.
public enum SlackInbound: Sendable, Hashable {
    /// A slash command.
    case slashCommand(SlashCommand)
    /// An Events API callback.
    case event(SlackEventCallback)
    /// A `block_actions` interaction.
    case interactive(SlackBlockActions)
    /// A modal's submit button was pressed (`view_submission`).
    case viewSubmission(SlackViewSubmission)
    /// A modal was closed (`view_closed`, sent only when the view asked for it).
    case viewClosed(SlackViewClosed)
    /// Slack checking an Events API Request URL; answer with the challenge.
    case urlVerification(challenge: String)
    /// Slack checking the TLS certificate of a slash command URL; answer 200.
    case sslCheck
    /// A well-formed payload of a type this module does not model (a `shortcut`,
    /// `app_rate_limited`, …); acknowledge it and move on.
    case unsupported(type: String)
}

extension SlackInbound {
    /// Decodes an HTTP request body from any of Slack's request URLs.
    ///
    /// JSON bodies are Events API callbacks; form bodies are slash commands (`command=`), interactions
    /// (`payload=` holding JSON) or SSL checks (`ssl_check=1`).
    /// - Parameters:
    ///   - body: The raw body bytes (the same bytes the signature covered).
    ///   - contentType: The `Content-Type` header, used to tell JSON from forms.
    ///   - retry: Retry metadata from the `x-slack-retry-*` headers, attached to events.
    public init(httpBody body: some Collection<UInt8>, contentType: String?, retry: SlackRetry? = nil) throws(SlackPayloadError) {
        // Copied once into an array: every byte-wise step below then runs on a concrete type
        // instead of through the generic collection's witnesses (from another module, a
        // `ByteBufferView`, that made parsing a few hundred bytes cost more than answering).
        let bytes = body.withContiguousStorageIfAvailable { Array($0) } ?? Array(body)
        try self.init(bytes: bytes, contentType: contentType, retry: retry)
    }

    private init(bytes body: [UInt8], contentType: String?, retry: SlackRetry?) throws(SlackPayloadError) {
        guard !body.isEmpty else { throw .emptyBody }
        // Media types never contain spaces, so dropping them is the same as trimming.
        let mediaType = contentType?.split(separator: ";").first.map { $0.filter { $0 != " " && $0 != "\t" }.lowercased() }
        let looksLikeJSON = body.first { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\n") } == UInt8(ascii: "{")
        if mediaType == "application/json" || (mediaType == nil && looksLikeJSON) {
            self = try SlackJSON.decode(EventsAPIBody.self, from: Data(body)).inbound(retry: retry)
            return
        }
        let form = try FormFields(decoding: body)
        if form["ssl_check"] == "1" {
            self = .sslCheck
        } else if let payload = form["payload"] {
            self = try SlackJSON.decode(InteractionBody.self, from: Data(payload.utf8)).inbound()
        } else if form["command"] != nil {
            self = .slashCommand(try SlashCommand(form: form))
        } else {
            throw .unrecognizedBody
        }
    }
}

/// Shared JSON coders and the mapping from `DecodingError` to ``SlackPayloadError``.
public enum SlackJSON {
    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws(SlackPayloadError) -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as SlackPayloadError {
            // Thrown by nested payload mapping (e.g. a slash command inside an envelope).
            throw error
        } catch let error as DecodingError {
            throw Self.payloadError(error)
        } catch {
            throw .malformedJSON(reason: "unreadable JSON")
        }
    }

    /// Encodes a payload as Slack documents it: compact JSON with keys in a stable order.
    public static func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        // Sorted keys make bodies stable, which keeps logs and test fixtures comparable.
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    static func payloadError(_ error: DecodingError) -> SlackPayloadError {
        func path(_ context: DecodingError.Context, _ key: (any CodingKey)? = nil) -> String {
            let keys = context.codingPath + (key.map { [$0] } ?? [])
            return keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return .missingField(path(context, key))
        case .valueNotFound(_, let context):
            return .missingField(path(context))
        case .typeMismatch(_, let context):
            return .malformedJSON(reason: "unexpected type at '\(path(context))'")
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty
                ? .malformedJSON(reason: "not valid JSON") : .malformedJSON(reason: "invalid value at '\(path(context))'")
        @unknown default:
            return .malformedJSON(reason: "unreadable JSON")
        }
    }
}
