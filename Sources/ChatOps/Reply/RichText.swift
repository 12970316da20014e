/// Inline text that each platform formats its own way: Slack mrkdwn, Mattermost markdown, plain.
///
/// Handlers build replies from these spans and never write a platform's markup, so catalog text
/// is escaped once, by the renderer that knows the platform.
public struct RichText: Sendable, Hashable, Codable, ExpressibleByStringLiteral, ExpressibleByStringInterpolation {
    /// One run of text.
    public enum Span: Sendable, Hashable, Codable {
        case text(String)
        case bold(String)
        case italic(String)
        case code(String)
        case link(url: String, label: String)
        /// A chat channel, written as people know it (`#squad-playlists`) or by id (`C0123`).
        case channel(String)
        /// A chat user by platform id (`U0123`).
        case user(id: String)
    }

    /// The spans, in order.
    public var spans: [Span]

    /// Creates text from spans.
    public init(_ spans: [Span]) { self.spans = spans }

    public init(stringLiteral value: String) { spans = [.text(value)] }

    /// Plain text.
    public static func text(_ value: String) -> RichText { RichText([.text(value)]) }
    /// Bold text.
    public static func bold(_ value: String) -> RichText { RichText([.bold(value)]) }
    /// Inline code.
    public static func code(_ value: String) -> RichText { RichText([.code(value)]) }
    /// A link.
    public static func link(_ url: String, _ label: String) -> RichText { RichText([.link(url: url, label: label)]) }

    /// Joins pieces with a separator.
    public static func joined(_ parts: [RichText], separator: String) -> RichText {
        var spans: [Span] = []
        for (index, part) in parts.enumerated() {
            if index > 0 { spans.append(.text(separator)) }
            spans += part.spans
        }
        return RichText(spans)
    }

    /// Concatenates two pieces of text.
    public static func + (lhs: RichText, rhs: RichText) -> RichText { RichText(lhs.spans + rhs.spans) }

    /// The text with all formatting dropped.
    public var plain: String {
        spans.map { span in
            switch span {
            case .text(let text), .bold(let text), .italic(let text), .code(let text): text
            case .link(let url, let label): label == url ? url : "\(label) (\(url))"
            case .channel(let channel): channel
            case .user(let id): "@\(id)"
            }
        }.joined()
    }

    // String interpolation: `"owned by \(bold: team)"`.
    public struct StringInterpolation: StringInterpolationProtocol {
        var spans: [Span] = []
        public init(literalCapacity: Int, interpolationCount: Int) {}
        public mutating func appendLiteral(_ literal: String) { if !literal.isEmpty { spans.append(.text(literal)) } }
        public mutating func appendInterpolation(_ value: String) { spans.append(.text(value)) }
        public mutating func appendInterpolation(bold value: String) { spans.append(.bold(value)) }
        public mutating func appendInterpolation(code value: String) { spans.append(.code(value)) }
        public mutating func appendInterpolation(_ text: RichText) { spans += text.spans }
    }

    public init(stringInterpolation: StringInterpolation) { spans = stringInterpolation.spans }
}
