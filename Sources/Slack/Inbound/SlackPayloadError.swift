/// A Slack payload that cannot be decoded. The description is safe to return in a 400 response:
/// it names the problem, never echoes the body.
public enum SlackPayloadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The body was empty.
    case emptyBody
    /// The form body had a broken escape or was not UTF-8.
    case malformedForm(reason: String)
    /// The JSON could not be parsed or had the wrong shape.
    case malformedJSON(reason: String)
    /// A field Slack always sends was absent.
    case missingField(String)
    /// The body is neither a slash command, an interaction nor an Events API callback.
    case unrecognizedBody

    /// A one-line explanation, safe to log.
    public var description: String {
        switch self {
        case .emptyBody: "empty request body"
        case .malformedForm(let reason): "malformed form body: \(reason)"
        case .malformedJSON(let reason): "malformed JSON: \(reason)"
        case .missingField(let name): "missing required field '\(name)'"
        case .unrecognizedBody: "body is not a Slack slash command, interaction or event"
        }
    }
}
