import Catalog
import Foundation

/// Renders a ``Reply``'s structured answer as JSON with sorted keys, for scripts.
public enum JSONRenderer {
    /// The answer as pretty-printed JSON, ending with a newline.
    public static func render(_ reply: Reply) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(reply.data), as: UTF8.self) + "\n"
    }
}
