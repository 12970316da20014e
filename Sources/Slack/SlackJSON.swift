import Foundation

/// Encodes Slack payloads the way Slack documents them: compact JSON, keys in a stable order.
public enum SlackJSON {
    /// The JSON text of a payload.
    public static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
