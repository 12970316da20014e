/// One word of a command's text after lexing: what the person typed, with the chat platform's
/// escapes already decoded.
public enum CommandToken: Sendable, Hashable {
    /// An unquoted word; may be an option (`--depth`), a `key=value` pair or a plain value.
    case word(String)
    /// Quoted text (`"playlist api"`, `“curly”`); always a plain value, never an option.
    case quoted(String)
    /// A mention of a person: Slack's `<@U123|name>` or `<@U123>`.
    case user(id: String, label: String?)
    /// A mention of a channel: Slack's `<#C123|name>` or `<#C123>`.
    case channel(id: String, label: String?)
    /// A link: Slack's `<https://…|label>` or `<https://…>`.
    case link(url: String, label: String?)

    /// The token as text, for arguments that take text: mentions become their names.
    public var text: String {
        switch self {
        case .word(let text), .quoted(let text): text
        case .user(let id, let label): label.map { "@\($0)" } ?? id
        case .channel(let id, let label): label.map { "#\($0)" } ?? id
        case .link(let url, let label): label ?? url
        }
    }
}
